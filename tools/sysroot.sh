# Sourced by tools/bazel when no Bazel >= 7.1 is installed: Debian sid's
# bazel-bootstrap in a sysroot, run in a private mount namespace per Bazel server.
#
# The sysroot is made once per machine with mmdebstrap (signatures checked with the
# Debian archive keyring, bazel-bootstrap pinned), as root or, in a user namespace,
# as any user. Bazel never runs in the host's mount namespace: a holder process
# (tools/sysroot_holder.sh) owns a private one with the binds Bazel needs, every call
# enters it with nsenter (the client then sees its server's /proc/PID/cwd as the
# server does), and it ends with the server. Nothing stays mounted on the host.
# Expects: workspace, cache_root, host_python, go_root, log, die, with_lock.

readonly SYSROOT_VERSION=2                   # bump to force a new sysroot
readonly BAZEL_DEBIAN_VERSION=7.7.1+ds-8+b1  # README.md "Pinned versions"
readonly DEBIAN_MIRROR="${RGI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
readonly SYSROOT_PACKAGES="bazel-bootstrap=$BAZEL_DEBIAN_VERSION,build-essential,ca-certificates,git,zip,unzip"
readonly HOST_PACKAGES=(mmdebstrap uidmap debian-archive-keyring)

sysroot="$cache_root/sysroot-v$SYSROOT_VERSION"
ns_dir="$cache_root/ns"   # one holder per Bazel server: KEY.pid, KEY.lock, KEY.log, KEY.workspace, KEY.output_base
log_dir="$cache_root/logs"

is_root() { [[ "$(id -u)" == 0 ]]; }

