#include "sync/store/snapshot.h"

#include "rocksdb/db.h"
#include "sync/store/store_access.h"

namespace rasoat {

Snapshot::Snapshot(const Store& store)
    : store_(store), snapshot_(StoreAccess::db(store)->GetSnapshot()) {}

Snapshot::~Snapshot() { StoreAccess::db(store_)->ReleaseSnapshot(snapshot_); }

}  // namespace rasoat
