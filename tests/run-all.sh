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
# Each stage says how long it took: CI must finish within 40 minutes on 2 cores.
stage() {  # stage NAME COMMAND...
  local start=$SECONDS
  echo "=== $1"
  "${@:2}"
  echo "=== $1: $((SECONDS - start)) s"
}
quietly() { "$@" >/dev/null; }
for preset in "${presets[@]}"; do
  stage "${preset}: configure" quietly cmake --preset "${preset}"
  stage "${preset}: build" cmake --build --preset "${preset}" -j "${jobs}"
  stage "${preset}: test" ctest --preset "${preset}" -j "${jobs}"
done
echo "=== all tests passed (${presets[*]}) in ${SECONDS} s"
