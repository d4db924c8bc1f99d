#!/usr/bin/env bash
# Builds the release preset and runs rasoat-bench: rasoatd on loopback against the physical
# baselines of this machine (synced RocksDB writes, a no-op gRPC server). About 10 minutes on
# 2 cores; the figures go to stdout, progress to stderr. Arguments go to rasoat-bench
# (--help lists them), e.g. tests/bench/run-benchmarks.sh --runs=5 --sections=push
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target rasoat-bench rasoatd
exec build/release/tests/bench/rasoat-bench "$@"
