package re

import "net/http"

var c = &http.Client{}

func Make() *http.Client {
	return &http.Client{Timeout: 0}
}
