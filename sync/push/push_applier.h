// PushApplier turns the checked mutations of one push into one CommitBatch: it decides each
// mutation's outcome (new household, fast-forward, merge, conflict, duplicate, or a rejection
// that only the store's state can tell: a mutation id reused for other content, a merge over
// the record limit, conflicts past the household's limit), remembers what the batch already
// changed so later mutations of the same push see it, and finally files one change per
// household it changed. It reads the store; it never writes (the Committer does).
//
// Thread-safety: one instance per push, used by one thread. The caller holds the household
// locks of every mutation it applies, from the first Apply until the batch is committed.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/arena.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/audit/audit_entry.pb.h"
#include "sync/identity/principal.h"
#include "sync/push/mutation_digest.h"
#include "sync/push/push_options.h"
#include "sync/rules/rounds.h"
#include "sync/store/commit_batch.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class PushApplier {
 public:
  // `store`, `rounds` and `caller` are not owned and must outlive this. `caller` pushes as
  // `device_id`; `now_micros` stamps the versions.
  PushApplier(const Store* store, const rules::Rounds* rounds, const PushOptions& options,
              const identity::Principal* caller, std::string device_id, int64_t now_micros);

  // Reads what Apply needs from the store for the mutations `indexes` of `request`, together:
  // the results stored for their mutation ids, their households' heads, and the versions a
  // stale mutation merges (its household's head version and its base): a MultiGet each, where
  // one Get per mutation, household and version would otherwise be made. Optional, once,
  // before the first Apply; Apply reads itself whatever was not prefetched (versions past
  // kMaxPrefetchedVersions, below).
  // INTERNAL/UNAVAILABLE/DATA_LOSS if the store could not be read: abandon the push.
  // REQUIRES: the household locks of every mutation in `indexes` are held.
  absl::Status Prefetch(const v1::PushRequest& request, const std::vector<int>& indexes);

  // Adds `mutation`, the `index`-th of its push, to the batch and returns its result: APPLIED,
  // MERGED, CONFLICT or DUPLICATE (the same content under a mutation id seen before), or
  // REJECTED with nothing of it added:
  //   ALREADY_EXISTS       its mutation id was used before, by this device, for other content;
  //   PERMISSION_DENIED    the household is, or the record would put it, outside the caller's
  //                        villages;
  //   FAILED_PRECONDITION  merged with the household's head, the record would be over
  //                        max_record_bytes, or the household would have more than
  //                        max_open_conflicts open conflicts;
  //   INVALID_ARGUMENT     the records cannot be merged.
  // A rejection is not remembered: the same mutation may be pushed again later.
  // INTERNAL/UNAVAILABLE/DATA_LOSS if the store could not be read; the push must then be
  // abandoned.
  // REQUIRES: CheckMutation(mutation) passed; its household's lock is held.
  absl::StatusOr<v1::MutationResult> Apply(const v1::Mutation& mutation, int index);

  // Files a change for every household the batch changed and returns the batch to commit (it
  // files none when every mutation was a duplicate or rejected). Call once, after the last
  // Apply; the batch lives as long as this applier.
  CommitBatch* Finish();

 private:
  // A household the batch reads or changes.
  struct Touched {
    std::string round_id;
    std::string household_id;
    store::HouseholdHead head;
    // Where the household's live change entry was before this push.
    ChangeLocation old_location;
    // Whether the household has a head, in the store or from an earlier mutation of this push.
    bool exists = false;
    // Whether this push changed it (a rejected mutation touches without changing).
    bool changed = false;
    // Encoded values (store/version_value.h) of versions this push wrote or Prefetch read,
    // for the mutations that merge against them: kept encoded, as copying bytes is cheaper
    // than copying a record, and the head's meta is parsed only for a conflict. A version
    // never changes once written. Node-based: VersionValue hands out views into it.
    absl::node_hash_map<uint64_t, std::string> versions;
  };

  // How many versions Prefetch reads and holds for the push at most: with records of at most
  // max_record_bytes (256 KiB by default), 16 MiB.
  static constexpr size_t kMaxPrefetchedVersions = 64;

  absl::StatusOr<Touched*> Touch(const v1::HouseholdKey& key);
  // The encoded value of version `version` of the touched household: a view into
  // `touched.versions`, or else into `*buffer` (not owned), read from the store into it.
  // NOT_FOUND if there is none.
  absl::StatusOr<std::string_view> VersionValue(const Touched& touched, uint64_t version,
                                                std::string* buffer) const;
  // Merges a stale mutation into `merged`, fills the merge notes and conflicts into `meta` and
  // the outcome into `result`; the versions it merges are parsed on `arena`. INVALID_ARGUMENT if
  // the records cannot be merged.
  absl::Status Merge(const v1::Mutation& mutation, const Touched& touched,
                     google::protobuf::Arena* arena, v1::Household* merged,
                     store::VersionMeta* meta, v1::MutationResult* result) const;
  // The result already given to `mutation_id` of this device, in this batch or before, and the
  // digest of that mutation (empty if it was stored before digests were kept).
  absl::StatusOr<bool> FindResult(const std::string& mutation_id, v1::MutationResult* result,
                                  std::string* digest);

  const Store* store_;           // not owned
  const rules::Rounds* rounds_;  // not owned
  const PushOptions options_;
  const identity::Principal* const caller_;  // not owned
  const std::string device_id_;
  const int64_t now_micros_;
  MutationDigester digester_;
  CommitBatch batch_;
  // Households in the order the batch first touched them; pointers into it stay valid.
  std::vector<std::unique_ptr<Touched>> households_;
  absl::flat_hash_map<std::string, Touched*> by_key_;
  // Results of this batch and their mutations' digests, by mutation id: a mutation repeated
  // within one push is a duplicate of its first occurrence.
  struct Remembered {
    v1::MutationResult result;
    MutationDigest digest;
  };
  absl::flat_hash_map<std::string, Remembered> results_;
  // What Prefetch read of the store's results, by mutation id: empty if none was stored.
  absl::flat_hash_map<std::string, std::optional<Store::StoredResult>> prefetched_results_;
  // The push's audit entry: a change per version stored (sync/audit/audit_event.h).
  std::vector<audit::HouseholdChange> audit_changes_;
};

}  // namespace rasoat
