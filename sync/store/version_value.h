// The value of a versions-family entry: who made the version and the record itself.
//
// Layout: varint length of the serialized store::VersionMeta, the meta, then the serialized
// v1::Household to the end. Keeping the record last and unwrapped lets a pull parse it straight
// into its response and a push serialize the tablet's record once, without copying either into
// a wrapper message.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/household.pb.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

// Serializes meta and record into one value.
std::string EncodeVersionValue(const store::VersionMeta& meta, const v1::Household& record);

// Parses a value. Either output may be null to skip it. DATA_LOSS if the value is malformed.
absl::Status DecodeVersionValue(std::string_view value, store::VersionMeta* meta,
                                v1::Household* record);

// The record's bytes in a value, as they were serialized: a view into `value`. DATA_LOSS if the
// value is malformed (the record itself is not parsed, so not checked).
absl::StatusOr<std::string_view> RecordBytesOf(std::string_view value);

}  // namespace rasoat
