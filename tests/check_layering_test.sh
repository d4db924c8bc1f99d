#!/usr/bin/env bash
# Proves tests/check_layering.sh catches what it is for: on a copy of the tree it passes, then
# fails once each forbidden include is added — RocksDB outside sync/store (directly, or reached
# from server/ through the project's includes), gRPC in sync/, server/ from sync/, one push
# component including another, sync/ from tablet/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fresh() {  # a pristine copy of the sources the check reads
  rm -rf "$work/tree"
  mkdir -p "$work/tree"
  cp -r "$root/sync" "$root/server" "$root/tablet" "$root/tests" "$work/tree/"
}

expect_pass() {
  if ! "$root/tests/check_layering.sh" "$work/tree" >/dev/null; then
    echo "FAIL: the unchanged tree does not pass"; failures=$((failures + 1))
  fi
}

# expect_caught WHAT FILE LINE: the check must fail once LINE is appended to FILE.
expect_caught() {
  fresh
  echo "$3" >> "$work/tree/$2"
  if "$root/tests/check_layering.sh" "$work/tree" >/dev/null; then
    echo "FAIL: not caught: $1 ($2: $3)"; failures=$((failures + 1))
  else
    echo "ok: caught $1"
  fi
}

fresh
expect_pass
expect_caught "a RocksDB include in sync/push" sync/push/push_applier.cc '#include "rocksdb/db.h"'
expect_caught "a RocksDB include in server/" server/rasoatd/sync_service.cc '#include <rocksdb/db.h>'
expect_caught "RocksDB reached from server/ through a store header" sync/store/committer.h \
  '#include "rocksdb/write_batch.h"'
expect_caught "store internals outside sync/store" sync/review/review_queue.cc \
  '#include "sync/store/store_access.h"'
expect_caught "a grpcpp include in sync/" sync/pull/pull_session.cc '#include <grpcpp/grpcpp.h>'
expect_caught "generated gRPC stubs in sync/" sync/engine.h '#include "rasoat/v1/sync.grpc.pb.h"'
expect_caught "a sync/ include of server/" sync/review/review_service.h \
  '#include "server/rasoatd/worker_pool.h"'
expect_caught "push including pull" sync/push/push_service.cc '#include "sync/pull/pull_session.h"'
expect_caught "store including a component above it" sync/store/store.cc \
  '#include "sync/push/push_options.h"'
expect_caught "a component including the engine" sync/outbox/publisher.cc '#include "sync/engine.h"'
expect_caught "tablet/ including sync/" tablet/fleet.cc '#include "sync/merge/merge.h"'
[ $failures -eq 0 ] && echo "check_layering.sh catches every forbidden include it is for"
exit $failures
