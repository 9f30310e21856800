package client

import (
	"context"
	"fmt"
	h "net/http"
	. "strings"

	"example.com/app/generic"
)

// otel is a local name: the injected import must get another alias.
var otel = "taken"

var shared = &h.Client{}

func helper(s string) string { return s }

func Fetch(ctx context.Context, c *h.Client, url string) error {
	resp, err := h.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	req, _ := h.NewRequestWithContext(ctx, "GET", url, nil)
	if _, err := c.Do(req); err != nil {
		return err
	}
	var v h.Client
	v.Do(req)
	n := new(h.Client)
	n.Do(req)
	lit := h.Client{}
	lit.Do(req)
	shared.Do(req)
	fmt.Println(h.Get(helper(ToUpper(url))))
	_ = generic.Map[int, string](nil, nil)
	_ = Fields(url)
	return nil
}
