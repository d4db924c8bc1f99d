// The value of a mutations-family entry (DESIGN.md "Storage"): the result first sent for a
// mutation, and what the server keeps to tell a retry from a mutation id reused for other
// content — the mutation's digest (sync/push/mutation_digest.h), opaque to the store.
//
// Layout: a 0x00 byte, the varint length of the serialized store::MutationMeta, the meta, then
// the serialized v1::MutationResult to the end (the result last and unwrapped, as in a version
// value, so it is never copied into a wrapper). A value written before digests were kept is a
// bare v1::MutationResult, which never starts with 0x00 (no protobuf field has number 0): it
// decodes as its result with no digest.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/sync.pb.h"

namespace rasoat {

// Serializes `digest` (empty: none) and `result` into one value.
std::string EncodeMutationValue(std::string_view digest, const v1::MutationResult& result);

// Parses a value, old or new: `*digest` is empty for a value without one. Either output may be
// null to skip it. DATA_LOSS if the value is malformed.
absl::Status DecodeMutationValue(std::string_view value, std::string* digest,
                                 v1::MutationResult* result);

}  // namespace rasoat
