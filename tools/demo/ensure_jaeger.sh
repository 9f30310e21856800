#!/usr/bin/env bash
# tools/demo/ensure_jaeger.sh: prints the path of a Jaeger all-in-one binary (v1.76.0), building it once per machine
# from the Go module proxy into ~/.cache/rules_go_instrument (about 6 min of CPU, 121 MB).
# The e2e tests and `make demo` use it as the real OTLP receiver.
set -euo pipefail

VERSION="${RGI_JAEGER_VERSION:-v1.76.0}"
CACHE="${RGI_CACHE:-$HOME/.cache/rules_go_instrument}"
DIR="$CACHE/jaeger-$VERSION"
BIN="$DIR/jaeger"

if [[ -x "$BIN" ]]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "ensure_jaeger: 'go' is not on PATH" >&2; exit 1; }
mkdir -p "$CACHE"
exec 9>"$CACHE/jaeger.lock"
if ! flock -n 9; then
  echo "ensure_jaeger: another process is building Jaeger; waiting for $CACHE/jaeger.lock" >&2
  flock 9
fi
if [[ -x "$BIN" ]]; then
  echo "$BIN"
  exit 0
fi

echo "ensure_jaeger: building Jaeger $VERSION from the Go module proxy (once per machine, ~6 min of CPU)" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A scratch module pins jaeger's own go.mod requirements (go install pkg@v would refuse
# jaeger's replace directives, if any); nice keeps a shared machine responsive.
(
  cd "$work"
  go mod init rgi.local/jaeger-build >/dev/null 2>&1
  go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$VERSION" >&2
  nice -n 10 go build -trimpath -ldflags='-s -w' -o "$work/jaeger" github.com/jaegertracing/jaeger/cmd/jaeger >&2
)
mkdir -p "$DIR"
mv "$work/jaeger" "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
echo "$BIN"
