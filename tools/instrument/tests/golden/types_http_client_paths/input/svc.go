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
	s.client.Do(req)
	newClient().Do(req)
	e.Do(req)
	s.doer.Do(req)
	f.Do(req)
}

func traced(resp *http.Response, err error) (*http.Response, error) { return resp, err }

func viaInterface(resp *http.Response, err error) (*http.Response, error) { return resp, err }
