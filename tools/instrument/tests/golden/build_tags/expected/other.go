//go:build !linux

package tags

func OnLinux() { _ = "OnLinux" //  
/*line app/other.go:5:17*/}
