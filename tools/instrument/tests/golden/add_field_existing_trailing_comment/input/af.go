package af

import "net/http"

func S() *http.Server {
	return &http.Server{ // the server
		Addr: ":1", // port
		// more to come
	}
}
