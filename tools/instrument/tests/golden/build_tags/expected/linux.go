//go:build linux
// +build linux

package tags

func OnLinux() { _ = "OnLinux" //  
/*line app/linux.go:6:17*/}
