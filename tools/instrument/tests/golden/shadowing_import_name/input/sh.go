package sh

import "net/http"

func Get(url string) {
	otel := "a local variable named like the rule's import"
	_ = otel
	r, _ := http.Get(url)
	_ = r
}
