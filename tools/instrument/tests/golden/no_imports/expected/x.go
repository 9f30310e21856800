package noimp; import log "log"/*line app/x.go:1:14*/ // trailing comment

func X(a, b int) (int, error) { log.Println(a, b) 
/*line app/x.go:3:32*/ return a + b, nil }
