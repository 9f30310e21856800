package emb

import "net/http"

type API struct{ *http.Client }

func (a API) Call(req *http.Request) {
	a.Client.Do(req)
	a.Do(req)
	var c http.Client
	c.Do(req)
}
