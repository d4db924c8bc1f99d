#!/usr/bin/env bash
# The one-way flow server/ -> sync/ -> RocksDB -> publisher -> program store, checked on the
# includes: sync/ never includes a gRPC header, server/ never includes a RocksDB header, and the
# program-store adapters (sync/publish/) and the rules (sync/rules/) know nothing of RocksDB or
# of the rest of sync/; tablet/ (rasoat-tablet) is a client of the wire contract only and
# includes nothing from sync/ or server/. Prints offending lines; fails if any.
set -u
cd "$(dirname "$0")/.."
bad=0
if grep -rnE '#include\s*[<"](grpc|grpcpp)/|\.grpc\.pb\.h' sync/; then
  echo "sync/ must not include gRPC headers"; bad=1
fi
if grep -rnE '#include\s*[<"]rocksdb/' server/; then
  echo "server/ must not include RocksDB headers (go through sync/)"; bad=1
fi
# (sync/status_macros.h, header-only status plumbing, is shared by all.)
if grep -rnE '#include\s*[<"]rocksdb/|#include\s*"sync/[a-z_]+\.h"' sync/publish/ sync/rules/ |
    grep -v 'sync/status_macros.h'; then
  echo "sync/publish/ and sync/rules/ must not include RocksDB or the rest of sync/"; bad=1
fi
if grep -rnE '#include\s*[<"](sync|server|rocksdb)/' tablet/; then
  echo "tablet/ must not include sync/, server/ or RocksDB (a client of proto/ only)"; bad=1
fi
[ $bad -eq 0 ] && echo "layering: sync/ has no gRPC, server/ has no RocksDB, sync/publish and sync/rules stand alone, tablet/ knows only the wire contract"
exit $bad
