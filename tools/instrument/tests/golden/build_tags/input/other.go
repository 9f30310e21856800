//go:build !linux

package tags

func OnLinux() {}
