package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
)

//trace:span tool.load
func load(ctx context.Context, path string) ([]byte, error) {
	return os.ReadFile(path)
}

//trace:span
func check(_ context.Context, data []byte) (n int, err error) {
	if len(data) == 0 {
		err = errors.New("empty")
	}
	return len(data), err
}

//trace:span
func report(context.Context) {
	fmt.Println("done")
}

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM)
	defer signal.Stop(stop)
	data, err := load(context.Background(), os.Args[1])
	if err != nil {
		log.Fatalf("load: %v", err)
	}
	if _, err := check(context.Background(), data); err != nil {
		log.Fatal(err)
	}
	report(context.Background())
	os.Exit(run())
}

func run() int { return 0 }
