// Command service is P5's HTTP service as its author wrote it: no OpenTelemetry in
// its code. `make bench` times it plain and rewritten by the trace profile (whose
// http_server.yaml wraps the http.Server's Handler), next to handwired/, the same
// service wired by hand with otelhttp.
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", item)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	// The load generator reads the address from this line.
	fmt.Fprintf(os.Stdout, "listening on %s\n", listener.Addr())
	server := &http.Server{Handler: mux}
	log.Fatal(server.Serve(listener))
}

func item(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"id\": %q, \"price\": 1250}\n", r.PathValue("id"))
}
