package nw

import "net/http"

func G(u string) {
	_, _ = http.Get(u)
}
