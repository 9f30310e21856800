package bi

import _ "example.com/instr/auto"; import _ "example.com/instr/other"

func A() {}
