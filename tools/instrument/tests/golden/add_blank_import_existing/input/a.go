package bi

import _ "example.com/instr/auto"

func A() {}
