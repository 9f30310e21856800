package wa

import "net/http"

func H(h http.Handler) {
	func() { /*line app/both.go:6:2*/http.Handle("/", outerH(wrapH(/*line app/both.go:6:19*/h))/*line app/both.go:6:20*/) }()
}
