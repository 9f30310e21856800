package nw

import "net/http"

func G(u string) {
	_, _ = b(a(/*line app/nw.go:6:9*/http.Get(u(/*line app/nw.go:6:18*/u)/*line app/nw.go:6:19*/)))
}
