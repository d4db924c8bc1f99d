// PullSession produces the pages of one SyncService.Pull: every household in the requested
// scopes whose live change entry is newer than the cursor, oldest change first, each at its
// current state, and a removal for every household whose removal entry in one of those villages
// is newer than the cursor and that is no longer in the scopes (a move between two villages of
// the scopes sends the household, not a removal), up to the commit watermark read when the
// session began. A page carries each record as the store holds it, never parsed
// (pull_page.proto): what a client receives is a v1.PullResponse.
//
// Each scope becomes one stream per village (a commune-wide scope, one per village the commune
// has); the streams' change entries, one per seq, are merged by seq, so after a page that ended
// at seq s every village has delivered all its changes <= s, which is what the page's cursor
// records. A page closes at the entry limit, or before the household that would take its bytes
// (everything the household's state carries) past the budget, unless it is the page's first.
//
// Thread-safety: one thread at a time (a gRPC reactor's pages are read one after the other). Reads
// one snapshot of the store, released when the session is destroyed; the Store must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/pull/pull_options.h"
#include "sync/pull/pull_page.pb.h"
#include "sync/store/change_stream.h"
#include "sync/store/household_reader.h"
#include "sync/store/snapshot.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class PullSession {
 public:
  // Starts a session over `request`, whose round and scopes the caller has checked, reading
  // changes up to `committed`. `cursor` is the decoded request cursor; the pages' cursors are
  // issued as `issuer`. Each of `revoked`, villages (commune, village) the cursor has a position
  // for that are no longer the caller's, sends a removal (REMOVAL_REASON_SCOPE_REVOKED) for
  // every household in it, and its position is dropped from the cursor once they all went.
  // `store` is not owned. UNAVAILABLE, INTERNAL or DATA_LOSS if the store cannot be read.
  static absl::StatusOr<std::unique_ptr<PullSession>> Start(
      const Store* store, const PullOptions& options, const v1::PullRequest& request,
      store::PullCursor cursor, const CursorIdentity& issuer, uint64_t committed,
      const std::vector<std::pair<std::string, std::string>>& revoked = {});

  // Fills `page` (cleared first) with the next households and removals and the cursor to
  // resume after them. The last page has caught_up set. REQUIRES: !done().
  absl::Status NextPage(pull::PullPage* page);

  // Like NextPage, but reads households only from memory (RocksDB's memtables and block cache),
  // never waiting for the disk, so that a thread that must not block can read the page. False
  // if it came to a household only the disk holds: `page` is then partly filled, and
  // FinishPage, which may wait for the disk, completes it. (Stepping the change entries'
  // iterators may still read one of their blocks: the changes family is small next to the
  // records, and a page's entries are mostly in one block.) REQUIRES: !done().
  absl::StatusOr<bool> NextPageFromMemory(pull::PullPage* page);

  // Completes the page NextPageFromMemory left partly filled, reading from the disk.
  absl::Status FinishPage(pull::PullPage* page);

  // True once the last page was produced.
  bool done() const { return done_; }

 private:
  // One village's change entries after the cursor's position for it.
  struct Stream {
    std::string commune;
    std::string village;
    bool commune_wide = false;
    // A village taken from the caller: every household in it goes as a removal.
    bool revoked = false;
    uint64_t start = 0;
    std::unique_ptr<ChangeStream> changes;
  };

  PullSession(const Store* store, const PullOptions& options, const v1::PullRequest& request,
              store::PullCursor cursor, const CursorIdentity& issuer, uint64_t committed);

  absl::Status AddStream(const std::string& commune, const std::string& village, bool commune_wide,
                         bool revoked = false);
  absl::Status AddCommune(const std::string& commune);
  // Clears `page` for the next page.
  void StartPage(pull::PullPage* page);
  // Fills `page` up to its limits, from memory only if `memory_only` (then false at the first
  // entry only the disk holds), and ends it with its cursor.
  absl::StatusOr<bool> FillPage(pull::PullPage* page, bool memory_only);
  // Whether a household in (commune, village) is in the pulled scopes.
  bool InScope(std::string_view commune, std::string_view village) const;
  // Append a household's state, or a removal, to `page` and return the bytes the entry adds to
  // the encoded page, at most. A removal of a household still in the scopes, or already sent
  // in this session, appends nothing and returns 0. On an error, `page` is as it was.
  absl::StatusOr<size_t> AppendHousehold(std::string_view household_id, pull::PullPage* page);
  absl::StatusOr<size_t> AppendRemoval(std::string_view household_id, v1::RemovalReason reason,
                                       pull::PullPage* page);
  void WriteCursor(uint64_t through_seq, pull::PullPage* page) const;

  const Store* const store_;  // not owned
  const uint64_t committed_;
  const std::string round_id_;
  const size_t page_entries_;
  const size_t max_page_bytes_;
  const store::PullCursor old_cursor_;
  const CursorIdentity issuer_;
  // Declared before what reads it: destroyed after.
  const Snapshot snapshot_;
  // Reused for every household, so that reading one allocates nothing once warm.
  HouseholdReader reader_;
  store::HouseholdHead head_;
  // The page being filled: its entries and bytes so far, and the seq its entries reach.
  size_t page_entry_count_ = 0;
  size_t page_bytes_ = 0;
  uint64_t page_through_ = 0;
  // Communes pulled whole, in request order; their cursor positions cover unlisted villages.
  std::vector<std::string> whole_communes_;
  std::vector<Stream> streams_;
  // Min-heap of (seq of the stream's current entry, stream index).
  std::vector<std::pair<uint64_t, size_t>> heap_;
  // Households a removal was sent for: one that left two villages of the scopes goes once.
  absl::flat_hash_set<std::string> removed_;
  bool done_ = false;
};

}  // namespace rasoat
