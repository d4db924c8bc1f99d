// rasoat against a CouchDB-protocol peer (pouchdb-server on LevelDB, which
// tests/bench/run-peer.sh installs and starts), measured in the same run with the same generated
// households, one client each: bulk writes in batches of 100, writes one at a time, and a
// commune's initial pull (the peer's changes feed filtered to the commune, with the documents).
// The peer gets each household as JSON, the form a CouchDB client stores; rasoat as protobuf.
// Thread-safety: runs on one thread.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "tests/bench/bench_config.h"

namespace rasoat::bench {

// Measures the peer at `peer_url` ("http://127.0.0.1:PORT", an empty server) and a fresh rasoatd,
// and prints both and their ratios.
absl::Status RunPeerSection(const BenchConfig& config, const std::string& peer_url);

}  // namespace rasoat::bench
