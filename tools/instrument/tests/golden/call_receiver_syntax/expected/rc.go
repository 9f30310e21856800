package rc

import "net/http"

type api struct{ client *http.Client }

type wrapped struct{ *http.Client }

func clients() (*http.Client, *http.Client) { return http.DefaultClient, new(http.Client) }

func Call(a api, w wrapped, req *http.Request) {
	a.client.Do(req)
	w.Do(req)
	c := &http.Client{}
	do(c, req)
	var v http.Client
	v.Do(req)
	http.DefaultClient.Do(req)
}

func do(c *http.Client, req *http.Request) (*http.Response, error) { return c.Transport.RoundTrip(req) }
