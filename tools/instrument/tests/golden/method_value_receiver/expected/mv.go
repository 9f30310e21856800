package mv

import "net/http"

func Do(req *http.Request) {
	c := http.Client{}
	log("c.Do", /*line app/mv.go:7:2*/c.Do(req))
	p := &http.Client{}
	log("p.Do", /*line app/mv.go:9:2*/p.Do(req))
	q := new(http.Client)
	log("q.Do", /*line app/mv.go:11:2*/q.Do(req))
}
