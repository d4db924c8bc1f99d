#!/bin/sh
# Runs a libFuzzer target for a short session, as the tests labelled "fuzz" do:
#   run_fuzz.sh BINARY SEED_DIR SECONDS
# New inputs go to a temporary corpus, removed on exit, so the seeds in SEED_DIR (tests/fuzz/
# corpus/NAME/, under version control) are read but never written. Exits with libFuzzer's code:
# non-zero when an input crashed the target or violated a property (the input is saved in the
# working directory as crash-<sha1>, and its stack printed).
set -u
if [ "$#" -ne 3 ]; then
  echo "usage: $0 BINARY SEED_DIR SECONDS" >&2
  exit 2
fi
binary=$1
seeds=$2
seconds=$3
corpus=$(mktemp -d) || exit 1
trap 'rm -rf "$corpus"' EXIT
"$binary" -max_total_time="$seconds" -runs=100000 -timeout=10 -rss_limit_mb=2048 \
  "$corpus" "$seeds"
status=$?
exit "$status"
