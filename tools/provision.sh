# Sourced by tools/bazel: makes the Debian sid sysroot that runs Bazel, and the
# offline module overrides. Every step is idempotent and runs under one lock.
# Expects: workspace, cache_root, sysroot, SYSROOT_PACKAGES, DEBIAN_MIRROR, log, die.

# Small stand-ins (tools/offline/<name>) for modules Bazel must resolve and
# that rules_go or gazelle load only trivially.
readonly OFFLINE_STAND_INS=(apple_support buildozer package_metadata protobuf rules_shell zlib)

with_lock() {
  mkdir -p "$cache_root"
  exec {lock_fd}>"$cache_root/.lock"
  if ! flock -n "$lock_fd"; then
    log "waiting for another tools/bazel to finish provisioning..."
    flock "$lock_fd"
  fi
  "$@"
  flock -u "$lock_fd"
}

ensure_sysroot() {
  [[ -f "$sysroot/.complete" ]] && return 0
  [[ "$(id -u)" == 0 ]] || die "making the Bazel sysroot needs root (chroot, mounts); run as root or put Bazel >= 7.1 on PATH"
  with_lock make_sysroot
}

make_sysroot() {
  [[ -f "$sysroot/.complete" ]] && return 0
  local started=$SECONDS
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap with apt-get..."
    { apt-get -o Acquire::Check-Valid-Until=false update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; } >/dev/null 2>&1 \
      || die "debootstrap is missing and 'apt-get install debootstrap' failed"
  fi
  log "making a Debian sid sysroot for Bazel in $sysroot (once per machine, about a minute)..."
  rm -rf "$sysroot.partial"
  if ! debootstrap --variant=minbase sid "$sysroot.partial" "$DEBIAN_MIRROR" \
      >"$cache_root/debootstrap.log" 2>&1; then
    die "debootstrap of Debian sid from $DEBIAN_MIRROR failed (no network to Debian's packages?); see $cache_root/debootstrap.log"
  fi
  # The network goes through a TLS proxy whose CAs the host trusts; Java's and
  # apt's trust stores inside the sysroot need them too ("PKIX path building failed").
  if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
    mkdir -p "$sysroot.partial/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/* "$sysroot.partial/usr/local/share/ca-certificates/"
  fi
  log "installing bazel-bootstrap and build tools into the sysroot..."
  if ! unshare -m --propagation private /bin/sh -c '
      set -e; s="$1"; shift
      mount --bind /proc "$s/proc"; mount --rbind /dev "$s/dev"
      cp -L /etc/resolv.conf "$s/etc/resolv.conf"
      chroot "$s" /bin/sh -c "
        export DEBIAN_FRONTEND=noninteractive
        apt-get -o Acquire::Check-Valid-Until=false update -q &&
        apt-get -o Acquire::Check-Valid-Until=false install -y -q --no-install-recommends $1 &&
        update-ca-certificates --fresh && apt-get clean"
    ' sh "$sysroot.partial" "${SYSROOT_PACKAGES//,/ }" >"$cache_root/apt.log" 2>&1; then
    die "installing Bazel into the sysroot failed; see $cache_root/apt.log"
  fi
  touch "$sysroot.partial/.complete"
  # Never delete through live bind mounts: they reach $HOME and the repository.
  if grep -q " $sysroot/" /proc/mounts; then
    die "$sysroot has mounts but no .complete marker; unmount them (umount -R) and retry"
  fi
  rm -rf "$sysroot"
  mv "$sysroot.partial" "$sysroot"
  log "sysroot ready in $((SECONDS - started))s: $(dpkg-query --admindir="$sysroot/var/lib/dpkg" -W -f '${Package} ${Version}' bazel-bootstrap)"
}

