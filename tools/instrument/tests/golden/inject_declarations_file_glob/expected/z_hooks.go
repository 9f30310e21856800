package ij; import rt "example.com/instr/rt"

func init() { rt.Register("example.com/app/ij") }
