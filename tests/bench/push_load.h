// PushLoad drives SyncService.Push the way a commune's tablets do at the end of the day: each
// simulated tablet has its own connection and device id and pushes batches of households one
// after the other, waiting for each acknowledgement. It measures throughput (mutations/s) and
// the latency of each Push. A mixed workload also sends a share of the mutations from a stale
// base, disjoint from what changed since (the server merges) or colliding with it (a conflict).
//
// The same load runs against rasoatd and against the no-op server, so the two compare.
// Thread-safety: one Run at a time; Run uses a thread per tablet internally.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/sync.grpc.pb.h"

namespace rasoat::bench {

struct PushWorkload {
  int tablets = 1;
  int batch = 1;
  // Shares of the mutations sent from a stale base: disjoint edits (merged) and colliding ones
  // (conflicts). The rest register new households.
  double stale_share = 0;
  double conflict_share = 0;
  // Stale households prepared per tablet before the run; when a tablet runs out, it registers
  // new households instead (the figures report the shares really sent).
  int stale_per_tablet = 0;
};

struct PushFigures {
  double mutations_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  uint64_t mutations = 0;
  uint64_t merged = 0;
  uint64_t conflicts = 0;
  // Mutations the server refused, and pushes that failed as a whole.
  uint64_t rejected = 0;
  uint64_t failed_pushes = 0;
};

// Where a benchmark's tablets connect, and the token they present (empty for the no-op
// servers, which ask for none).
struct Target {
  std::string address;
  std::string token;
};

// Adds a mutation of `household_id` to `request` and returns it, for the caller to set its
// record.
v1::Mutation* AddMutation(v1::PushRequest& request, const std::string& round_id,
                          const std::string& household_id, std::string mutation_id,
                          uint64_t base_version);

// Sends `request` and waits for `response`; UNAVAILABLE with gRPC's message if the call failed.
absl::Status PushOnce(v1::SyncService::Stub& stub, const v1::PushRequest& request,
                      v1::PushResponse& response);

// A stub on a connection of its own, as each tablet has.
std::unique_ptr<v1::SyncService::Stub> NewTabletStub(const Target& target);

class PushLoad {
 public:
  // `target` serves SyncService; mutations go to `round_id`. `seed` makes the households.
  PushLoad(Target target, std::string round_id, uint64_t seed);

  // Pushes for `seconds` with `workload`. Each call uses new device and household ids.
  absl::StatusOr<PushFigures> Run(const PushWorkload& workload, double seconds);

 private:
  struct StaleHousehold {
    std::string household_id;
    v1::Household version1;
    double head_floor_area = 0;
  };

  // Registers `count` households per tablet at version 1 and moves each to version 2 by a
  // change of floor area, as another tablet's edit would.
  absl::StatusOr<std::vector<std::vector<StaleHousehold>>> PrepareStale(int tablets, int count);

  Target target_;
  std::string round_id_;
  uint64_t seed_;
  int run_ = 0;
};

// Registers `count` new households spread evenly over `communes` (each with `villages`
// villages), pushed by `tablets` tablets in batches of 100; prints a progress line to stderr
// every 100,000. Household ids start with `id_prefix`.
absl::Status LoadHouseholds(const Target& target, const std::string& round_id,
                            const std::vector<std::string>& communes, int villages, uint64_t count,
                            const std::string& id_prefix, int tablets = 8);

}  // namespace rasoat::bench