ensure_mounts() {
  local dir target
  mountpoint -q "$sysroot/proc" || mount --bind /proc "$sysroot/proc"
  mountpoint -q "$sysroot/dev" || mount --rbind /dev "$sysroot/dev"
  mountpoint -q "$sysroot/sys" || mount --rbind /sys "$sysroot/sys"
  for dir in "$@"; do
    [[ -d "$dir" ]] || continue
    target="$sysroot$dir"
    # Already the same directory (through an earlier bind of it or of a parent)?
    [[ "$(stat -c %d:%i "$dir")" == "$(stat -c %d:%i "$target" 2>/dev/null)" ]] && continue
    # A bind of a directory that was deleted and made anew (a fresh clone at the
    # same path) would show the old, empty one: replace it.
    if mountpoint -q "$target"; then umount -l "$target"; fi
    mkdir -p "$target"
    mount --bind "$dir" "$target"
  done
  cp -L /etc/resolv.conf "$sysroot/etc/resolv.conf" 2>/dev/null || true
}

module_version() {
  sed -n "s/^bazel_dep(name = \"$1\", version = \"\([^\"]*\)\".*/\1/p" "$workspace/MODULE.bazel"
}

ensure_offline_rc() {
  local rc="$workspace/.bazelrc.offline"
  local rules_go gazelle
  rules_go="$(module_version rules_go)"
  gazelle="$(module_version gazelle)"
  if ! { [[ -f "$rc" ]] && grep -q "rules_go@v$rules_go" "$rc" && grep -q "gazelle@v$gazelle" "$rc" \
    && grep -q "coverage_report_generator" "$rc" && module_is_stamped "$rules_go"; }; then
    with_lock write_offline_rc "$rc" "$rules_go" "$gazelle"
  fi
  ensure_version_rc
}

# RGI_RULES_GO_VERSION / RGI_GAZELLE_VERSION: build with other versions than
# MODULE.bazel's (the CI matrix). Their overrides go to an rc file of their own,
# which tools/bazel passes with --bazelrc: read after the workspace's .bazelrc,
# so its --override_module lines win. Sets version_rc (empty if neither is set).
version_rc=""
ensure_version_rc() {
  [[ -n "${RGI_RULES_GO_VERSION:-}${RGI_GAZELLE_VERSION:-}" ]] || return 0
  local rules_go="${RGI_RULES_GO_VERSION:-$(module_version rules_go)}"
  local gazelle="${RGI_GAZELLE_VERSION:-$(module_version gazelle)}"
  version_rc="$cache_root/offline-rc/rules_go-$rules_go-gazelle-$gazelle.bazelrc"
  [[ -f "$version_rc" ]] && module_is_stamped "$rules_go" && return 0
  with_lock write_version_rc "$version_rc" "$rules_go" "$gazelle"
}

write_version_rc() {
  local rc="$1" rules_go="$2" gazelle="$3"
  local modules="$cache_root/modules"
  fetch_rules_go_and_gazelle "$rules_go" "$gazelle"
  mkdir -p "$(dirname "$rc")"
  {
    echo "# Generated by tools/bazel for RGI_RULES_GO_VERSION=$rules_go RGI_GAZELLE_VERSION=$gazelle."
    echo "common --override_module=rules_go=$modules/rules_go@v$rules_go"
    echo "common --override_module=gazelle=$modules/gazelle@v$gazelle"
  } >"$rc.partial"
  mv "$rc.partial" "$rc"
}

module_is_stamped() {
  sed -n '/^module($/,/^)/p' "$cache_root/modules/rules_go@v$1/MODULE.bazel" 2>/dev/null \
    | grep -q "^    version = \"$1\",$"
}

# The Bazel Central Registry stamps a module's version into its MODULE.bazel
# (rules_go's own has none); the aspect reads it to check the supported range.
stamp_module_version() {
  local module_file="$1" version="$2"
  # Only inside the module(...) call; some releases carry "0.0.0" there.
  awk -v v="$version" '
    !done && /^module\($/ { inside = 1; print; print "    version = \"" v "\","; next }
    inside && /^    version = / { next }
    inside && /^\)/ { inside = 0; done = 1 }
    { print }
  ' "$module_file" >"$module_file.stamped"
  mv "$module_file.stamped" "$module_file"
}

