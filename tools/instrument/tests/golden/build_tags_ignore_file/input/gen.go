//go:build ignore

//trace:ignore

package main

func main() {}
