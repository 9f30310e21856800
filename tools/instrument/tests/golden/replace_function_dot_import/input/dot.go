package rf

import . "net/http"

func G(u string) {
	_, _ = Get(u)
}
