// What the tests of sync/merge share to run a merge and check what it gives: the merged record
// with its result, the notes and conflict paths to match on, records compared as protos,
// members found and removed by id, the value at a merge path, and the check that a result's
// conflicts resolve at their paths.
//
// Thread-safety: pure functions; the checks report failures to the running test.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/status/statusor.h"
#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"

namespace rasoat::testing {

// A merged record and what ThreeWayMerge said of it.
template <typename Record>
struct Merged {
  Record record;
  MergeResult result;
};

// ThreeWayMerge of `head` and `incoming` from `base`; its error if it fails.
template <typename Record>
absl::StatusOr<Merged<Record>> Merge(const Record& base, const Record& head,
                                     const Record& incoming) {
  Merged<Record> merged;
  absl::StatusOr<MergeResult> result = ThreeWayMerge(base, head, incoming, &merged.record);
  if (!result.ok()) return result.status();
  merged.result = *std::move(result);
  return merged;
}

// ThreeWayMerge of households, which must succeed: a failure of the running test otherwise
// (and an empty result).
Merged<v1::Household> MergeOrDie(const v1::Household& base, const v1::Household& head,
                                 const v1::Household& incoming);

// The (path, source) of each of `result`'s notes, in order.
std::vector<std::pair<std::string, MergeSource>> NotesOf(const MergeResult& result);

// The path of each of `result`'s conflicts, in order.
std::vector<std::string> ConflictPaths(const MergeResult& result);

// Matches a message equal to `expected`, explaining the differences otherwise.
MATCHER_P(EqualsProto, expected, "") {
  std::string differences;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  if (differencer.Compare(arg, expected)) return true;
  *result_listener << differences;
  return false;
}

// The member of `record` with `id`; a test failure, and a new member, if there is none.
template <typename Record>
auto* MemberById(Record* record, const std::string& id) {
  for (auto& member : *record->mutable_members()) {
    if (member.member_id() == id) return &member;
  }
  ADD_FAILURE() << "no member " << id;
  return record->add_members();
}

// Removes the member of `record` with `id`, keeping the others' order; a test failure if there
// is none.
template <typename Record>
void RemoveMember(Record* record, const std::string& id) {
  auto* members = record->mutable_members();
  for (auto it = members->begin(); it != members->end(); ++it) {
    if (it->member_id() == id) {
      members->erase(it);
      return;
    }
  }
  ADD_FAILURE() << "no member " << id;
}

// A value at a merge path as ValueAtPath gives it: whether present, and its text.
using PathValue = std::pair<bool, std::string>;

// What an absent value reads as.
inline const PathValue kAbsent = {false, ""};

// The value at `path` in `record`, or a test failure and kAbsent if ValueAtPath fails.
PathValue At(const google::protobuf::Message& record, const std::string& path);

// What a reviewer does with `result`'s conflicts, checked: taking either side at a path reads
// back as that side, taking head's (which the merge kept) changes nothing, and once every
// conflict takes incoming's side, merging the result with incoming again conflicts nowhere.
// `merged` is what ThreeWayMerge(base, head, incoming) made with `result`. Returns the number of
// conflicts.
int ExpectConflictsResolve(const google::protobuf::Message& base,
                           const google::protobuf::Message& head,
                           const google::protobuf::Message& incoming,
                           const google::protobuf::Message& merged, const MergeResult& result);

}  // namespace rasoat::testing
