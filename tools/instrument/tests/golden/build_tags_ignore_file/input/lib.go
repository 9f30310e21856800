package tags

// Lib has a doc comment.
func Lib() {}
