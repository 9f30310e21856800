package main; import rt "example.com/instr/runtime"

// No imports and no trailing newline in this file.
var extra = 1

var _ = rt.Register("example.com/app/cmd/app", "z_extra.go")