# Directories whose bind would hide the sysroot's own system (or the host's) files.
is_system_dir() {
  case "${1%/}" in
    "" | /bin | /boot | /dev | /etc | /lib | /lib32 | /lib64 | /libx32 | /proc | /run | /sbin | /sys | /usr | /var) return 0 ;;
    /usr/bin | /usr/sbin | /usr/lib | /usr/lib32 | /usr/lib64 | /usr/libexec | /usr/include | /usr/share | /usr/src | /usr/local) return 0 ;;
    /usr/local/bin | /usr/local/sbin | /usr/local/lib | /usr/local/include | /usr/local/share | /usr/local/etc) return 0 ;;
    /etc/* | /dev/* | /proc/* | /sys/* | /run/* | /boot/* | /var/lib | /var/cache | /var/log) return 0 ;;
  esac
  return 1
}

# --- making the sysroot ------------------------------------------------------------

ensure_sysroot() {
  [[ -f "$sysroot/.complete" ]] && return 0
  [[ "${RGI_NO_PROVISION:-0}" == 1 ]] && die "no sysroot in $sysroot (RGI_NO_PROVISION=1)"
  check_user_namespaces
  with_lock make_sysroot
}

check_user_namespaces() {
  is_root && return 0
  unshare --user --map-root-user true 2>/dev/null \
    || die "no Bazel >= 7.1 on PATH and this kernel refuses unprivileged user namespaces (enable them: sysctl kernel.unprivileged_userns_clone=1 user.max_user_namespaces=15000), or run as root"
  local user
  user="$(id -un)"
  grep -qE "^($user|$(id -u)):" /etc/subuid 2>/dev/null && grep -qE "^($user|$(id -u)):" /etc/subgid 2>/dev/null \
    || die "mmdebstrap needs subordinate ids for $user: as root, run 'usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $user'"
}

# Installs mmdebstrap (and uidmap, the keyring) on the host when missing: root only.
ensure_host_tools() {
  local missing=() package
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v newuidmap >/dev/null || missing+=(uidmap)
  [[ -f "$DEBIAN_KEYRING" ]] || missing+=(debian-archive-keyring)
  ((${#missing[@]} == 0)) && return 0
  is_root || die "no Bazel >= 7.1 on PATH and the sysroot fallback needs ${missing[*]}: ask an admin to 'apt-get install ${HOST_PACKAGES[*]}'"
  local apt_log="$log_dir/host-apt.log"
  log "installing ${missing[*]} with apt-get (log: $apt_log)..."
  # The package lists may be missing or stale on a fresh machine: update once then
  # (a snapshot mirror's security suite is past its Valid-Until: retry relaxed).
  {
    apt_install "${missing[@]}" || {
      apt-get update -q || apt-get -o Acquire::Check-Valid-Until=false update -q
      apt_install "${missing[@]}"
    }
  } >>"$apt_log" 2>&1 || die "'apt-get install ${missing[*]}' failed on this machine; see $apt_log"
  for package in "${missing[@]}"; do echo "installed $package" >>"$log_dir/host-changes.log"; done
  command -v mmdebstrap >/dev/null && command -v newuidmap >/dev/null \
    || die "apt-get installed ${missing[*]} but mmdebstrap or newuidmap is still not on PATH; see $apt_log"
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

make_sysroot() {
  [[ -f "$sysroot/.complete" ]] && return 0
  mkdir -p "$log_dir"
  ensure_host_tools
  local started=$SECONDS build_log="$log_dir/mmdebstrap.log"
  log "making a Debian sid sysroot for Bazel in $sysroot (once per machine, a few minutes)..."
  remove_tree_safely "$sysroot.partial"
  : >"$build_log"
  if ! run_mmdebstrap "$build_log" strict && grep -q 'is expired' "$build_log"; then
    # A snapshot mirror serves a Release file past its Valid-Until; its signature is
    # still checked, and the one package that matters is pinned.
    log "warning: $DEBIAN_MIRROR serves an expired sid Release file (a snapshot mirror?); accepting it, signature still checked"
    remove_tree_safely "$sysroot.partial"
    run_mmdebstrap "$build_log" relaxed || true
  fi
  if [[ ! -f "$sysroot.partial/.built" ]]; then
    remove_tree_safely "$sysroot.partial"
    die "$(mmdebstrap_failure "$build_log")"
  fi
  local bazel_version
  bazel_version="$(dpkg-query --admindir="$sysroot.partial/var/lib/dpkg" -W -f '${Version}' bazel-bootstrap)"
  [[ "$bazel_version" == "$BAZEL_DEBIAN_VERSION" ]] \
    || die "the sysroot got bazel-bootstrap $bazel_version, not the pinned $BAZEL_DEBIAN_VERSION; see $build_log"
  dpkg-query --admindir="$sysroot.partial/var/lib/dpkg" -W bazel-bootstrap default-jdk-headless gcc libc6 \
    >"$sysroot.partial/.versions"
  touch "$sysroot.partial/.complete"
  remove_tree_safely "$sysroot"
  mv "$sysroot.partial" "$sysroot"
  log "sysroot ready in $((SECONDS - started))s: bazel-bootstrap $bazel_version"
}

# One mmdebstrap run into $sysroot.partial; it writes a tar stream that the current
# user unpacks, so every file belongs to that user (no subordinate-id owners that
# the user could not delete later).
run_mmdebstrap() {
  local build_log="$1" validity="$2" mode=root
  is_root || mode=unshare
  local options=(--mode="$mode" --variant=minbase --format=tar --keyring="$DEBIAN_KEYRING"
    --aptopt='APT::Get::Show-Versions "true"' --include="$SYSROOT_PACKAGES")
  [[ "$validity" == relaxed ]] && options+=(--aptopt='Acquire::Check-Valid-Until "false"')
  # The network goes through a TLS proxy whose CAs the host trusts; Java's and
  # apt's trust stores inside the sysroot need them too ("PKIX path building failed").
  if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
    options+=(--customize-hook='mkdir -p "$1/usr/local/share/ca-certificates"'
      --customize-hook='copy-in /usr/local/share/ca-certificates/. /usr/local/share/ca-certificates/'
      --customize-hook='chroot "$1" update-ca-certificates --fresh')
  fi
  mkdir -p "$sysroot.partial"
  echo "# mmdebstrap ${options[*]} sid - deb $DEBIAN_MIRROR sid main" >>"$build_log"
  mmdebstrap "${options[@]}" sid - "deb $DEBIAN_MIRROR sid main" 2>>"$build_log" \
    | tar -x -C "$sysroot.partial" --exclude='./dev/*' 2>>"$build_log" || return 1
  # Directories without write permission (0555 in Debian) would stop a later rm -rf.
  find "$sysroot.partial" -type d ! -perm -u+w -exec chmod u+w {} + 2>>"$build_log" || true
  touch "$sysroot.partial/.built"
}

# The one line that says why mmdebstrap failed, from its log.
mmdebstrap_failure() {
  local build_log="$1"
  if grep -qE "NO_PUBKEY|BADSIG|is not signed|NOSPLIT|signatures were invalid|isn't valid|EXPKEYSIG|not signed" "$build_log"; then
    echo "the Debian archive at $DEBIAN_MIRROR failed signature verification with $DEBIAN_KEYRING (unsigned or tampered Release file); see $build_log"
  elif grep -q "for 'bazel-bootstrap' was not found" "$build_log"; then
    echo "the Debian mirror $DEBIAN_MIRROR no longer has bazel-bootstrap $BAZEL_DEBIAN_VERSION (the version README.md pins); see $build_log"
  elif grep -qE "Could not connect|Failed to fetch|Could not resolve|Temporary failure|Connection refused|Unable to connect" "$build_log"; then
    echo "downloading Debian sid from $DEBIAN_MIRROR failed (no network to Debian's packages?); see $build_log"
  else
    echo "making the sysroot with mmdebstrap failed; see $build_log"
  fi
}

# --- removing it safely --------------------------------------------------------------

# Mount points (in this process's mount namespace) at or under a directory; findmnt's
# raw output escapes a space as \x20, which printf %b decodes.
mounts_under() {
  local dir="$1" target
  while read -r target; do
    printf -v target '%b' "$target"
    if [[ "$target" == "$dir" || "$target" == "$dir/"* ]]; then printf '%s\n' "$target"; fi
  done < <(findmnt -rn -o TARGET)
}

# Deletes a tree only when nothing is mounted in it: binds made by an older
# tools/bazel in the host namespace reach $HOME and /tmp.
remove_tree_safely() {
  local dir="$1"
  [[ -e "$dir" ]] || return 0
  [[ -n "$(mounts_under "$dir")" ]] && unmount_legacy_binds "$dir"
  [[ -z "$(mounts_under "$dir")" ]] || die "$dir still has mounts ($(mounts_under "$dir" | head -n1)...); not deleting it"
  chmod -R u+w "$dir" 2>/dev/null || true
  rm -rf --one-file-system "$dir"
}

# An older tools/bazel left binds in the host namespace. /dev and /sys were rbound
# from shared mounts: make them slaves first so unmounting cannot reach the host's
# own /dev/pts or cgroups. Deepest first, one level at a time, never lazily.
unmount_legacy_binds() {
  local dir="$1" target round
  is_root || die "$dir has mounts from an older tools/bazel; as root, run 'tools/bazel --remove-sysroot'"
  log "unmounting what an older tools/bazel left mounted under $dir..."
  mounts_under "$dir" | while read -r target; do mount --make-rslave "$target" 2>/dev/null || true; done
  for round in 1 2 3 4 5; do
    [[ -z "$(mounts_under "$dir")" ]] && return 0
    mounts_under "$dir" | sort -r | while read -r target; do umount "$target" 2>/dev/null || true; done
  done
}

# --- the private mount namespace -------------------------------------------------------

# Bazel's workspace: the nearest directory up from $PWD with a boundary file.
bazel_workspace_dir() {
  local dir="$PWD"
  while [[ "$dir" != / ]]; do
    for marker in MODULE.bazel REPO.bazel WORKSPACE WORKSPACE.bazel; do
      [[ -f "$dir/$marker" ]] && { echo "$dir"; return 0; }
    done
    dir="$(dirname "$dir")"
  done
  echo "$PWD"
}

# The Python interpreter's real files, as holder bind specs, and "bin:DIR" for PATH.
# Debian's own python3.11 has sys.base_prefix == /usr: then its executable and
# library directories, never /usr itself (nor what the sysroot already has).
python_binds() {
  "$host_python" - "$sysroot" <<'EOF'
import os, sys
sysroot = sys.argv[1]
system = {"/", "/usr", "/usr/local", "/opt"}
exe = os.path.realpath(sys.executable)
prefixes = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}
if not prefixes & system:
    for prefix in sorted(prefixes):
        print(f"ro:{prefix}")
else:
    print(f"rofile:{exe}")
    bound = []
    for entry in sorted(filter(None, sys.path)):
        path = os.path.realpath(entry)
        inside = sysroot + path
        if any(path.startswith(f"{done}/") for done in bound) or path in system:
            continue
        if os.path.isdir(path) and not (os.path.isdir(inside) and os.listdir(inside)):
            bound.append(path)
            print(f"ro:{path}")
print(f"bin:{os.path.dirname(exe)}")
EOF
}

# The holder's bind specs: read-write where Bazel writes, read-only for the Go SDK
# and Python; parents before children; never a system directory.
namespace_binds() {
  local bazel_ws="$1" dir kept=()
  local writable=("$HOME" /tmp "$workspace" "$bazel_ws" "$PWD" "$cache_root")
  [[ -n "${TEST_TMPDIR:-}" ]] && writable+=("$TEST_TMPDIR")
  while read -r dir; do
    [[ -d "$dir" ]] && ! is_system_dir "$dir" || continue
    for parent in "${kept[@]}"; do [[ "$dir" == "$parent/"* ]] && continue 2; done
    kept+=("$dir")
    printf 'rw:%s\n' "$dir"
  done < <(printf '%s\n' "${writable[@]}" | sed 's:/*$::' | LC_ALL=C sort -u)
  printf 'ro:%s\n' "$go_root"
  grep -v '^bin:' <<<"$python_specs"
}

# The PID of this key's live holder, if any.
live_holder() {
  local state="$1" pid
  pid="$(cat "$state.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  grep -qzxF -- "$state" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

start_holder() {
  local state="$1" bazel_ws="$2" output_base="$3" pid waited=0 binds=()
  mapfile -t binds < <(namespace_binds "$bazel_ws")
  rm -f "$state.pid"
  printf '%s\n' "$bazel_ws" >"$state.workspace"
  printf '%s\n' "$output_base" >"$state.output_base"
  local unshare=(unshare --mount --propagation private)
  is_root || unshare=(unshare --user --map-root-user --mount --propagation private)
  # Detached from our stdio and locks: it outlives this call.
  (
    [[ -n "${lock_fd:-}" ]] && exec {lock_fd}>&-
    exec setsid -w "${unshare[@]}" -- /bin/bash "$workspace/tools/sysroot_holder.sh" "$sysroot" "$state" "${binds[@]}" \
      </dev/null >"$state.log" 2>&1 9>&-
  ) &
  pid=$!
  until [[ -f "$state.pid" ]]; do
    kill -0 "$pid" 2>/dev/null || die "could not make Bazel's mount namespace: $(tail -n1 "$state.log"); see $state.log"
    ((waited++ < 600)) || die "Bazel's mount namespace was not ready after 60s; see $state.log"
    sleep 0.1
  done
  holder_pid="$(cat "$state.pid")"
}

# The startup options that choose the Bazel server (and so its namespace): one line
# each, --output_base then --output_user_root, empty when not given.
server_options() {
  local output_base="" user_root="" arg
  while (($#)); do
    arg="$1"
    shift
    case "$arg" in
      --output_base=*) output_base="${arg#*=}" ;;
      --output_user_root=*) user_root="${arg#*=}" ;;
      --output_base | --output_user_root)
        [[ "$arg" == --output_base ]] && output_base="${1:-}" || user_root="${1:-}"
        shift || true
        ;;
      -*) ;;
      *) break ;;
    esac
  done
  printf '%s\n%s\n' "$output_base" "$user_root"
}

# Bazel's command: the first argument that is not a startup option.
bazel_command() {
  local arg
  for arg; do [[ "$arg" == -* ]] || { echo "$arg"; return 0; }; done
  return 0
}

# nsenter's words to enter a holder's namespace. Our uid already maps to root in a
# user namespace: keep it (setgroups is denied there).
enter_command() {
  if is_root; then echo "nsenter -t $1 -m"; else echo "nsenter -t $1 -U -m --preserve-credentials"; fi
}

# Whether the holder's bind of the workspace is another directory than the host's
# path now holds: the checkout was deleted and made again (a re-clone at the same
# path) while its server lived, and that server would see the deleted one.
binds_a_deleted_workspace() {
  local holder="$1" dir="$2" enter inside
  read -r -a enter <<<"$(enter_command "$holder")"
  inside="$("${enter[@]}" stat -c %d:%i "$sysroot$dir" 2>/dev/null)" || return 0
  [[ "$inside" != "$(stat -c %d:%i "$dir")" ]]
}

# Ends every process of a holder's mount namespace (the Bazel server, then the
# holder with it): SIGTERM, then SIGKILL what is left after 30 s.
end_namespace() {
  local holder="$1" namespace pid signal
  namespace="$(readlink "/proc/$holder/ns/mnt")" || return 0
  for signal in TERM KILL; do
    for pid in /proc/[0-9]*; do
      [[ "$(readlink "$pid/ns/mnt" 2>/dev/null)" == "$namespace" && "${pid#/proc/}" != "$holder" ]] &&
        kill "-$signal" "${pid#/proc/}" 2>/dev/null
    done
    wait_for_exit "$holder" 30 && return 0
  done
  die "could not end the Bazel server in the namespace of holder PID $holder"
}

# Runs Bazel in the sysroot inside this workspace's namespace; never returns.
run_in_sysroot() {
  local bazel_ws server key state command rc=0
  bazel_ws="$(bazel_workspace_dir)"
  is_system_dir "$bazel_ws" && die "cannot run the sysroot's Bazel in $bazel_ws (a system directory)"
  python_specs="$(python_binds)" || die "cannot read $host_python's paths"
  # One namespace per Bazel server (workspace and output base): servers of one
  # workspace with other output bases (another Go SDK, another rules_go) get their own
  # binds and end on their own.
  server="$(server_options "$@")"
  key="$(printf '%s\n%s\n' "$bazel_ws" "$server" | sha256sum | cut -c1-16)"
  state="$ns_dir/$key"
  mkdir -p "$ns_dir"
  # Held until this call is inside the namespace (the inner sh closes it), so the
  # holder never exits between our lookup and our nsenter.
  exec 9>"$state.lock"
  flock 9
  holder_pid="$(live_holder "$state")" || true
  if [[ -n "$holder_pid" ]] && binds_a_deleted_workspace "$holder_pid" "$bazel_ws"; then
    log "the Bazel server of $bazel_ws runs in a namespace made for a deleted copy of that directory (deleted and made again, e.g. a new clone); ending it"
    end_namespace "$holder_pid"
    holder_pid=""
  fi
  [[ -n "$holder_pid" ]] || start_holder "$state" "$bazel_ws" "$(head -n1 <<<"$server")"
  local enter
  read -r -a enter <<<"$(enter_command "$holder_pid")"
  export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$(sed -n 's/^bin://p' <<<"$python_specs"):$go_root/bin"
  local inner='exec 9>&-; cd "$0" && exec /usr/bin/bazel "$@"'
  command="$(bazel_command "$@")"
  if [[ "$command" != shutdown && ! ("$command" == clean && " $* " == *" --expunge"*) ]]; then
    exec "${enter[@]}" chroot "$sysroot" /bin/sh -c "$inner" "$PWD" "$@"
  fi
  # The server exits with these commands: wait for its namespace to end, so that
  # "shutdown" returns with nothing of the sysroot left in use.
  "${enter[@]}" chroot "$sysroot" /bin/sh -c "$inner" "$PWD" "$@" || rc=$?
  exec 9>&-
  wait_for_exit "$holder_pid" 60 || log "warning: Bazel's mount namespace (holder PID $holder_pid) is still in use"
  exit "$rc"
}

wait_for_exit() {
  local pid="$1" seconds="$2" waited=0
  while [[ -d "/proc/$pid" ]] && grep -qzF sysroot_holder.sh "/proc/$pid/cmdline" 2>/dev/null; do
    ((waited++ < seconds * 10)) || return 1
    sleep 0.1
  done
}

# --- --help-sysroot and --remove-sysroot -----------------------------------------------

# One tab-separated line per live holder: PID, workspace, output base ("" = default).
live_holders() {
  local pid_file state pid
  for pid_file in "$ns_dir"/*.pid; do
    [[ -f "$pid_file" ]] || continue
    state="${pid_file%.pid}"
    pid="$(live_holder "$state")" || continue
    printf '%s\t%s\t%s\n' "$pid" "$(cat "$state.workspace" 2>/dev/null)" "$(cat "$state.output_base" 2>/dev/null)"
  done
}

help_sysroot() {
  local mounted holders other pid bazel_ws output_base
  mounted="$(mounts_under "$cache_root" | sed 's/^/    /')"
  holders="$(live_holders | while IFS=$'\t' read -r pid bazel_ws output_base; do
    printf '    %s %s%s\n' "$pid" "$bazel_ws" "${output_base:+ (--output_base=$output_base)}"
  done)"
  other="$(find "$cache_root" -maxdepth 1 -name 'sysroot-v*' ! -path "$sysroot" 2>/dev/null)"
  cat <<EOF
tools/bazel runs Bazel from a Debian sid sysroot when no Bazel >= 7.1 is on PATH.
  sysroot:   $sysroot ($([[ -f "$sysroot/.complete" ]] && echo ready || echo "not made yet"))
  packages:  $(paste -sd';' "$sysroot/.versions" 2>/dev/null | sed 's/\t/ /g; s/;/, /g' || true)
  made by:   mmdebstrap from $DEBIAN_MIRROR, signatures checked with $DEBIAN_KEYRING
  logs:      $log_dir
  Bazel servers in a private mount namespace (holder PID, workspace; their mounts are
  invisible to the host and end with the server):
${holders:-    none}
  mounts in the host's mount table under $cache_root:
${mounted:-    none}
  older sysroots: ${other:-none}
  host packages tools/bazel installed: $(sed -n 's/^installed //p' "$log_dir/host-changes.log" 2>/dev/null | paste -sd' ' | grep . || echo none)
To remove it: 'make clean', or 'tools/bazel --remove-sysroot' (shuts those servers down,
then deletes every sysroot here without following any mount); after that,
'rm -rf $(printf '%q' "$cache_root")' is safe too.
EOF
}

remove_sysroot() {
  local pid bazel_ws output_base dir
  while IFS=$'\t' read -r pid bazel_ws output_base; do
    [[ -n "$pid" ]] || continue
    log "shutting down the Bazel server of $bazel_ws${output_base:+ (--output_base=$output_base)}..."
    (cd "$bazel_ws" 2>/dev/null && "$workspace/tools/bazel" ${output_base:+"--output_base=$output_base"} shutdown) || true
    wait_for_exit "$pid" 60 || die "Bazel's namespace for $bazel_ws (holder PID $pid) is still in use; not deleting the sysroot"
  done < <(live_holders)
  for dir in "$cache_root"/sysroot-v*; do
    [[ -e "$dir" ]] || continue
    log "removing $dir"
    remove_tree_safely "$dir"
  done
  rm -rf "$ns_dir"
}
