package gen

func track[T any](v T) T { return v }
