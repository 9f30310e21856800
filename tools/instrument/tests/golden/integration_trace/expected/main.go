package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
); import rt "github.com/rules-go-instrument/rules_go_instrument/aspects/runtime"

//trace:span tool.load
func load(ctx context.Context, path string) (_ /*line app/main.go:14:46*/[]byte, err /*line app/main.go:14:54*/error) { ctx, __rgi_span := rt.StartSpan(ctx, "tool.load")
 defer rt.EndSpan(__rgi_span, &err)
/*line app/main.go:14:62*/
	return os.ReadFile(path)
}

//trace:span
func check(ctx/*line app/main.go:19:13*/ context.Context, data []byte) (n int, err error) { ctx, __rgi_span := rt.StartSpan(ctx, "check")
 defer rt.EndSpan(__rgi_span, &err)
/*line app/main.go:19:64*/
	if len(data) == 0 {
		err = errors.New("empty")
	}
	return len(data), err
}

//trace:span
func report(ctx /*line app/main.go:27:13*/context.Context) { ctx, __rgi_span := rt.StartSpan(ctx, "report")
 defer __rgi_span.End()
/*line app/main.go:27:31*/
	fmt.Println("done")
}

func main() { defer rt.Start()()
/*line app/main.go:31:14*/
	stop := make(chan os.Signal, 1)
	rt.Notify/*line app/main.go:33:15*/(stop, syscall.SIGTERM)
	defer rt.Stop/*line app/main.go:34:19*/(stop)
	data, err := load(context.Background(), os.Args[1])
	if err != nil {
		rt.Fatalf/*line app/main.go:37:13*/("load: %v", err)
	}
	if _, err := check(context.Background(), data); err != nil {
		rt.Fatal/*line app/main.go:40:12*/(err)
	}
	report(context.Background())
	rt.Exit/*line app/main.go:43:9*/(run())
}

func run() int { return 0 }

var _ = os.Exit

var _ = log.Fatal

var _ = log.Fatalf

var _ = signal.Notify

var _ = signal.Stop
