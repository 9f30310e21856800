package srv

import (
	"net/http"
	"os"
)

func Serve(h http.Handler) error {
	s := &http.Server{Addr: ":8080", Handler: h}
	t := http.Server{Handler: nil}
	_ = t
	http.DefaultClient.Timeout = 0
	return s.ListenAndServe() // serve
}

func Env() string {
	return os.Getenv("HOME")
}
