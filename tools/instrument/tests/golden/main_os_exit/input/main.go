package main

import "os"

func main() {
	defer println("unreached on exit")
	os.Exit(run())
}

func run() int { return 0 }
