// SimulatedTablet behaves like one village collaborator's tablet: it registers and revisits
// households of its village offline (HouseholdGenerator), now and then records that a family
// moved to another village of the commune, queues the edits, pushes them in batches when it
// syncs, and pulls what changed in its village from its own cursor, dropping the households the
// server says have left it. A push can
// be cut off mid-flight (the tablet goes offline): the batch stays frozen and is resent later
// with the same mutation ids and the same records, as a real tablet must. It keeps a journal
// of every mutation it made (mutation_journal.h) and saves its cursor and copy of the village
// in <state_dir>/<device_id>.state (local_households.h), reloaded when it opens again.
//
// Ids it makes start with its device id and a random tag drawn each time it opens, so that no
// other device, and no other run of this one (even from a fresh state directory against a
// server that has seen this device id), makes them: households "tab-007-k3f9a2-h3", mutations
// "tab-007-k3f9a2-42", added members and income lines "m-tab-007-k3f9a2-e5". The records and
// edits themselves depend only on the seed and the session (how many times the state file has
// been opened), so a fresh state directory repeats a run.
//
// Thread-safety: a tablet is driven by one thread at a time. stats() may be read from any
// thread at any time; everything else only while no one drives the tablet.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <grpcpp/channel.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "tablet/household_generator.h"
#include "tablet/local_households.h"
#include "tablet/mutation_journal.h"

