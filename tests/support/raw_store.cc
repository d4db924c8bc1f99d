#include "tests/support/raw_store.h"

#include <functional>
#include <memory>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace rasoat::testing {

namespace {

// Opens the database in `data_dir` with every family and writes, synced, what `write` puts in
// the batch for the handle of `family`.
absl::Status WriteRaw(
    const std::string& data_dir, std::string_view family,
    const std::function<void(rocksdb::ColumnFamilyHandle*, rocksdb::WriteBatch*)>& write) {
  std::vector<std::string> names;
  rocksdb::Status status = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), data_dir, &names);
  if (!status.ok()) return absl::FailedPreconditionError(status.ToString());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  // Written to the WAL only: nothing is flushed here, so the families' own options (a merge
  // operator for meta) are never needed.
  rocksdb::DBOptions options;
  options.avoid_flush_during_recovery = true;
  options.avoid_flush_during_shutdown = true;
  status = rocksdb::DB::Open(options, data_dir, families, &handles, &raw);
  if (!status.ok()) return absl::FailedPreconditionError(status.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  absl::Status result = absl::NotFoundError("no column family of that name");
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] != family) continue;
    rocksdb::WriteBatch batch;
    write(handles[i], &batch);
    rocksdb::WriteOptions sync;
    sync.sync = true;
    status = db->Write(sync, &batch);
    result = status.ok() ? absl::OkStatus() : absl::InternalError(status.ToString());
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) db->DestroyColumnFamilyHandle(handle);
  return result;
}

}  // namespace

absl::Status PutRaw(const std::string& data_dir, std::string_view family, std::string_view key,
                    std::string_view value) {
  return WriteRaw(data_dir, family,
                  [&](rocksdb::ColumnFamilyHandle* handle, rocksdb::WriteBatch* batch) {
                    batch->Put(handle, rocksdb::Slice(key.data(), key.size()),
                               rocksdb::Slice(value.data(), value.size()));
                  });
}

absl::Status DeleteRaw(const std::string& data_dir, std::string_view family, std::string_view key) {
  return WriteRaw(data_dir, family,
                  [&](rocksdb::ColumnFamilyHandle* handle, rocksdb::WriteBatch* batch) {
                    batch->Delete(handle, rocksdb::Slice(key.data(), key.size()));
                  });
}

}  // namespace rasoat::testing
