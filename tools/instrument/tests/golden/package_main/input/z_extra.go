package main

// No imports and no trailing newline in this file.
var extra = 1