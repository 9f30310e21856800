package client

import (
	"context"
	"fmt"
	h "net/http"
	. "strings"

	"example.com/app/generic"
); import otelhttp "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"; import __instr_otel "go.opentelemetry.io/otel"

// otel is a local name: the injected import must get another alias.
var otel = "taken"

var shared = &h.Client{}

func helper(s string) string { return s }

func Fetch(ctx context.Context, c *h.Client, url string) error {
	resp, err := __instr_otel.Wrap(/*line app/client.go:20:15*/h.Get(url))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	req, _ := h.NewRequestWithContext(ctx, "GET", url, nil)
	if _, err := otelhttp.Do(req, /*line app/client.go:26:15*/c.Do(req))/*line app/client.go:26:24*/; err != nil {
		return err
	}
	var v h.Client
	otelhttp.Do(req, /*line app/client.go:30:2*/v.Do(req))
	n := new(h.Client)
	otelhttp.Do(req, /*line app/client.go:32:2*/n.Do(req))
	lit := h.Client{}
	otelhttp.Do(req, /*line app/client.go:34:2*/lit.Do(req))
	otelhttp.Do(req, /*line app/client.go:35:2*/shared.Do(req))
	(func() { /*line app/client.go:36:2*/fmt.Println(__instr_otel.Wrap(/*line app/client.go:36:14*/h.Get(__instr_otel.Trace("example.com/app/client.helper", /*line app/client.go:36:20*/helper(__instr_otel.Trace("strings.ToUpper", /*line app/client.go:36:27*/ToUpper(url))/*line app/client.go:36:39*/))/*line app/client.go:36:40*/))/*line app/client.go:36:41*/) })() /* h.Get(helper(ToUpper(url))) */
	_ = __instr_otel.Trace("example.com/app/generic.Map", /*line app/client.go:37:6*/generic.Map[int, string](nil, nil))
	_ = __instr_otel.Trace("strings.Fields", /*line app/client.go:38:6*/Fields(url))
	return nil
}
