#!/usr/bin/env bash
# Builds rasoat and runs every test: the release build's whole suite, the whole suite again
# under AddressSanitizer + UndefinedBehaviorSanitizer (clang) with a short run of each fuzz target
# (tests/fuzz), and the concurrency tests under
# ThreadSanitizer (clang, which also checks the lock annotations with -Wthread-safety).
# Installs what it needs first. Usage: tests/run-all.sh [preset ...]  (default: release asan tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(release asan tsan)

jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "=== ${preset}: configure and build"
  cmake --preset "${preset}" >/dev/null
  cmake --build --preset "${preset}" -j "${jobs}"
  echo "=== ${preset}: test"
  ctest --preset "${preset}" -j "${jobs}"
done
echo "=== all tests passed (${presets[*]})"
