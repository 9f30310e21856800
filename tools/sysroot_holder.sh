#!/usr/bin/env bash
# The holder of one Bazel server's private mount namespace (see tools/sysroot.sh).
#
# tools/sysroot.sh starts this with `unshare --mount` (and `--user --map-root-user`
# when not root), so every mount made here exists only in that namespace: the host's
# mount table never shows them, and they vanish with the namespace's last process.
# After the binds it publishes its PID (STATE.pid) for `nsenter`, then stays while
# any other process (the Bazel client or server) shares the namespace.
#
# Usage: sysroot_holder.sh SYSROOT STATE BIND...   BIND is rw:PATH, ro:PATH or rofile:PATH
set -euo pipefail

readonly POLL_SECONDS=1

sysroot="$1" state="$2"
shift 2

fail() { printf 'tools/bazel: error: %s\n' "$*" >&2; exit 1; }

# A read-only bind in a user namespace must keep the source mount's locked flags
# (nosuid, nodev, noexec, atime), or the kernel refuses the remount.
remount_read_only() {
  local source="$1" target="$2" options
  options="$(findmnt -n -o VFS-OPTIONS -T "$source")"
  options="$(sed 's/\(^\|,\)rw\(,\|$\)/\1ro\2/' <<<"$options")"
  mount -o "remount,bind,$options" "$target"
}

bind() {
  local mode="$1" source="$2" target="$sysroot$2"
  if [[ "$mode" == rofile ]]; then
    mkdir -p "$(dirname "$target")"
    [[ -e "$target" ]] || : >"$target"
  else
    mkdir -p "$target"
  fi
  mount --bind "$source" "$target" || fail "cannot bind $source into the sysroot"
  if [[ "$mode" != rw ]]; then
    remount_read_only "$source" "$target" || fail "cannot make the bind of $source read-only"
  fi
}

# /proc, /dev and /sys are recursive binds because a user namespace may not mount
# them afresh; private propagation keeps them from reaching the host's mounts.
for dir in proc dev sys; do
  mount --rbind "/$dir" "$sysroot/$dir" || fail "cannot bind /$dir into the sysroot"
done
for spec in "$@"; do
  bind "${spec%%:*}" "${spec#*:}"
done
# Name resolution as on the host (a copy would go stale). A symlink in the sysroot
# would resolve against the host's root: a plain file replaces it.
for file in /etc/resolv.conf /etc/hosts; do
  [[ -L "$sysroot$file" ]] && rm -f "$sysroot$file"
  [[ -e "$sysroot$file" ]] || : >"$sysroot$file"
  mount --bind "$(readlink -f "$file")" "$sysroot$file" || fail "cannot bind $file into the sysroot"
  remount_read_only "$(readlink -f "$file")" "$sysroot$file" || fail "cannot make the bind of $file read-only"
done

echo "$$" >"$state.pid.partial"
mv "$state.pid.partial" "$state.pid"

# True while a process other than this holder and its own children is in this
# mount namespace (the Bazel client or server entered it with nsenter).
others_in_namespace() {
  local me inode path pid stat rest
  me="$(stat -L -c %i /proc/$$/ns/mnt)"
  while read -r inode path; do
    [[ "$inode" == "$me" ]] || continue
    pid="${path#/proc/}"
    pid="${pid%%/*}"
    [[ "$pid" == "$$" ]] && continue
    read -r stat 2>/dev/null <"/proc/$pid/stat" || continue
    rest="${stat##*) }"  # fields after "(comm)": state, ppid, ...
    rest="${rest#* }"
    [[ "${rest%% *}" == "$$" ]] && continue
    return 0
  done < <(stat -L -c '%i %n' /proc/[0-9]*/ns/mnt 2>/dev/null)
  return 1
}

# A client holds STATE.lock from before it looks up this holder until it is inside
# the namespace, so "nobody else here" is only trusted while the lock is free.
exec 9>"$state.lock"
while sleep "$POLL_SECONDS"; do
  flock -n 9 || continue
  if ! others_in_namespace; then
    rm -f "$state.pid"
    exit 0
  fi
  flock -u 9
done
