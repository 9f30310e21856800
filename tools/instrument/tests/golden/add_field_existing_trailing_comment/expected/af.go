package af

import "net/http"; import time "time"

func S() *http.Server {
	return &http.Server{ReadHeaderTimeout: 5 * time.Second,/*line app/af.go:6:22*/ // the server
		Addr: ":1", // port
		// more to come
	}
}
