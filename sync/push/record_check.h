// The checks every field of a household record must pass before it may enter the store, made by
// reflection so that a field added to the record is covered with no new code (DESIGN.md "The
// household record": text and ids are valid UTF-8 without NUL or control characters; ids never
// contain path syntax):
//   - every string is text rasoat accepts (sync/base/text.h): an id or a code — a field marked
//     `(rasoat.v1.identity)` or named `*_id` or `*_code` — as TextKind::kId, any other string
//     (a name, an address, a note) as TextKind::kFreeText;
//   - in every identity-keyed list (`members`, `incomes`, `score_answers`, at any depth), every
//     element has an id, no two have the same one, and none holds `[` or `]`, which the merge's
//     paths use to name elements (`members[m2].full_name`).
// Fields are named by their path in the record with elements by their index
// (`members[1].full_name`): the id may be the very thing that is wrong.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include <google/protobuf/message.h>

#include "absl/functional/function_ref.h"

namespace rasoat {

// Calls `violation(path, description)` for each bad field of `record`, in the order of a walk
// of the record (fields in declaration order, elements in order; a list's ids before what its
// elements hold), and stops after `max_violations`. Descriptions never quote the value: it may
// be a person's name.
void CheckRecordFields(
    const google::protobuf::Message& record, int max_violations,
    absl::FunctionRef<void(const std::string& path, std::string description)> violation);

}  // namespace rasoat
