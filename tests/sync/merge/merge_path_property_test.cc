// The property conflict resolution rests on, over random households edited so that the edits
// collide: applying a conflict's side at its path makes the record read back exactly that
// side's value there, and taking incoming's side everywhere leaves nothing to conflict.
#include <cstdint>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/merge/merge_checks.h"
#include "tests/sync/merge/random_edits.h"

namespace rasoat {
namespace {

using ::rasoat::testing::CollidingEditor;
using ::rasoat::testing::ExpectConflictsResolve;

TEST(MergePathPropertyTest, TakingEitherSideOfAConflictReadsBackAsThatSide) {
  constexpr uint64_t kFirstSeed = 30260001;
  constexpr int kCases = 600;
  int conflicts = 0;
  int element_conflicts = 0;
  int absent_sides = 0;
  for (int i = 0; i < kCases; ++i) {
    const uint64_t seed = kFirstSeed + i;
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    const v1::Household base = testing::MakeHousehold(seed);
    v1::Household head = base;
    v1::Household incoming = base;
    CollidingEditor head_editor(seed, seed * 2);
    CollidingEditor incoming_editor(seed, seed * 2 + 1);
    for (int n = 1 + static_cast<int>(seed % 5); n > 0; --n) {
      head_editor.Edit(&head);
      incoming_editor.Edit(&incoming);
    }
    v1::Household merged;
    ASSERT_OK_AND_ASSIGN(const MergeResult result, ThreeWayMerge(base, head, incoming, &merged));
    conflicts += ExpectConflictsResolve(base, head, incoming, merged, result);
    for (const MergeConflict& c : result.conflicts) {
      element_conflicts += absl::EndsWith(c.path, "]");
      absent_sides += !c.head_present || !c.incoming_present;
    }
    if (::testing::Test::HasFailure()) break;  // One seed's failures are enough to read.
  }
  // The edits are meant to collide: check they did, in every way.
  EXPECT_GT(conflicts, kCases);
  EXPECT_GT(element_conflicts, 20);
  EXPECT_GT(absent_sides, 20);
}

}  // namespace
}  // namespace rasoat
