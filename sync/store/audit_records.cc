#include "sync/store/audit_records.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"

namespace rasoat {
namespace {

absl::Status MalformedKey(const char* family) {
  return absl::DataLossError(absl::StrCat(family, ": a key that is not an 8-byte seq"));
}

std::unique_ptr<rocksdb::Iterator> Iterate(const Store& store, StoreAccess::Family family,
                                           const rocksdb::ReadOptions& options = {}) {
  return std::unique_ptr<rocksdb::Iterator>(
      StoreAccess::db(store)->NewIterator(options, StoreAccess::family(store, family)));
}

}  // namespace

absl::StatusOr<std::vector<std::pair<uint64_t, std::string>>> AuditRecords::ReadPending(
    uint64_t from, uint64_t through, size_t limit) const {
  std::vector<std::pair<uint64_t, std::string>> pending;
  if (from > through) return pending;
  // Nor past `through`: what lies there is not committed yet.
  const std::string upper = EncodeFixed64BE(through + 1);
  const rocksdb::Slice upper_bound(upper);
  rocksdb::ReadOptions options;
  if (through != UINT64_MAX) options.iterate_upper_bound = &upper_bound;
  std::unique_ptr<rocksdb::Iterator> it = Iterate(*store_, StoreAccess::kAuditPending, options);
  for (it->Seek(EncodeFixed64BE(from)); it->Valid() && pending.size() < limit; it->Next()) {
    if (it->key().size() != 8) return MalformedKey("audit_pending");
    const uint64_t seq = DecodeFixed64BE(it->key().ToStringView());
    if (seq > through) break;
    pending.emplace_back(seq, it->value().ToString());
  }
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "read pending audit entries"));
  return pending;
}

absl::StatusOr<uint64_t> AuditRecords::CountPending() const {
  uint64_t count = 0;
  std::unique_ptr<rocksdb::Iterator> it = Iterate(*store_, StoreAccess::kAuditPending);
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++count;
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "count pending audit entries"));
  return count;
}

absl::StatusOr<std::optional<std::pair<uint64_t, std::string>>> AuditRecords::LastSealed() const {
  std::unique_ptr<rocksdb::Iterator> it = Iterate(*store_, StoreAccess::kAudit);
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "read the audit log's head"));
  if (!it->Valid()) return std::nullopt;
  if (it->key().size() != 8) return MalformedKey("audit");
  return std::make_pair(DecodeFixed64BE(it->key().ToStringView()), it->value().ToString());
}

absl::Status AuditRecords::ForEachSealed(
    uint64_t from, const std::function<absl::Status(uint64_t, std::string_view)>& each) const {
  return ForEachSealedWhile(from,
                            [&each](uint64_t seq, std::string_view bytes) -> absl::StatusOr<bool> {
                              RETURN_IF_ERROR(each(seq, bytes));
                              return true;
                            });
}

absl::Status AuditRecords::ForEachSealedWhile(
    uint64_t from,
    const std::function<absl::StatusOr<bool>(uint64_t, std::string_view)>& each) const {
  std::unique_ptr<rocksdb::Iterator> it = Iterate(*store_, StoreAccess::kAudit);
  for (it->Seek(EncodeFixed64BE(from)); it->Valid(); it->Next()) {
    if (it->key().size() != 8) return MalformedKey("audit");
    ASSIGN_OR_RETURN(const bool more,
                     each(DecodeFixed64BE(it->key().ToStringView()), it->value().ToStringView()));
    if (!more) return absl::OkStatus();
  }
  return FromRocksStatus(it->status(), "read the audit log");
}

}  // namespace rasoat
