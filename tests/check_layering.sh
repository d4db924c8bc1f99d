#!/usr/bin/env bash
# The one-way flow server/ -> sync/ -> RocksDB, checked on the includes: sync/ never includes a
# gRPC header, server/ never includes a RocksDB header. Prints offending lines; fails if any.
set -u
cd "$(dirname "$0")/.."
bad=0
if grep -rnE '#include\s*[<"](grpc|grpcpp)/|\.grpc\.pb\.h' sync/; then
  echo "sync/ must not include gRPC headers"; bad=1
fi
if grep -rnE '#include\s*[<"]rocksdb/' server/; then
  echo "server/ must not include RocksDB headers (go through sync/)"; bad=1
fi
[ $bad -eq 0 ] && echo "layering: sync/ has no gRPC, server/ has no RocksDB"
exit $bad
