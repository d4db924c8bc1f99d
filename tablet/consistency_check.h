// The consistency check a fleet of simulated tablets ends with, once every tablet is at rest
// (Fleet::Settle: every edit acknowledged, every tablet pulled to the end). It holds the server
// to what the tablets did and the tablets to what the server has:
//
//   1. Every journaled mutation was acknowledged, not rejected, and appears exactly once in the
//      server's history of its household (a push by that device with that mutation id), at the
//      version the tablet was told.
//   2. Every element a tablet added (a member or an income line, with its tablet-unique id) is
//      in the server's current record.
//   3. Every field a mutation changed holds what the merge rules say it must. Where every
//      version of the household was made by journaled pushes, the journals are replayed through
//      the three-way merge rules (merge_replay.h) and the server must match the replay exactly:
//      each changed field's value, the open conflicts (path and colliding mutation) and each
//      mutation's outcome. Otherwise (a version nobody journaled: a reviewer, another client,
//      an earlier run) each changed field must hold the tablet's value, or be named by an open
//      conflict raised by that mutation, or have been changed by a journaled mutation with a
//      higher version.
//   4. Each village's truth is a fresh pull from an empty cursor; every tablet of the village
//      has exactly its households, each with the same version, record, status, reviewer comment
//      and open conflicts, and no edit left unacknowledged; and no tablet holds a household
//      whose record is in another village (one that moved away must have been removed by the
//      removal entry its pull received).
//
// Thread-safety: a function; the tablets must not be driven while it runs.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/review.grpc.pb.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "tablet/simulated_tablet.h"

namespace rasoat::tablet {

struct ConsistencyReport {
  // One human-readable line per problem, naming the tablet, mutation or household; empty means
  // consistent.
  std::vector<std::string> problems;
  // What was looked at: journaled mutations, households whose history the journals replayed
  // (rule 3 exactly) or did not (rule 3's fallback), and tablet copies of households compared.
  size_t mutations = 0;
  size_t households_replayed = 0;
  size_t households_not_replayed = 0;
  size_t copies_compared = 0;
};

// Runs the four rules over `tablets` (not owned), reading the server through `sync` and
// `review` (not owned). An RPC failure (other than NOT_FOUND for a household, which is a
// problem) is returned as its status.
absl::StatusOr<ConsistencyReport> CheckConsistency(
    const std::vector<const SimulatedTablet*>& tablets, v1::SyncService::Stub* sync,
    v1::ReviewService::Stub* review, const std::string& round_id, const std::string& commune_code);

}  // namespace rasoat::tablet
