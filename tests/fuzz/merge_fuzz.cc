// Fuzzes the three-way merge of household records (sync/merge/merge.h) with three arbitrary
// records, base, head and incoming: three parts of the input (tests/fuzz/fuzz_input.h), each a
// serialized v1::Household. Properties:
//   - the merge of three records of one type succeeds;
//   - when both sides are the same record, or incoming is base, the merge has no conflict and
//     gives head exactly; when head is base, it has no conflict;
//   - each conflict shows what head and incoming hold at its path (ValueAtPath), and the merged
//     record keeps head's value there;
//   - resolving a conflict with incoming's side, as ResolveConflict does (ApplyAtPath with the
//     conflict's incoming value), leaves incoming's value at the path; it succeeds for records
//     a push accepts (CheckRecordFields finds nothing) that hold no unknown fields (see
//     corpus/merge_fuzz/crash-unknown-field-unresolvable: a newer tablet's member cannot be
//     chosen), and a failed one leaves the record untouched.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"
#include "sync/merge/merge_path.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_records.h"

namespace rasoat {
namespace {

using fuzz::FuzzInput;
using fuzz::PushAccepts;
using fuzz::Require;

using PathValue = std::pair<bool, std::string>;

bool ParseRecord(std::string_view bytes, v1::Household* record) {
  return record->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

// Whether a conflict between these records must be resolvable with either side's value.
bool Resolvable(const v1::Household& record) { return PushAccepts(record); }

MergeResult MergeOrDie(const v1::Household& base, const v1::Household& head,
                       const v1::Household& incoming, v1::Household* merged) {
  absl::StatusOr<MergeResult> result = ThreeWayMerge(base, head, incoming, merged);
  Require(result.ok(), "the merge of three records of one type succeeds");
  return *std::move(result);
}

void MergeOfOneSidedChanges(const v1::Household& base, const v1::Household& head,
                            const v1::Household& incoming) {
  v1::Household merged;
  MergeResult result = MergeOrDie(base, head, head, &merged);
  Require(result.conflicts.empty(), "the same edit on both sides has no conflict");
  Require(merged.SerializeAsString() == head.SerializeAsString(),
          "the same edit on both sides merges to it");

  result = MergeOrDie(base, head, base, &merged);
  Require(result.conflicts.empty(), "an edit of head alone has no conflict");
  Require(merged.SerializeAsString() == head.SerializeAsString(),
          "an edit of head alone merges to head");

  result = MergeOrDie(base, base, incoming, &merged);
  Require(result.conflicts.empty(), "an edit of incoming alone has no conflict");
}

PathValue ValueAtOrDie(const v1::Household& record, const std::string& path) {
  absl::StatusOr<PathValue> value = ValueAtPath(record, path);
  Require(value.ok(), "a conflict's path can be read");
  return *std::move(value);
}

void CheckConflicts(const v1::Household& base, const v1::Household& head,
                    const v1::Household& incoming) {
  v1::Household merged;
  const MergeResult result = MergeOrDie(base, head, incoming, &merged);
  const bool resolvable = Resolvable(base) && Resolvable(head) && Resolvable(incoming);
  for (const MergeConflict& conflict : result.conflicts) {
    const PathValue head_side{conflict.head_present, conflict.head_value};
    const PathValue incoming_side{conflict.incoming_present, conflict.incoming_value};
    Require(ValueAtOrDie(head, conflict.path) == head_side, "a conflict shows head's value");
    Require(ValueAtOrDie(incoming, conflict.path) == incoming_side,
            "a conflict shows incoming's value");
    Require(ValueAtOrDie(merged, conflict.path) == head_side,
            "the merged record keeps head's value at a conflict");

    v1::Household resolved = merged;
    const absl::Status applied =
        ApplyAtPath(&resolved, conflict.path, conflict.incoming_present, conflict.incoming_value);
    Require(applied.ok() || !resolvable,
            "a conflict of records a push accepts, without unknown fields, can be resolved with "
            "incoming's side");
    if (applied.ok()) {
      Require(ValueAtOrDie(resolved, conflict.path) == incoming_side,
              "resolving with incoming's side leaves incoming's value");
    } else {
      Require(resolved.SerializeAsString() == merged.SerializeAsString(),
              "a resolution that fails leaves the record untouched");
    }
  }
}

void FuzzMerge(const uint8_t* data, size_t size) {
  FuzzInput input(data, size);
  v1::Household base, head, incoming;
  if (!ParseRecord(input.TakePart(), &base) || !ParseRecord(input.TakePart(), &head) ||
      !ParseRecord(input.TakeRest(), &incoming)) {
    return;
  }
  MergeOfOneSidedChanges(base, head, incoming);
  CheckConflicts(base, head, incoming);
}

}  // namespace
}  // namespace rasoat

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasoat::FuzzMerge(data, size);
  return 0;
}
