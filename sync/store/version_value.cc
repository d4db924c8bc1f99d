#include "sync/store/version_value.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace rasoat {

std::string EncodeVersionValue(const store::VersionMeta& meta, const v1::Household& record) {
  const size_t meta_size = meta.ByteSizeLong();
  const size_t record_size = record.ByteSizeLong();
  std::string value;
  value.reserve(5 + meta_size + record_size);
  {
    google::protobuf::io::StringOutputStream stream(&value);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.WriteVarint32(static_cast<uint32_t>(meta_size));
    meta.SerializeWithCachedSizes(&out);
    record.SerializeWithCachedSizes(&out);
  }
  return value;
}

namespace {

// The meta's and the record's bytes of a value.
struct VersionValueParts {
  std::string_view meta;
  std::string_view record;
};

absl::StatusOr<VersionValueParts> SplitVersionValue(std::string_view value) {
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(value.data()),
                                            static_cast<int>(value.size()));
  uint32_t meta_size = 0;
  if (!in.ReadVarint32(&meta_size) || meta_size > value.size()) {
    return absl::DataLossError("version value: bad meta length");
  }
  const size_t meta_start = static_cast<size_t>(in.CurrentPosition());
  if (meta_start + meta_size > value.size()) {
    return absl::DataLossError("version value: truncated meta");
  }
  return VersionValueParts{value.substr(meta_start, meta_size),
                           value.substr(meta_start + meta_size)};
}

}  // namespace

absl::Status DecodeVersionValue(std::string_view value, store::VersionMeta* meta,
                                v1::Household* record) {
  absl::StatusOr<VersionValueParts> parts = SplitVersionValue(value);
  if (!parts.ok()) return parts.status();
  if (meta != nullptr &&
      !meta->ParseFromArray(parts->meta.data(), static_cast<int>(parts->meta.size()))) {
    return absl::DataLossError("version value: bad meta");
  }
  if (record != nullptr &&
      !record->ParseFromArray(parts->record.data(), static_cast<int>(parts->record.size()))) {
    return absl::DataLossError("version value: bad record");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string_view> RecordBytesOf(std::string_view value) {
  absl::StatusOr<VersionValueParts> parts = SplitVersionValue(value);
  if (!parts.ok()) return parts.status();
  return parts->record;
}

}  // namespace rasoat
