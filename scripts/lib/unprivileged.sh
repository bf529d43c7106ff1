# shellcheck shell=bash
# Sourced by the seqrec scripts. OpenSearch refuses to run as root, so when a script is
# started by root, seqrec_rerun_unprivileged re-runs it as the unprivileged user `seqrec`
# on a copy of the repository in that user's home. Users who are not root run in place,
# untouched.
#
# Usage, near the top of a script, after sourcing jdk.sh:
#   seqrec_rerun_unprivileged "$0" "$@"   # as root: never returns, exits with the child's status
#
# The copy lives in /home/seqrec/seqrec-work/<repo-dir-name>. Each run refreshes every
# source file (stale ones are deleted) but keeps the copy's target/ folders, so Maven
# builds there stay incremental. A `shared` folder beside the repository, if present, is
# made reachable beside the copy through a symlink. The user has its own Maven repository
# (~seqrec/.m2), filled from Maven Central on first use.

SEQREC_USER=seqrec

seqrec__repo_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
}

seqrec__ensure_user() {
  if ! id -u "$SEQREC_USER" >/dev/null 2>&1; then
    echo "seqrec: creating unprivileged user '$SEQREC_USER' (OpenSearch must not run as root)" >&2
    useradd -m -s /bin/bash "$SEQREC_USER"
  fi
}

# Makes $2 (owned by the user) a copy of the source tree $1 without .git and target/
# folders, deleting files that no longer exist in $1 but keeping $2's own target/ folders.
seqrec__sync_tree() {
  local src="$1" dest="$2"
  runuser -u "$SEQREC_USER" -- mkdir -p "$dest"
  # Delete every file outside target/ folders...
  runuser -u "$SEQREC_USER" -- find "$dest" -mindepth 1 \
    \( -type d -name target -prune \) -o \( ! -type d -print0 \) \
    | runuser -u "$SEQREC_USER" -- xargs -0 -r rm -f
  # ...and the folders left empty (children before parents: reverse byte order)...
  runuser -u "$SEQREC_USER" -- find "$dest" -mindepth 1 \
    \( -type d -name target -prune \) -o \( -type d -print0 \) \
    | LC_ALL=C sort -rz \
    | runuser -u "$SEQREC_USER" -- xargs -0 -r rmdir --ignore-fail-on-non-empty
  # ...then unpack a fresh copy. tar keeps modification times, so Maven only rebuilds what changed.
  tar -C "$src" --exclude=./.git --exclude=target -cf - . \
    | runuser -u "$SEQREC_USER" -- tar -C "$dest" --no-same-owner -xf -
}

seqrec_rerun_unprivileged() {
  [[ $EUID -eq 0 ]] || return 0
  local script="$1"
  shift
  local root name work dest rel status
  root=$(seqrec__repo_root)
  name=$(basename "$root")
  work="/home/$SEQREC_USER/seqrec-work"
  dest="$work/$name"
  rel=$(realpath --relative-to="$root" "$(realpath "$script")")

  seqrec__ensure_user
  runuser -u "$SEQREC_USER" -- mkdir -p "$work"
  # One run at a time per copy: a second one waits instead of rewriting files under the first.
  exec {seqrec_lock_fd}>"$work/.$name.lock"
  chown "$SEQREC_USER:" "$work/.$name.lock"
  if ! flock -n "$seqrec_lock_fd"; then
    echo "seqrec: waiting for another run using $dest" >&2
    flock "$seqrec_lock_fd"
  fi

  echo "seqrec: running as root; re-running $rel as user '$SEQREC_USER' in $dest" >&2
  seqrec__sync_tree "$root" "$dest"
  if [[ -d "$root/../shared" ]]; then
    ln -sfn "$(cd "$root/../shared" && pwd -P)" "$work/shared"
    if ! runuser -u "$SEQREC_USER" -- test -r "$work/shared/." -a -x "$work/shared/."; then
      echo "seqrec: warning: $work/shared is not readable by '$SEQREC_USER'" >&2
    fi
  fi

  status=0
  (cd "$dest" && runuser -u "$SEQREC_USER" -- env \
      HOME="/home/$SEQREC_USER" USER="$SEQREC_USER" LOGNAME="$SEQREC_USER" \
      JAVA_HOME="$JAVA_HOME" PATH="$PATH" CI="${CI:-}" \
      MAVEN_OPTS="${MAVEN_OPTS:-}" \
      bash "$rel" "$@") || status=$?
  echo "seqrec: '$rel' as '$SEQREC_USER' finished with status $status (build outputs under $dest)" >&2
  exit "$status"
}
