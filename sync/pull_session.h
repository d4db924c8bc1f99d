// PullSession produces the pages of one SyncService.Pull: every household in the requested
// scopes whose live change entry is newer than the cursor, oldest change first, each at its
// current state, up to the commit watermark read when the session began.
//
// Each scope becomes one stream per village (a commune-wide scope, one per village the commune
// has); the streams' change entries are merged by seq, so after a page that ended at seq s every
// village has delivered all its changes <= s, which is what the page's cursor records.
//
// Thread-safety: one thread at a time (a gRPC reactor calls it from its reactions). Reads a
// RocksDB snapshot that it releases when destroyed; the Store must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "rocksdb/db.h"
#include "sync/store.h"
#include "sync/store_records.pb.h"
#include "sync/sync_options.h"

namespace rasoat {

class PullSession {
 public:
  // Starts a session over `request`, whose round and scopes the caller has checked, reading
  // changes up to `committed`. `cursor` is the decoded request cursor. Returns UNAVAILABLE or
  // INTERNAL if the store cannot be read.
  static absl::StatusOr<std::unique_ptr<PullSession>> Start(const Store* store,
                                                            const SyncOptions& options,
                                                            const v1::PullRequest& request,
                                                            store::PullCursor cursor,
                                                            uint64_t committed);
  ~PullSession();

  // Fills `page` (cleared first) with the next households and the cursor to resume after them.
  // The last page has caught_up set; REQUIRES: !done().
  absl::Status NextPage(v1::PullResponse* page);

  // True once the last page was produced.
  bool done() const { return done_; }

 private:
  struct Stream;
  PullSession(const Store* store, const SyncOptions& options, uint64_t committed);

  absl::Status AddStream(const std::string& commune, const std::string& village, bool commune_wide);
  absl::Status AddCommune(const std::string& commune);
  absl::Status AppendHousehold(std::string_view household_id, v1::PullResponse* page,
                               size_t* page_bytes);
  void WriteCursor(uint64_t through_seq, v1::PullResponse* page) const;

  const Store* store_;  // not owned
  const SyncOptions& options_;
  const uint64_t committed_;
  const rocksdb::Snapshot* snapshot_;
  rocksdb::ReadOptions read_;
  std::string round_id_;
  size_t page_households_ = 0;
  store::PullCursor old_cursor_;
  // Communes pulled whole, in request order; their cursor positions cover unlisted villages.
  std::vector<std::string> whole_communes_;
  std::vector<std::unique_ptr<Stream>> streams_;
  // Min-heap of (seq of the stream's current entry, stream index).
  std::vector<std::pair<uint64_t, size_t>> heap_;
  bool done_ = false;
  // Reused for every household, so that reading one allocates nothing once warm.
  rocksdb::PinnableSlice value_;
  store::HouseholdHead head_;
};

}  // namespace rasoat
