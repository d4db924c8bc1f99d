#!/usr/bin/env bash
# rasoat against the CouchDB-protocol peer, measured in the same run: installs pouchdb-server
# 4.2.0 (on LevelDB) from the npm registry into a temporary folder, never into the repository,
# starts it on loopback with an empty data directory, builds the release preset's rasoat-bench
# and runs its peer section against it (which waits for the peer to answer), then stops the
# peer and removes the folder.
# A benchmark, not a test: CI does not run it. Arguments go to rasoat-bench.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v npm >/dev/null; then
  echo "run-peer: needs Node.js and npm: apt-get install nodejs npm" >&2
  exit 2
fi
work=$(mktemp -d /tmp/rasoat-peer-XXXXXX)
peer_pid=
cleanup() {
  status=$?
  # The peer's own exit (killed: 143) is not the script's.
  [ -n "${peer_pid}" ] && kill "${peer_pid}" 2>/dev/null && wait "${peer_pid}" 2>/dev/null || true
  rm -rf "${work}"
  exit "${status}"
}
trap cleanup EXIT

echo "run-peer: installing pouchdb-server 4.2.0 into ${work}" >&2
npm install --prefix "${work}" --no-audit --no-fund --loglevel=error pouchdb-server@4.2.0 >&2

deploy/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target rasoat-bench rasoatd

port=5985
mkdir -p "${work}/data"
# From inside the folder: pouchdb-server writes its config.json and log.txt where it starts.
(cd "${work}" && exec node_modules/.bin/pouchdb-server --host 127.0.0.1 --port "${port}" \
  --dir "${work}/data" --no-color >"${work}/peer.log" 2>&1) &
peer_pid=$!
build/release/tests/bench/rasoat-bench --sections=peer --peer_url="http://127.0.0.1:${port}" "$@"
