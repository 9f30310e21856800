// A module of its own so that Go tooling in the root module skips the
// golden Go inputs under tests/ (they import packages that do not exist).
module rules_go_instrument_tools_instrument

go 1.26.0
