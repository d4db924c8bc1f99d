// A fleet of simulated tablets (simulated_tablet.h) working one commune of a rasoatd at once,
// each on its own thread, several to a village so that they edit the same households and the
// server has to merge: the load a commune puts on the server during the review, and, with the
// consistency check it ends with (consistency_check.h), a test that nothing was lost.
//
// Thread-safety: a Fleet is driven by one thread (Run, Settle); Report() may be called from
// any thread, also while Run is going on, and is what Run's progress callback receives.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/channel.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablet/consistency_check.h"
#include "tablet/simulated_tablet.h"

namespace rasoat::tablet {

struct FleetOptions {
  // The rasoatd to sync with. Default: "127.0.0.1:50051" (README's run command).
  std::string server = "127.0.0.1:50051";
  // The bearer token the tablets present: an admin's, since the fleet's tablets move
  // households between villages. Default: none (rasoatd then refuses every call).
  std::string token;
  // The CA file to trust for TLS; empty: plaintext. Default: empty.
  std::string ca_file;
  // Tablets, "tab-000", "tab-001", ... Default: 10.
  int tablets = 10;
  // How long the tablets work before they settle. Default: 20 s.
  std::chrono::milliseconds duration{20'000};
  // Villages "thon-1" ... "thon-N"; tablet i works in village i mod N + 1. 0 means one village
  // per 5 tablets, rounded up: several tablets per village is what makes merges and conflicts.
  // Default: 0.
  int villages = 0;
  // Most mutations per push. Default: 20.
  int batch = 20;
  // Probability that a push is cut off (the tablet goes offline, then resends). Default: 0.1.
  double offline = 0.1;
  // Probability that a tablet's edit records a family's move to another village of the commune
  // (with more than one village): the old village's tablets must drop the household, the new
  // one's receive it. Default: 0.02.
  double move = 0.02;
  // Seeds every tablet's generator (with the tablet's index and session): the same seed and a
  // fresh state_dir give the same households and edits. Default: 1.
  uint64_t seed = 1;
  // Where the tablets keep their state files. Default: "./tablet-state".
  std::string state_dir = "./tablet-state";
  std::string round_id = "2026";
  std::string commune_code = "00127";
  // A tablet's pause between two syncs (the collaborator walks to the next house), drawn
  // between half and one and a half of this; after a push is cut off it stays offline for one
  // to five pauses more. Trade-off: shorter pauses load the server more and grow the villages
  // faster. Default: 200 ms.
  std::chrono::milliseconds pause{200};

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
  // `villages`, or its default for `tablets`.
  int village_count() const;
};

// What the fleet did, summed over its tablets.
struct FleetReport {
  int tablets = 0;
  int villages = 0;
  double seconds = 0;
  uint64_t edits = 0;
  uint64_t mutations = 0;
  uint64_t pushes = 0;
  uint64_t cancelled_pushes = 0;
  uint64_t retries = 0;
  uint64_t failed_rpcs = 0;
  uint64_t duplicates = 0;
  uint64_t applied = 0;
  uint64_t merged = 0;
  uint64_t conflicts = 0;
  uint64_t rejected = 0;
  uint64_t moves = 0;
  uint64_t pulls = 0;
  uint64_t pulled_households = 0;
  uint64_t pulled_removals = 0;
  // Households the tablets know, all villages together; counted by Settle (0 before).
  uint64_t households = 0;

  // One line, for progress ("12.0s edits=... pushes=... cancelled=... ...").
  std::string ProgressLine() const;
  // A few lines, for the end of a run.
  std::string Summary() const;
};

class Fleet {
 public:
  // Validates `options`, connects to the server (UNAVAILABLE if it cannot be reached within
  // 5 s) and opens every tablet (SimulatedTablet::Open's errors). INVALID_ARGUMENT for bad
  // options.
  static absl::StatusOr<std::unique_ptr<Fleet>> Open(FleetOptions options);

  // Lets every tablet work, each on its own thread, for options.duration: edit offline, sync (a
  // push may be cut off), pause; every tablet does this at least once. Calls `progress` (may be
  // empty) about once a second from this thread. Returns when every tablet has stopped; their
  // queues may still hold edits.
  void Run(const std::function<void(const FleetReport&)>& progress);

  // Brings every tablet to rest: all push until every edit is acknowledged (in parallel), then,
  // once all have, all pull to the end and save their state. OK, or the first tablet's error
  // (UNAVAILABLE after repeated failed pushes, or a pull's status).
  absl::Status Settle();

  FleetReport Report() const;
  const FleetOptions& options() const { return options_; }
  std::vector<SimulatedTablet*> tablets() const;
  // A channel to the server, for the consistency check.
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

 private:
  explicit Fleet(FleetOptions options) : options_(std::move(options)) {}

  const FleetOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::vector<std::unique_ptr<SimulatedTablet>> tablets_;
  std::atomic<int64_t> elapsed_ms_{0};
  std::atomic<uint64_t> households_{0};
};

// The whole run of rasoat-tablet: open, run, settle, check. check.problems is empty when the
// fleet is consistent.
struct FleetOutcome {
  FleetReport report;
  ConsistencyReport check;
};
absl::StatusOr<FleetOutcome> RunFleet(const FleetOptions& options,
                                      const std::function<void(const FleetReport&)>& progress);

}  // namespace rasoat::tablet
