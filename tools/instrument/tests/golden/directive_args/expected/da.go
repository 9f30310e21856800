package da

import "context"

//trace:span db.query kind=client
func Q(ctx context.Context) { _ = []string{ "db.query", "kind=client", } // trace:span
/*line app/da.go:6:30*/}

//trace:span
func Plain(ctx context.Context) { _ = []string{ } // trace:span
/*line app/da.go:9:34*/}
