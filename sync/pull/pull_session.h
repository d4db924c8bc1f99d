// PullSession produces the pages of one SyncService.Pull: every household in the requested
// scopes whose live change entry is newer than the cursor, oldest change first, each at its
// current state, up to the commit watermark read when the session began.
//
// Each scope becomes one stream per village (a commune-wide scope, one per village the commune
// has); the streams' change entries are merged by seq, so after a page that ended at seq s every
// village has delivered all its changes <= s, which is what the page's cursor records.
//
// Thread-safety: one thread at a time (a gRPC reactor's pages are read one after the other). Reads
// one snapshot of the store, released when the session is destroyed; the Store must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/pull/pull_options.h"
#include "sync/store/change_stream.h"
#include "sync/store/household_reader.h"
#include "sync/store/snapshot.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class PullSession {
 public:
  // Starts a session over `request`, whose round and scopes the caller has checked, reading
  // changes up to `committed`. `cursor` is the decoded request cursor. `store` is not owned.
  // UNAVAILABLE, INTERNAL or DATA_LOSS if the store cannot be read.
  static absl::StatusOr<std::unique_ptr<PullSession>> Start(const Store* store,
                                                            const PullOptions& options,
                                                            const v1::PullRequest& request,
                                                            store::PullCursor cursor,
                                                            uint64_t committed);

  // Fills `page` (cleared first) with the next households and the cursor to resume after them.
  // The last page has caught_up set. REQUIRES: !done().
  absl::Status NextPage(v1::PullResponse* page);

  // Like NextPage, but reads households only from memory (RocksDB's memtables and block cache),
  // never waiting for the disk, so that a thread that must not block can read the page. False
  // if it came to a household only the disk holds: `page` is then partly filled, and
  // FinishPage, which may wait for the disk, completes it. (Stepping the change entries'
  // iterators may still read one of their blocks: the changes family is small next to the
  // records, and a page's entries are mostly in one block.) REQUIRES: !done().
  absl::StatusOr<bool> NextPageFromMemory(v1::PullResponse* page);

  // Completes the page NextPageFromMemory left partly filled, reading from the disk.
  absl::Status FinishPage(v1::PullResponse* page);

  // True once the last page was produced.
  bool done() const { return done_; }

 private:
  // One village's change entries after the cursor's position for it.
  struct Stream {
    std::string commune;
    std::string village;
    bool commune_wide = false;
    uint64_t start = 0;
    std::unique_ptr<ChangeStream> changes;
  };

  PullSession(const Store* store, const PullOptions& options, const v1::PullRequest& request,
              store::PullCursor cursor, uint64_t committed);

  absl::Status AddStream(const std::string& commune, const std::string& village, bool commune_wide);
  absl::Status AddCommune(const std::string& commune);
  // Clears `page` for the next page.
  void StartPage(v1::PullResponse* page);
  // Fills `page` up to its limits, from memory only if `memory_only` (then false at the first
  // household only the disk holds), and ends it with its cursor.
  absl::StatusOr<bool> FillPage(v1::PullResponse* page, bool memory_only);
  // Appends the household to `page` and adds its bytes to `*page_bytes`; on an error, `page` is
  // as it was.
  absl::Status AppendHousehold(std::string_view household_id, v1::PullResponse* page,
                               size_t* page_bytes);
  void WriteCursor(uint64_t through_seq, v1::PullResponse* page) const;

  const Store* const store_;  // not owned
  const uint64_t committed_;
  const std::string round_id_;
  const size_t page_households_;
  const size_t max_page_bytes_;
  const store::PullCursor old_cursor_;
  // Declared before what reads it: destroyed after.
  const Snapshot snapshot_;
  // Reused for every household, so that reading one allocates nothing once warm.
  HouseholdReader reader_;
  store::HouseholdHead head_;
  // The page being filled: its bytes so far, and the seq its households reach.
  size_t page_bytes_ = 0;
  uint64_t page_through_ = 0;
  // Communes pulled whole, in request order; their cursor positions cover unlisted villages.
  std::vector<std::string> whole_communes_;
  std::vector<Stream> streams_;
  // Min-heap of (seq of the stream's current entry, stream index).
  std::vector<std::pair<uint64_t, size_t>> heap_;
  bool done_ = false;
};

}  // namespace rasoat
