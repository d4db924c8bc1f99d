// Three-way merge of two edits of one record (DESIGN.md "Conflicts, per household"): when a
// tablet pushes a record edited from a version that is no longer the head, the server merges
// base (the version the tablet started from), head (the server's latest) and incoming (the
// tablet's record) field path by field path, and records what it could not decide.
//
// The merge is generic over protobuf messages through reflection, so a new field needs no merge
// code. Per path: changed on one side only → that side; changed the same on both → it; changed
// differently → a conflict, and the merged record keeps the head's value there.
//   - Singular sub-messages merge field by field; presence counts, so setting a message that
//     base lacks, or clearing one base has, is a change. So does setting an `optional` scalar
//     to its default.
//   - A repeated message field whose element type marks a field `(rasoat.v1.identity)`
//     (proto/rasoat/v1/options.proto), and a map field, keyed by its key, merge element by
//     element: added on one side → added; added on both with the same id → merged as if base
//     had an empty element; removed on one side and unchanged on the other → removed; removed
//     on one side and changed on the other → a conflict on the element (the head's state
//     stays); changed on both → merged field by field. Elements keep the head's order, then
//     incoming's new elements in incoming's order: order alone is never a change.
//     A list that some side holds an element of with an empty id, two elements with one id,
//     or an id with `[` or `]` (which a path cannot name) merges as one value instead: such a
//     record may have been stored before ids were checked where records enter, and every
//     other path of it still merges.
//   - Other repeated fields, and a oneof, are one value each.
//
// Paths name fields by their proto names and elements by their id:
// `members[m2].full_name`, `housing.floor_area_m2`, `incomes[i1]`, a oneof by its name.
//
// Thread-safety: pure function; concurrent calls are safe as long as no one mutates the
// messages they read or the one they write.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"

namespace rasoat {

// A path both sides changed differently. Values are the protobuf text format of the field's
// value (`"Trần Thị Bình"`, `42`, `SEX_MALE`) or of the element or sub-message
// (`member_id: "m2" full_name: "…"`), UTF-8 unescaped; empty when absent on that side.
struct MergeConflict {
  std::string path;
  bool base_present = false;
  bool head_present = false;
  bool incoming_present = false;
  std::string base_value;
  std::string head_value;
  std::string incoming_value;
};

enum class MergeSource { kHead, kIncoming, kBoth };

// Where the merged record's value at `path`, which differs from base, came from. `path` is
// where the merge decided: a field, or a whole element or sub-message added or removed on one
// side. A conflicting path has a note too, with kHead: the value kept.
struct MergeNote {
  std::string path;
  MergeSource source;
};

// Conflicts and notes come in the order the merge walks the record: fields in declaration
// order, oneofs last, a list's elements in the head's order, then removed, then added ones.
struct MergeResult {
  std::vector<MergeConflict> conflicts;
  std::vector<MergeNote> notes;
};

// Sets `*merged` to the merge of `head` and `incoming`, two edits of `base`, and returns the
// conflicts and where each change came from. A record without a base (registered on two
// tablets) is merged against an empty `base`, whose values then show as absent in conflicts.
// No conflicts means the merge is complete.
//
// INVALID_ARGUMENT, with `*merged` untouched, if the four messages are not of one type or
// `merged` is one of the inputs.
//
// REQUIRES: merged != nullptr, and it neither contains nor is contained in an input. `merged`
// is not owned.
absl::StatusOr<MergeResult> ThreeWayMerge(const google::protobuf::Message& base,
                                          const google::protobuf::Message& head,
                                          const google::protobuf::Message& incoming,
                                          google::protobuf::Message* merged);

}  // namespace rasoat
