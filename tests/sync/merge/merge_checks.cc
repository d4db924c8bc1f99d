#include "tests/sync/merge/merge_checks.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "sync/merge/merge_path.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::google::protobuf::Message;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::IsEmpty;
using ::testing::Pair;

// Whether `a` and `b` are equal, NaN equal to NaN (the merge sees an unchanged NaN as no edit).
bool SameRecord(const Message& a, const Message& b, std::string* differences) {
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  differencer.ReportDifferencesToString(differences);
  return differencer.Compare(a, b);
}

// Checks that `record` reads `present`/`value` at `path`.
void ExpectValueAt(const Message& record, const std::string& path, bool present,
                   const std::string& value, const std::string& which) {
  EXPECT_THAT(At(record, path), Pair(present, value)) << which << " at " << path;
}

}  // namespace

Merged<v1::Household> MergeOrDie(const v1::Household& base, const v1::Household& head,
                                 const v1::Household& incoming) {
  Merged<v1::Household> merged;
  absl::StatusOr<MergeResult> result = ThreeWayMerge(base, head, incoming, &merged.record);
  EXPECT_TRUE(result.ok()) << result.status();
  if (result.ok()) merged.result = *std::move(result);
  return merged;
}

std::vector<std::pair<std::string, MergeSource>> NotesOf(const MergeResult& result) {
  std::vector<std::pair<std::string, MergeSource>> notes;
  for (const MergeNote& note : result.notes) notes.emplace_back(note.path, note.source);
  return notes;
}

std::vector<std::string> ConflictPaths(const MergeResult& result) {
  std::vector<std::string> paths;
  for (const MergeConflict& conflict : result.conflicts) paths.push_back(conflict.path);
  return paths;
}

PathValue At(const Message& record, const std::string& path) {
  absl::StatusOr<PathValue> value = ValueAtPath(record, path);
  if (!value.ok()) {
    ADD_FAILURE() << "ValueAtPath(" << path << "): " << value.status();
    return kAbsent;
  }
  return *std::move(value);
}

int ExpectConflictsResolve(const Message& base, const Message& head, const Message& incoming,
                           const Message& merged, const MergeResult& result) {
  for (const MergeConflict& c : result.conflicts) {
    ExpectValueAt(base, c.path, c.base_present, c.base_value, "base");
    ExpectValueAt(head, c.path, c.head_present, c.head_value, "head");
    ExpectValueAt(incoming, c.path, c.incoming_present, c.incoming_value, "incoming");
    ExpectValueAt(merged, c.path, c.head_present, c.head_value, "merged");

    std::unique_ptr<Message> take_incoming(merged.New());
    take_incoming->CopyFrom(merged);
    EXPECT_OK(ApplyAtPath(take_incoming.get(), c.path, c.incoming_present, c.incoming_value))
        << c.path;
    ExpectValueAt(*take_incoming, c.path, c.incoming_present, c.incoming_value,
                  "after taking incoming");

    std::unique_ptr<Message> take_head(merged.New());
    take_head->CopyFrom(merged);
    EXPECT_OK(ApplyAtPath(take_head.get(), c.path, c.head_present, c.head_value)) << c.path;
    ExpectValueAt(*take_head, c.path, c.head_present, c.head_value, "after taking head");
    std::string differences;
    EXPECT_TRUE(SameRecord(*take_head, merged, &differences))
        << "taking head at " << c.path << " changed " << differences;
  }

  std::unique_ptr<Message> resolved(merged.New());
  resolved->CopyFrom(merged);
  for (const MergeConflict& c : result.conflicts) {
    EXPECT_OK(ApplyAtPath(resolved.get(), c.path, c.incoming_present, c.incoming_value));
  }
  for (const MergeConflict& c : result.conflicts) {
    ExpectValueAt(*resolved, c.path, c.incoming_present, c.incoming_value, "resolved");
  }
  std::unique_ptr<Message> again(merged.New());
  absl::StatusOr<MergeResult> remerged = ThreeWayMerge(base, *resolved, incoming, again.get());
  EXPECT_OK(remerged);
  if (remerged.ok()) {
    EXPECT_THAT(remerged->conflicts, IsEmpty()) << "first: " << remerged->conflicts[0].path;
  }
  return static_cast<int>(result.conflicts.size());
}

}  // namespace rasoat::testing
