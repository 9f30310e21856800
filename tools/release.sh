#!/usr/bin/env bash
# tools/release.sh VERSION [OUT_DIR]: the module's source archive for a release.
#
# Writes OUT_DIR/rules_go_instrument-vVERSION.tar.gz (default OUT_DIR: dist/) with
# only the files a user's build needs, plus e2e/smoke (the BCR presubmit's test
# module), under the prefix rules_go_instrument-VERSION/, with VERSION stamped
# into MODULE.bazel; prints its sha256 and the SRI integrity that
# archive_override and the registry's source.json take. Tracked files only, as
# they are in the working tree; byte-identical for the same inputs.
set -euo pipefail

version="${1:-}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][0-9A-Za-z.-]+)?$ ]] \
  || { echo "usage: tools/release.sh VERSION [OUT_DIR] (VERSION like 0.2.0)" >&2; exit 2; }
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${2:-$repo/dist}" && cd "${2:-$repo/dist}" && pwd)"
prefix="rules_go_instrument-$version"
archive="$out/rules_go_instrument-v$version.tar.gz"

# What the module's BUILD files and MODULE.bazel reference; no tests, benchmarks
# or developer tooling.
paths=(
  MODULE.bazel BUILD.bazel go.mod go.sum README.md docs
  rules aspects tools/BUILD.bazel tools/instrument tools/gofacts tools/offline/coverage e2e/smoke
)
excluded='^tools/instrument/tests/|^tools/gofacts/.*_test\.go$'

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$prefix"
(cd "$repo" && git ls-files -z -- "${paths[@]}") \
  | tr '\0' '\n' | grep -Ev "$excluded" \
  | (cd "$repo" && xargs -d '\n' cp --parents -t "$stage/$prefix")
module_file="$stage/$prefix/MODULE.bazel"
grep -q '^    version = "[^"]*",$' "$module_file" || { echo "MODULE.bazel has no version line" >&2; exit 1; }
sed -i "0,/^    version = \"[^\"]*\",\$/s//    version = \"$version\",/" "$module_file"
# e2e/smoke asks for the module by version; keep it in step with the release.
sed -i "s/bazel_dep(name = \"rules_go_instrument\", version = \"[^\"]*\")/bazel_dep(name = \"rules_go_instrument\", version = \"$version\")/" \
  "$stage/$prefix/e2e/smoke/MODULE.bazel"

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
  -C "$stage" -cf - "$prefix" | gzip -n -9 >"$archive.partial"
mv "$archive.partial" "$archive"
sha256="$(sha256sum "$archive" | cut -d' ' -f1)"
integrity="sha256-$(openssl dgst -sha256 -binary "$archive" | base64 -w0)"
echo "$sha256  $(basename "$archive")" >"$archive.sha256"
echo "archive:   $archive"
echo "sha256:    $sha256"
echo "integrity: $integrity"
echo "strip_prefix: $prefix"
