package noimp // trailing comment

func X(a, b int) (int, error) { return a + b, nil }
