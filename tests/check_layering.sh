#!/usr/bin/env bash
# The one-way flow of DESIGN.md "Layout", checked on the includes:
#   tablet or browser -> server/ -> sync/ (push, pull, review, outbox) -> sync/store -> RocksDB
# - sync/ never includes a gRPC header, nor anything of server/;
# - nothing outside sync/store includes a RocksDB header (but the two test files that must write
#   raw bytes or measure raw RocksDB: tests/support/raw_store.cc, tests/bench/rocksdb_baseline.cc,
#   tests/sync/store/rocks_log_test.cc, which calls the info logger as RocksDB does, and
#   tests/sync/store/write_stall_test.cc, which makes a real store stall), and nothing outside
#   sync/store includes its RocksDB-facing internals (store_access.h, rocks_status.h; but
#   write_stall_test.cc);
# - server/'s headers do not reach RocksDB even through the project's own includes;
# - the components depend one way: base on nothing; store, merge, rules and publish on base
#   only (and proto); identity on store; push, pull, review and outbox on those and identity (the
#   Principal a call is from), never on each other nor on the engine; only the engine and server/
#   see everything;
# - tablet/ (rasoat-tablet) is a client of the wire contract only.
# Prints every offending line; exits 1 if there is any. Usage: check_layering.sh [ROOT]
set -u
shopt -s lastpipe  # `... | offend` runs offend in this shell, so it can set bad
cd "${1:-$(dirname "$0")/..}"
bad=0

# offend MESSAGE: reads "file:line:text" lines on stdin; prints them and MESSAGE if any.
offend() {
  local lines
  lines=$(cat)
  if [ -n "$lines" ]; then
    echo "$lines"
    echo "  ^ $1"
    bad=1
  fi
}

includes() {  # includes DIR...: every #include line under DIR (sources and headers)
  grep -rnE '^\s*#\s*include\s*[<"]' --include='*.h' --include='*.cc' "$@" 2>/dev/null
}

includes sync/ | grep -E '[<"](grpc|grpcpp)/|\.grpc\.pb\.h' |
  offend "sync/ must not include gRPC headers"
includes sync/ | grep -E '"server/' |
  offend "sync/ must not include server/ (the flow is server -> sync)"
includes sync/ server/ tablet/ tests/ | grep -E '[<"]rocksdb/' |
  grep -vE '^sync/store/|^tests/support/raw_store\.cc:|^tests/bench/rocksdb_baseline\.cc:|^tests/sync/store/rocks_log_test\.cc:|^tests/sync/store/write_stall_test\.cc:' |
  offend "only sync/store includes RocksDB"
includes sync/ server/ tablet/ tests/ | grep -E '"sync/store/(store_access|rocks_status)\.h"' |
  grep -vE '^sync/store/|^tests/sync/store/write_stall_test\.cc:' |
  offend "sync/store's RocksDB internals stay inside sync/store"

# component: the sync/ folders it may include besides its own (base is always allowed).
declare -A allowed=(
  [base]=""
  [store]=""
  [merge]=""
  [rules]=""
  [publish]=""
  [push]="store merge rules identity audit"
  [pull]="store rules identity audit"
  [review]="store merge rules identity audit"
  [outbox]="store rules publish identity audit"
  [identity]="store audit"
  [audit]="store"
)
for component in "${!allowed[@]}"; do
  pattern="base|${component}"
  for dep in ${allowed[$component]}; do pattern="${pattern}|${dep}"; done
  includes "sync/${component}/" | grep -E '"sync/' | grep -vE "\"sync/(${pattern})/" |
    offend "sync/${component} may include only sync/{${pattern//|/,}}"
done

# server/'s headers, followed through the project's includes, never reach a RocksDB header. The
# include graph is read once; each file's answer is worked out once.
declare -A edges=() direct=() reach=()
while IFS=: read -r file _ text; do
  if [[ $text =~ [\<\"]rocksdb/ ]]; then direct[$file]=1; fi
  if [[ $text =~ \"((sync|server)/[^\"]+)\" ]]; then edges[$file]+="${BASH_REMATCH[1]} "; fi
done < <(includes sync/ server/)
reaches_rocksdb() {  # reaches_rocksdb FILE: sets reach[FILE] to " -> a.h -> rocksdb", or ""
  local file=$1 inc
  [ -n "${reach[$file]+x}" ] && return
  reach[$file]=""  # while it is being followed: an include cycle adds nothing
  if [ -n "${direct[$file]:-}" ]; then reach[$file]=" -> rocksdb"; return; fi
  for inc in ${edges[$file]:-}; do
    reaches_rocksdb "$inc"
    if [ -n "${reach[$inc]}" ]; then reach[$file]=" -> $inc${reach[$inc]}"; return; fi
  done
}
for file in server/*/*.h server/*/*.cc; do
  reaches_rocksdb "$file"
  if [ -n "${reach[$file]}" ]; then echo "$file${reach[$file]}"; fi
done | offend "server/ must not see RocksDB, not even through an include"

includes tablet/ | grep -E '"(sync|server)/|[<"]rocksdb/' |
  offend "tablet/ must not include sync/, server/ or RocksDB (a client of proto/ only)"

[ $bad -eq 0 ] && echo "layering: one way from server/ through sync/'s components to sync/store; only sync/store sees RocksDB; tablet/ knows only the wire contract"
exit $bad
