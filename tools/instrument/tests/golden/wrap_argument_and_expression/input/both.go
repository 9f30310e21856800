package wa

import "net/http"

func H(h http.Handler) {
	http.Handle("/", h)
}
