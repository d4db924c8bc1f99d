// Fuzzes reading and writing a household record at a merge path (sync/merge/merge_path.h), as
// ResolveConflict applies a reviewer's choice. The input is a serialized v1::Household, a path
// (two parts, tests/fuzz/fuzz_input.h), a byte whose low bit says whether the value is present,
// and the value's text. Properties:
//   - ValueAtPath and ApplyAtPath agree on which paths are malformed;
//   - a failed ApplyAtPath leaves the record untouched;
//   - after a successful ApplyAtPath the path reads back: present if it was set;
//   - what ValueAtPath reads is a fixed point: applying it at its path changes nothing, and
//     succeeds for a value just set, or for any value of a record a push accepts that holds
//     no unknown fields (which the text format cannot parse back: see
//     corpus/merge_fuzz/crash-unknown-field-unresolvable). Not for any value just cleared: in
//     a list with a repeated id, clearing the element removes the first of them only. A NaN
//     reads back as NaN but not with its payload bits, which the text format does not carry
//     (corpus/merge_path_fuzz/crash-nan-payload): every NaN is the same "not a number".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "google/protobuf/util/field_comparator.h"
#include "google/protobuf/util/message_differencer.h"
#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge_path.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_records.h"

namespace rasoat {
namespace {

using fuzz::FuzzInput;
using fuzz::HasUnknownFields;
using fuzz::PushAccepts;
using fuzz::Require;

// Whether every value of `record` must read back as text that can be written back.
bool WritableBack(const v1::Household& record) {
  return PushAccepts(record) && !HasUnknownFields(record);
}

// Whether `a` and `b` hold the same values, a NaN equal to any other NaN.
bool SameValues(const v1::Household& a, const v1::Household& b) {
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  google::protobuf::util::MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  return differencer.Compare(a, b);
}

// Reads `record` at `path` and writes what it read back into a copy: the copy must not change
// in any field this server knows (a value's text leaves out unknown fields, so those written back
// are gone). `must_apply`: the write may not fail either.
void ReadValueIsAFixedPoint(const v1::Household& record, std::string_view path, bool must_apply) {
  const absl::StatusOr<std::pair<bool, std::string>> value = ValueAtPath(record, path);
  if (!value.ok()) return;
  v1::Household copy = record;
  const absl::Status applied = ApplyAtPath(&copy, path, value->first, value->second);
  Require(applied.ok() || !must_apply, "what a path reads can be written back");
  v1::Household known = record;
  known.DiscardUnknownFields();
  copy.DiscardUnknownFields();
  Require(SameValues(copy, known), "writing back what a path reads changes nothing it knows");
}

void FuzzMergePath(const uint8_t* data, size_t size) {
  FuzzInput input(data, size);
  const std::string_view record_bytes = input.TakePart();
  const std::string_view path = input.TakePart();
  const bool present = (input.TakeByte() & 1) != 0;
  const std::string_view value_text = input.TakeRest();
  v1::Household record;
  if (!record.ParseFromArray(record_bytes.data(), static_cast<int>(record_bytes.size()))) return;
  const std::string original = record.SerializeAsString();

  ReadValueIsAFixedPoint(record, path, WritableBack(record));

  const bool path_reads = ValueAtPath(record, path).ok();
  const absl::Status applied = ApplyAtPath(&record, path, present, value_text);
  if (!applied.ok()) {
    Require(record.SerializeAsString() == original, "a failed ApplyAtPath leaves the record");
    return;
  }
  Require(path_reads, "a path ApplyAtPath takes can be read");
  const absl::StatusOr<std::pair<bool, std::string>> after = ValueAtPath(record, path);
  Require(after.ok(), "a path just written can be read");
  Require(after->first || !present, "a value just set is present");
  ReadValueIsAFixedPoint(record, path, present || WritableBack(record));
}

}  // namespace
}  // namespace rasoat

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasoat::FuzzMergePath(data, size);
  return 0;
}
