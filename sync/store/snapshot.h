// Snapshot: the store as it was at one moment. Reads through it (Store's reads, the listings)
// see every batch committed before it was taken and none after, so a household's head and its
// versions, or the pages of one pull, agree with each other while tablets push.
//
// Thread-safety: may be read through from any thread. Must not outlive its Store.
#pragma once

namespace rocksdb {
class Snapshot;
}  // namespace rocksdb

namespace rasoat {

class Store;

class Snapshot {
 public:
  // Takes a snapshot of `store` (not owned) now.
  explicit Snapshot(const Store& store);
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

 private:
  friend class StoreAccess;
  const Store& store_;
  const rocksdb::Snapshot* snapshot_;
};

}  // namespace rasoat
