package da

import "context"

//trace:span db.query kind=client
func Q(ctx context.Context) {}

//trace:span
func Plain(ctx context.Context) {}
