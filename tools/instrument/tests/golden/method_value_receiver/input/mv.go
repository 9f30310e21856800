package mv

import "net/http"

func Do(req *http.Request) {
	c := http.Client{}
	c.Do(req)
	p := &http.Client{}
	p.Do(req)
	q := new(http.Client)
	q.Do(req)
}
