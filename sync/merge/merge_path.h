// Reading and writing a record at a merge path (merge.h), so that a reviewer's choice on a
// MergeConflict can be applied: ApplyAtPath(&merged, c.path, c.incoming_present,
// c.incoming_value) takes incoming's side, after which ValueAtPath(merged, c.path) gives back
// {c.incoming_present, c.incoming_value}; likewise for head's side.
//
// A path is steps joined by `.`: a field by its proto name (`housing`, `floor_area_m2`), an
// element of an identity-keyed list or of a map by its id in brackets (`members[m2]`, as
// internal::IdOf renders it), and, last only, a oneof by its name. Every step but the last
// names a singular message field or an element. An id runs to the first `]` followed by `.` or
// the end of the path, so an id holding `].` cannot be named.
//
// What a path names, and its text (MergeConflict's rendering):
//   - a singular scalar: the value alone (`"Trần Thị Bình"`, `42`, `SEX_MALE`, `true`);
//   - a singular sub-message or an element: the message's text format on one line;
//   - a repeated field, or a oneof: its `name: value` pairs on one line.
// Absent means: an unset field with presence, an empty repeated field, an unset oneof, a
// missing element, or anything below an absent sub-message or a missing element. A proto3
// scalar without presence is always present in an existing message: clearing it sets its
// default, which then reads as present. (So base's side of a conflict, which shows such a field
// as absent when base lacked the record or the element, reads back as the default.)
//
// Thread-safety: pure functions; concurrent calls are safe as long as no one mutates a record
// they read or the one they write.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rasoat {

// Sets the value at `path` in `*record` to `value_text`, parsed as protobuf text format in the
// rendering above; or, if !present, clears it (a field loses its value and presence, an element
// is removed, keeping the others' order). Setting a sub-message or an element replaces it
// wholly; setting a missing element appends it; setting below an absent sub-message creates
// it. Clearing what is absent already is a no-op. `value_text` is ignored when !present.
//
// OK: `*record` changed as above. Otherwise INVALID_ARGUMENT, with `*record` untouched and a
// message naming the path, if:
//   - the path is malformed, names a field its message lacks, puts brackets on a field without
//     identity, lacks them on a step into a list, or steps below a scalar, a oneof or a
//     repeated field without identity;
//   - setting a path below an element that does not exist ("no element m9 in members");
//   - `value_text` does not parse as the value expected there (the message says what was
//     expected), holds a string that is not UTF-8, names fields other than the path's, or, for
//     an element, holds an id other than the bracketed one; or an identity-keyed list in it
//     has an empty or a repeated id, or one with `[` or `]`.
//
// REQUIRES: record != nullptr. `record` is not owned.
absl::Status ApplyAtPath(google::protobuf::Message* record, std::string_view path, bool present,
                         std::string_view value_text);

// Whether `record` has a value at `path`, and its text in the rendering above (empty if
// absent): what a MergeConflict would show for `record` at `path`.
//
// INVALID_ARGUMENT, naming the path, if the path is malformed or does not fit the record's
// type (as for ApplyAtPath). A missing element is no error: it reads as absent.
absl::StatusOr<std::pair<bool, std::string>> ValueAtPath(const google::protobuf::Message& record,
                                                         std::string_view path);

}  // namespace rasoat
