package sf

import "net/http"

func S(mux *http.ServeMux) *http.Server {
	return &http.Server{
		Handler: http.HandlerFunc(
			func(w http.ResponseWriter, r *http.Request) {
				mux.ServeHTTP(w, r)
			},
		),
	}
}