namespace rasoat::tablet {

struct TabletOptions {
  // E.g. "tab-007". Required.
  std::string device_id;
  // Where the tablet works. Required.
  std::string round_id = "2026";
  std::string commune_code = "00127";
  std::string village_code;
  // Directory of the state file; created if missing. Required.
  std::string state_dir;
  // Seeds the household generator and every random choice, together with the session.
  uint64_t seed = 1;
  // Most mutations per push. Default: 20.
  int batch = 20;
  // Probability that a push (first send or resend) is cut off. Default: 0 (never).
  double offline = 0;
  // Longest wait before a cut-off push is cancelled; a quarter are cancelled at once, before
  // the request can have left. Default: 20 ms.
  std::chrono::milliseconds max_cut_delay{20};
  // Probability that an edit registers a new household rather than revisiting one; a village
  // with fewer than 3 known households always gets a new one. Default: 0.15.
  double create = 0.15;
  // Edits between two syncs: 1 to this many. Default: 4.
  int max_edits = 4;
  // Villages of the commune a family may move to, and the probability that an edit records
  // such a move of a household the tablet knows (its record's village becomes one of them).
  // Default: none, 0.
  std::vector<std::string> other_villages;
  double move = 0;
  // Deadline of every RPC that is not cut off. Default: 30 s.
  std::chrono::milliseconds rpc_deadline{30'000};
  // How often a successful pull also saves the state file (Save after Settle always does).
  // Default: 5 s.
  std::chrono::milliseconds checkpoint_every{5'000};
};

// Counters since the tablet opened. Any thread may read them while the tablet runs.
struct TabletStats {
  std::atomic<uint64_t> edits{0};      // edits that changed a record, and registrations
  std::atomic<uint64_t> mutations{0};  // mutations made (each pushed until acknowledged)
  std::atomic<uint64_t> pushes{0};     // Push calls, resends included
  std::atomic<uint64_t> cancelled_pushes{0};
  std::atomic<uint64_t> retries{0};      // resends of a batch the server had not answered
  std::atomic<uint64_t> failed_rpcs{0};  // pushes and pulls that failed other than by a cut-off
  std::atomic<uint64_t> duplicates{0};
  std::atomic<uint64_t> applied{0};
  std::atomic<uint64_t> merged{0};
  std::atomic<uint64_t> conflicts{0};
  std::atomic<uint64_t> rejected{0};
  std::atomic<uint64_t> moves{0};  // households moved to another village (each pushed once)
  std::atomic<uint64_t> pulls{0};  // completed pulls
  std::atomic<uint64_t> pulled_households{0};
  std::atomic<uint64_t> pulled_removals{0};
};

class SimulatedTablet {
 public:
  // Opens the tablet over `channel` (shared, not owned), loading its state file if there is
  // one for the same device, round, commune and village (otherwise it starts with an empty
  // copy), and saving it back with the session counted up. INVALID_ARGUMENT for missing
  // options; DATA_LOSS for a state file that does not parse; INTERNAL if it cannot be written.
  static absl::StatusOr<std::unique_ptr<SimulatedTablet>> Open(
      TabletOptions options, std::shared_ptr<grpc::Channel> channel);

  // The collaborator's work between two syncs: 1 to max_edits edits, each registering a new
  // household or changing one the tablet knows that no push is carrying (with options.move,
  // its village).
  void EditOffline();

  // Goes online: pushes the queued edits in batches (first resending a batch the server has not
  // answered), then pulls. With `may_go_offline`, each push is cut off with probability
  // options.offline. Returns true if everything was pushed and the pull completed; false if the
  // tablet went offline or an RPC failed (last_error() says why), the batch kept for next time.
  bool Sync(bool may_go_offline);

  // Pushes until every edit is acknowledged, never cutting a push off; a failed push is
  // retried after a growing pause, up to `attempts` failures in a row. OK, or UNAVAILABLE
  // with the last error.
  absl::Status PushAll(int attempts);

  // Pulls the village from the cursor to the end, taking each page's households and removals
  // (LocalHouseholds), and returns how many households came. A cursor
  // the server refuses (INVALID_ARGUMENT naming the cursor: another server's, or from before a
  // restore) is dropped with the copy, and the village pulled again from the start. Otherwise
  // the RPC's status. Saves the state file if options.checkpoint_every has passed.
  absl::StatusOr<int> Pull();

  // Writes the state file now. INTERNAL if it cannot be written.
  absl::Status SaveState();

  const TabletOptions& options() const { return options_; }
  const std::string& device_id() const { return options_.device_id; }
  const std::string& village_code() const { return options_.village_code; }
  uint64_t session() const { return session_; }
  // What every id this tablet makes in this session starts with: "tab-007-k3f9a2".
  const std::string& id_prefix() const { return id_prefix_; }
  const LocalHouseholds& local() const { return local_; }
  // For tests that tamper with the copy to see the check notice.
  LocalHouseholds* mutable_local() { return &local_; }
  const std::vector<JournalEntry>& journal() const { return journal_; }
  // For tests that tamper with the journal to see the check notice.
  std::vector<JournalEntry>* mutable_journal() { return &journal_; }
  const TabletStats& stats() const { return stats_; }
  // Households with edits the server has not acknowledged.
  size_t queued() const;
  const std::string& last_error() const { return last_error_; }

 private:
  SimulatedTablet(TabletOptions options, std::shared_ptr<grpc::Channel> channel);

  bool Chance(double probability);
  void CreateHousehold();
  // Opens a draft of `household` if it has none and returns it.
  LocalHouseholds::Draft& DraftOf(LocalHouseholds::Household* household);
  void EditHousehold(LocalHouseholds::Household* household);
  // Records that the family moved to one of options.other_villages.
  void MoveHousehold(LocalHouseholds::Household* household);
  // Freezes up to options.batch unfrozen drafts into in_flight_ and journals them.
  void FreezeBatch();
  // Sends in_flight_ once; applies the results if the server answered.
  bool PushInFlight(bool may_go_offline);
  void ApplyResult(const v1::Mutation& mutation, const v1::MutationResult& result);
  absl::StatusOr<int> PullOnce();
  std::string StatePath() const;

  const TabletOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::SyncService::Stub> stub_;
  uint64_t session_ = 1;
  std::string id_prefix_;
  std::optional<HouseholdGenerator> generator_;
  LocalHouseholds local_;
  // The batch being pushed, until the server answers it; empty otherwise.
  v1::PushRequest in_flight_;
  int in_flight_sends_ = 0;
  std::vector<JournalEntry> journal_;
  std::unordered_map<std::string, size_t> journal_index_;  // mutation id -> journal_ index
  uint64_t households_made_ = 0;
  uint64_t mutations_made_ = 0;
  uint64_t elements_made_ = 0;
  std::chrono::steady_clock::time_point last_save_;
  std::string last_error_;
  TabletStats stats_;
};

}  // namespace rasoat::tablet