# rules_go < 0.60's go_sdk extension must download go.dev's list of Go SDKs
# (for its default SDK, which the host SDK then outranks): point it at a local
# list that names the version of rules_go's go.mod and no files, so fetching
# that SDK would fail with "no SDK for <platform>" rather than pass.
offline_go_versions() {
  local rules_go_dir="$1" sdk_bzl="$1/go/private/sdk.bzl"
  grep -q '^def fetch_sdks_by_version(ctx):' "$sdk_bzl" || return 0
  local version
  version="$(sed -n 's/^toolchain go\(.*\)/\1/p; s/^go \(.*\)/\1/p' "$rules_go_dir/go.mod" | head -1)"
  printf '[{"version": "go%s", "stable": true, "files": []}]\n' "$version" >"$rules_go_dir/offline_go_versions.json"
  sed -i "s|\"https://go.dev/dl/?mode=json&include=all\",|\"file://$rules_go_dir/offline_go_versions.json\",|" "$sdk_bzl"
}

# rules_go and gazelle are Go modules too: the Go module proxy serves their
# full source, which is what Bazel needs for --override_module.
go_module_source() {
  local module="$1" version="$2" dest="$3"
  [[ -f "$dest/MODULE.bazel" ]] && return 0
  local dir
  dir="$(cd "$cache_root" && GOFLAGS=-mod=mod go mod download -json "$module@$version" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$dir" && -d "$dir" ]] || die "'go mod download $module@$version' failed (no Go module proxy?)"
  rm -rf "$dest.partial"
  cp -r "$dir" "$dest.partial"
  chmod -R u+w "$dest.partial"
  # Module zips drop file modes; scripts that Bazel executes need theirs back.
  grep -rlI --null '^#!' "$dest.partial" | xargs -0 -r chmod +x
  mv "$dest.partial" "$dest"
}

fetch_rules_go_and_gazelle() {
  local rules_go="$1" gazelle="$2"
  local modules="$cache_root/modules"
  mkdir -p "$modules"
  log "fetching rules_go v$rules_go and gazelle v$gazelle from the Go module proxy..."
  go_module_source github.com/bazelbuild/rules_go "v$rules_go" "$modules/rules_go@v$rules_go"
  stamp_module_version "$modules/rules_go@v$rules_go/MODULE.bazel" "$rules_go"
  offline_go_versions "$modules/rules_go@v$rules_go"
  go_module_source github.com/bazelbuild/bazel-gazelle "v$gazelle" "$modules/gazelle@v$gazelle"
  # Gazelle builds its own tools from vendor/ in GOPATH mode, but module zips
  # leave vendored code out: restore it from gazelle's go.sum.
  if [[ ! -d "$modules/gazelle@v$gazelle/vendor/github.com" ]]; then
    (cd "$modules/gazelle@v$gazelle" && GOFLAGS=-mod=mod go mod vendor -e 2>/dev/null) \
      || die "'go mod vendor' for gazelle v$gazelle failed (no Go module proxy?)"
  fi
}

write_offline_rc() {
  local rc="$1" rules_go="$2" gazelle="$3"
  local modules="$cache_root/modules"
  mkdir -p "$modules"
  fetch_rules_go_and_gazelle "$rules_go" "$gazelle"
  local name
  {
    echo "# Generated by tools/bazel for a machine without the Bazel Central Registry. Do not commit."
    echo "common --noenable_workspace"
    echo "common --registry=file://$modules/empty_registry"
    echo "common --override_module=rules_go=$modules/rules_go@v$rules_go"
    echo "common --override_module=gazelle=$modules/gazelle@v$gazelle"
    echo "build --coverage_output_generator=@rules_go_instrument//tools/offline/coverage:lcov_merger"
    echo "build --coverage_report_generator=@rules_go_instrument//tools/offline/coverage:lcov_merger"
    for name in "${OFFLINE_STAND_INS[@]}"; do
      echo "common --override_module=$name=$workspace/tools/offline/$name"
    done
  } >"$rc.partial"
  mkdir -p "$modules/empty_registry"
  echo '{}' >"$modules/empty_registry/bazel_registry.json"
  mv "$rc.partial" "$rc"
}
