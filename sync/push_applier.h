// PushApplier turns the checked mutations of one push into one RocksDB WriteBatch: it decides
// each mutation's outcome (new household, fast-forward, conflict, duplicate), remembers what
// the batch already changed so later mutations of the same push see it, and finally files one
// change entry per household it changed.
//
// Thread-safety: one instance per push, used by one thread. The caller holds the household
// locks of every mutation it applies, from the first Apply until the batch is written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "rocksdb/write_batch.h"
#include "sync/change_entry.h"
#include "sync/household_assessment.h"
#include "sync/store.h"
#include "sync/store_records.pb.h"

namespace rasoat {

class PushApplier {
 public:
  // `store` and `standards` are not owned and must outlive this. `now_micros` stamps the
  // versions. Every round a mutation names must be in `standards`.
  PushApplier(const Store* store, const RoundStandards* standards, std::string device_id,
              int64_t now_micros);

  // Adds `mutation` to the batch and returns its result. INTERNAL/UNAVAILABLE/DATA_LOSS if the
  // store could not be read; the push must then be abandoned.
  // REQUIRES: CheckMutation(mutation) passed; its household's lock is held.
  absl::StatusOr<v1::MutationResult> Apply(const v1::Mutation& mutation);

  // How many households the batch changes: the seqs Finish needs.
  uint64_t changed_households() const;

  // Files the change entries, numbered first_seq, first_seq + 1, ..., and the heads, and
  // returns the complete batch. Call once, after the last Apply.
  // REQUIRES: changed_households() > 0.
  rocksdb::WriteBatch* Finish(uint64_t first_seq);

 private:
  // A household the batch reads or changes.
  struct Touched {
    std::string round_id;
    std::string household_id;
    std::string household_key;
    store::HouseholdHead head;
    // Where the household's live change entry was before this push.
    ChangeLocation old_location;
    // Whether the household has a head, in the store or from an earlier mutation of this push.
    bool exists = false;
    // Whether this push changed it (a rejected mutation touches without changing).
    bool changed = false;
    // Values of the versions this push wrote, for later mutations of the same push that merge
    // against them (kept encoded: copying bytes is cheaper than copying the record).
    absl::flat_hash_map<uint64_t, std::string> written;
  };

  absl::StatusOr<Touched*> Touch(const v1::HouseholdKey& key);
  absl::Status ReadVersion(const Touched& touched, uint64_t version, store::VersionMeta* meta,
                           v1::Household* record) const;
  // Merges a stale mutation into `merged`, fills the merge notes and conflicts into `meta` and
  // the outcome into `result`. INVALID_ARGUMENT if the records cannot be merged.
  absl::Status Merge(const v1::Mutation& mutation, const Touched& touched, v1::Household* merged,
                     store::VersionMeta* meta, v1::MutationResult* result) const;
  absl::StatusOr<bool> FindResult(const std::string& mutation_key, v1::MutationResult* result);

  const Store* store_;               // not owned
  const RoundStandards* standards_;  // not owned
  const std::string device_id_;
  const int64_t now_micros_;
  rocksdb::WriteBatch batch_;
  // Households in the order the batch first touched them; pointers into it stay valid.
  std::vector<std::unique_ptr<Touched>> households_;
  absl::flat_hash_map<std::string, Touched*> by_key_;
  // Results of this batch by mutations-family key: a mutation repeated within one push is a
  // duplicate of its first occurrence.
  absl::flat_hash_map<std::string, v1::MutationResult> results_;
};

}  // namespace rasoat
