// Command load is P5's load generator: it starts one build of the service with an
// OTLP/HTTP receiver of its own (a sink that counts what it is sent), sends it a
// bounded number of sequential GET requests over one keep-alive connection on
// 127.0.0.1, stops it with SIGTERM (so it flushes its spans) and prints one JSON
// line: latency quantiles in microseconds and what the sink received.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

type result struct {
	Requests      int     `json:"requests"`
	P50us         float64 `json:"p50_us"`
	P90us         float64 `json:"p90_us"`
	P99us         float64 `json:"p99_us"`
	MeanUs        float64 `json:"mean_us"`
	SinkRequests  int64   `json:"sink_requests"`
	SinkBytes     int64   `json:"sink_bytes"`
	ServerExitErr string  `json:"server_exit_error,omitempty"`
}

func main() {
	requests := flag.Int("n", 2000, "timed requests")
	warmup := flag.Int("warmup", 200, "untimed requests first")
	flag.Parse()
	if flag.NArg() != 1 {
		fail("usage: load [-n N] [-warmup N] SERVER_BINARY")
	}
	var sinkRequests, sinkBytes atomic.Int64
	sink := startSink(&sinkRequests, &sinkBytes)
	server, address := startServer(flag.Arg(0), sink)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	url := "http://" + address + "/items/"
	for i := 0; i < *warmup; i++ {
		get(client, url, i)
	}
	latencies := make([]time.Duration, *requests)
	for i := range latencies {
		start := time.Now()
		get(client, url, i)
		latencies[i] = time.Since(start)
	}
	client.CloseIdleConnections()

	if err := server.Process.Signal(syscall.SIGTERM); err != nil {
		fail("SIGTERM: %v", err)
	}
	res := summarize(latencies)
	if err := wait(server, 15*time.Second); err != nil {
		res.ServerExitErr = err.Error()
	}
	res.SinkRequests, res.SinkBytes = sinkRequests.Load(), sinkBytes.Load()
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		fail("%v", err)
	}
}

// startSink serves OTLP/HTTP's trace endpoint: 200 and an empty
// ExportTraceServiceResponse (zero bytes of protobuf) for every export.
func startSink(requests, bytes *atomic.Int64) string {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("sink: %v", err)
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		requests.Add(1)
		bytes.Add(n)
		w.Header().Set("Content-Type", "application/x-protobuf")
		w.WriteHeader(http.StatusOK)
	})
	go http.Serve(listener, handler)
	return "http://" + listener.Addr().String()
}

func startServer(binary, sink string) (*exec.Cmd, string) {
	server := exec.Command(binary)
	server.Env = append(os.Environ(),
		"OTEL_TRACES_EXPORTER=otlp",
		"OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
		"OTEL_EXPORTER_OTLP_ENDPOINT="+sink,
		"OTEL_METRICS_EXPORTER=none",
		"OTEL_LOGS_EXPORTER=none",
	)
	server.Stderr = os.Stderr
	stdout, err := server.StdoutPipe()
	if err != nil {
		fail("%v", err)
	}
	if err := server.Start(); err != nil {
		fail("start %s: %v", binary, err)
	}
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if address, ok := strings.CutPrefix(lines.Text(), "listening on "); ok {
			go io.Copy(io.Discard, stdout)
			return server, address
		}
	}
	server.Process.Kill()
	fail("%s exited without printing its address", binary)
	return nil, ""
}

func get(client *http.Client, url string, i int) {
	response, err := client.Get(fmt.Sprint(url, i))
	if err != nil {
		fail("GET: %v", err)
	}
	_, err = io.Copy(io.Discard, response.Body)
	response.Body.Close()
	if err != nil || response.StatusCode != http.StatusOK {
		fail("GET %s%d: status %d, %v", url, i, response.StatusCode, err)
	}
}

func summarize(latencies []time.Duration) result {
	sorted := append([]time.Duration(nil), latencies...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var total time.Duration
	for _, l := range sorted {
		total += l
	}
	quantile := func(q float64) float64 {
		return float64(sorted[int(q*float64(len(sorted)-1))].Nanoseconds()) / 1e3
	}
	return result{
		Requests: len(sorted),
		P50us:    quantile(0.50),
		P90us:    quantile(0.90),
		P99us:    quantile(0.99),
		MeanUs:   float64(total.Nanoseconds()) / float64(len(sorted)) / 1e3,
	}
}

func wait(server *exec.Cmd, timeout time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- server.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(timeout):
		server.Process.Kill()
		return fmt.Errorf("did not exit %s after SIGTERM", timeout)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load: "+format+"\n", args...)
	os.Exit(1)
}
