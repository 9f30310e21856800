package svc

import "net/http"

type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

type Service struct {
	client *http.Client
	doer   Doer
}

type embedded struct{ *http.Client }

type fake struct{}

func (fake) Do(req *http.Request) (*http.Response, error) { return nil, nil }

func newClient() *http.Client { return http.DefaultClient }

func (s *Service) Call(req *http.Request, e embedded, f fake) {
	traced(/*line app/svc.go:23:2*/s.client.Do(req))
	traced(/*line app/svc.go:24:2*/newClient().Do(req))
	traced(/*line app/svc.go:25:2*/e.Do(req))
	viaInterface(/*line app/svc.go:26:2*/s.doer.Do(req))
	f.Do(req)
}

func traced(resp *http.Response, err error) (*http.Response, error) { return resp, err }

func viaInterface(resp *http.Response, err error) (*http.Response, error) { return resp, err }
