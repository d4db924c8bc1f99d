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

absl::Status DecodeVersionValue(std::string_view value, store::VersionMeta* meta,
                                v1::Household* record) {
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
  if (meta != nullptr && !meta->ParseFromArray(value.data() + meta_start, meta_size)) {
    return absl::DataLossError("version value: bad meta");
  }
  const size_t record_start = meta_start + meta_size;
  if (record != nullptr && !record->ParseFromArray(value.data() + record_start,
                                                   static_cast<int>(value.size() - record_start))) {
    return absl::DataLossError("version value: bad record");
  }
  return absl::OkStatus();
}

}  // namespace rasoat
