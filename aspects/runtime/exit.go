package runtime

import (
	"fmt"
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// Exit flushes the SDK, then calls os.Exit(code): os.Exit skips deferred calls,
// so the rules replace os.Exit with it. The argument is evaluated before the
// flush, so spans it ends are exported.
func Exit(code int) {
	shutdown()
	os.Exit(code)
}

// Fatal is log.Fatal that flushes the SDK before exiting.
func Fatal(v ...any) {
	_ = log.Output(2, fmt.Sprint(v...))
	Exit(1)
}

// Fatalf is log.Fatalf that flushes the SDK before exiting.
func Fatalf(format string, v ...any) {
	_ = log.Output(2, fmt.Sprintf(format, v...))
	Exit(1)
}

// Fatalln is log.Fatalln that flushes the SDK before exiting.
func Fatalln(v ...any) {
	_ = log.Output(2, fmt.Sprintln(v...))
	Exit(1)
}

// terminating are the signals whose default action ends a Go program and
// that the runtime flushes on.
var terminating = []os.Signal{syscall.SIGINT, syscall.SIGTERM}

// programSignals records the signal channels the program registered through
// Notify (the rules replace signal.Notify/Stop/Reset/Ignore with the functions
// below), so a signal only the runtime listens for keeps its default effect.
var programSignals = struct {
	sync.Mutex
	channels map[chan<- os.Signal]map[os.Signal]bool // nil set: every signal
}{channels: map[chan<- os.Signal]map[os.Signal]bool{}}

// Notify is signal.Notify that remembers the program handles sig.
func Notify(c chan<- os.Signal, sig ...os.Signal) {
	programSignals.Lock()
	if len(sig) == 0 {
		programSignals.channels[c] = nil
	} else if set, ok := programSignals.channels[c]; !ok || set != nil {
		if set == nil {
			set = map[os.Signal]bool{}
		}
		for _, s := range sig {
			set[s] = true
		}
		programSignals.channels[c] = set
	}
	programSignals.Unlock()
	signal.Notify(c, sig...)
}

// Stop is signal.Stop that forgets c.
func Stop(c chan<- os.Signal) {
	programSignals.Lock()
	delete(programSignals.channels, c)
	programSignals.Unlock()
	signal.Stop(c)
}

// Reset is signal.Reset; the runtime keeps its own flush-on-signal channel.
func Reset(sig ...os.Signal) {
	forget(sig)
	signal.Reset(sig...)
	installedMu.Lock()
	started := installed != nil
	installedMu.Unlock()
	if started {
		listenForSignals()
	}
}

// Ignore is signal.Ignore; an ignored signal is not flushed on (it does nothing).
func Ignore(sig ...os.Signal) {
	forget(sig)
	signal.Ignore(sig...)
}

func forget(sig []os.Signal) {
	programSignals.Lock()
	defer programSignals.Unlock()
	if len(sig) == 0 {
		clear(programSignals.channels)
		return
	}
	for c, set := range programSignals.channels {
		for _, s := range sig {
			if set == nil {
				set = allBut(s)
			}
			delete(set, s)
		}
		if len(set) == 0 {
			delete(programSignals.channels, c)
		} else {
			programSignals.channels[c] = set
		}
	}
}

// allBut approximates "every signal" for a channel that is being narrowed: the
// runtime only ever asks about the terminating signals.
func allBut(s os.Signal) map[os.Signal]bool {
	set := map[os.Signal]bool{}
	for _, t := range terminating {
		if t != s {
			set[t] = true
		}
	}
	return set
}

func programHandles(sig os.Signal) bool {
	programSignals.Lock()
	defer programSignals.Unlock()
	for _, set := range programSignals.channels {
		if set == nil || set[sig] {
			return true
		}
	}
	return false
}

var signalListener struct {
	sync.Mutex
	ch chan os.Signal
}

// listenForSignals flushes on SIGINT/SIGTERM. When the program handles the
// signal itself, the SDK is flushed and the program goes on as it would have;
// otherwise the SDK is shut down and the signal raised again with its default
// action, so the program ends exactly as it would have without tracing.
// Signals the program ignores (nohup) stay ignored.
func listenForSignals() {
	signalListener.Lock()
	defer signalListener.Unlock()
	if signalListener.ch != nil {
		signal.Stop(signalListener.ch)
	}
	var watched []os.Signal
	for _, s := range terminating {
		if !signal.Ignored(s) {
			watched = append(watched, s)
		}
	}
	if len(watched) == 0 {
		signalListener.ch = nil
		return
	}
	ch := make(chan os.Signal, 1)
	signalListener.ch = ch
	signal.Notify(ch, watched...)
	go func() {
		for sig := range ch {
			if programHandles(sig) {
				flush()
				continue
			}
			shutdown()
			signal.Stop(ch)
			_ = syscall.Kill(os.Getpid(), sig.(syscall.Signal))
			return
		}
	}()
}
