#include "sync/store/mutation_value.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {
namespace {

// The first byte of a value with a meta; never the first byte of a serialized message.
constexpr char kWithMeta = '\0';

}  // namespace

std::string EncodeMutationValue(std::string_view digest, const v1::MutationResult& result) {
  store::MutationMeta meta;
  meta.set_digest(std::string(digest));
  const size_t meta_size = meta.ByteSizeLong();
  const size_t result_size = result.ByteSizeLong();
  std::string value;
  value.reserve(1 + 5 + meta_size + result_size);
  value.push_back(kWithMeta);
  {
    google::protobuf::io::StringOutputStream stream(&value);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.WriteVarint32(static_cast<uint32_t>(meta_size));
    meta.SerializeWithCachedSizes(&out);
    result.SerializeWithCachedSizes(&out);
  }
  return value;
}

absl::Status DecodeMutationValue(std::string_view value, std::string* digest,
                                 v1::MutationResult* result) {
  if (value.empty() || value[0] != kWithMeta) {  // written before digests were kept
    if (digest != nullptr) digest->clear();
    if (result != nullptr &&
        !result->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      return absl::DataLossError("mutation value: bad result");
    }
    return absl::OkStatus();
  }
  value.remove_prefix(1);
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(value.data()),
                                            static_cast<int>(value.size()));
  uint32_t meta_size = 0;
  if (!in.ReadVarint32(&meta_size)) return absl::DataLossError("mutation value: bad meta length");
  const size_t meta_start = static_cast<size_t>(in.CurrentPosition());
  if (meta_size > value.size() - meta_start) {
    return absl::DataLossError("mutation value: truncated meta");
  }
  if (digest != nullptr) {
    store::MutationMeta meta;
    if (!meta.ParseFromArray(value.data() + meta_start, static_cast<int>(meta_size))) {
      return absl::DataLossError("mutation value: bad meta");
    }
    *digest = std::move(*meta.mutable_digest());
  }
  const size_t result_start = meta_start + meta_size;
  if (result != nullptr && !result->ParseFromArray(value.data() + result_start,
                                                   static_cast<int>(value.size() - result_start))) {
    return absl::DataLossError("mutation value: bad result");
  }
  return absl::OkStatus();
}

}  // namespace rasoat
