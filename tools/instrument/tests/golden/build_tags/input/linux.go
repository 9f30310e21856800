//go:build linux
// +build linux

package tags

func OnLinux() {}
