// Properties of ThreeWayMerge over random edits of random households: edits on disjoint paths
// merge without conflict whatever the order they arrive in; merging with an unchanged side or
// with itself is the identity. (With any edits at all, nothing is lost without a conflict:
// merge_nothing_lost_test.cc.) The edits are made by reflection, so they reach every field.
// Each case prints its seed on failure; rerun one with --gtest_filter and a fixed kFirstSeed.
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"
#include "tests/sync/merge/merge_checks.h"
#include "tests/sync/merge/random_edits.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::IdFieldOf;
using ::rasoat::testing::IsUnder;
using ::rasoat::testing::Merged;
using ::rasoat::testing::MergeOrDie;
using ::rasoat::testing::RandomBase;
using ::rasoat::testing::RandomEditor;
using ::rasoat::testing::Rng;
using ::testing::IsEmpty;

constexpr uint64_t kFirstSeed = 20260001;
constexpr int kCases = 400;

bool Overlap(const std::string& a, const std::string& b) { return IsUnder(a, b) || IsUnder(b, a); }

// Equality up to the order of identity-keyed elements, which the merge does not merge: edits
// arriving in either order add their elements in that order.
bool EquivalentRecords(const Message& a, const Message& b, std::string* differences) {
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(differences);
  std::vector<const Descriptor*> pending = {a.GetDescriptor()};
  std::set<const Descriptor*> seen;
  while (!pending.empty()) {
    const Descriptor* descriptor = pending.back();
    pending.pop_back();
    if (!seen.insert(descriptor).second) continue;
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      if (field->message_type() == nullptr) continue;
      if (const FieldDescriptor* id_field = IdFieldOf(field)) {
        differencer.TreatAsMap(field, id_field);
      }
      pending.push_back(field->message_type());
    }
  }
  return differencer.Compare(a, b);
}

std::set<std::pair<std::string, MergeSource>> NoteSet(const MergeResult& result, bool swap) {
  std::set<std::pair<std::string, MergeSource>> notes;
  for (const MergeNote& note : result.notes) {
    MergeSource source = note.source;
    if (swap && source != MergeSource::kBoth) {
      source = source == MergeSource::kHead ? MergeSource::kIncoming : MergeSource::kHead;
    }
    notes.emplace(note.path, source);
  }
  return notes;
}

TEST(MergePropertyTest, DisjointEditsMergeWithoutConflictInEitherOrder) {
  for (int i = 0; i < kCases; ++i) {
    const uint64_t seed = kFirstSeed + i;
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    Rng rng(seed);
    const v1::Household base = RandomBase(seed, &rng);
    v1::Household a = base;
    v1::Household b = base;
    RandomEditor edit_a(&rng, "a");
    RandomEditor edit_b(&rng, "b");
    std::vector<std::string> a_paths;
    for (int n = 1 + static_cast<int>(rng() % 4); n > 0; --n)
      a_paths.push_back(edit_a.Edit(&a, ""));
    std::vector<std::string> b_paths;
    for (int n = 1 + static_cast<int>(rng() % 4), tries = 0; n > 0 && tries < 50; ++tries) {
      v1::Household candidate = b;
      const std::string path = edit_b.Edit(&candidate, "");
      bool disjoint = true;
      for (const std::string& a_path : a_paths) disjoint = disjoint && !Overlap(path, a_path);
      if (!disjoint) continue;
      b = std::move(candidate);
      b_paths.push_back(path);
      --n;
    }
    SCOPED_TRACE(absl::StrCat("a edited ", absl::StrJoin(a_paths, " "), "; b edited ",
                              absl::StrJoin(b_paths, " ")));

    const Merged<v1::Household> ab = MergeOrDie(base, a, b);
    const Merged<v1::Household> ba = MergeOrDie(base, b, a);
    EXPECT_THAT(ab.result.conflicts, IsEmpty());
    EXPECT_THAT(ba.result.conflicts, IsEmpty());
    std::string differences;
    EXPECT_TRUE(EquivalentRecords(ab.record, ba.record, &differences)) << differences;
    EXPECT_EQ(NoteSet(ab.result, false), NoteSet(ba.result, true));
  }
}

TEST(MergePropertyTest, MergingWithItselfOrAnUnchangedSideGivesTheEdit) {
  for (int i = 0; i < kCases; ++i) {
    const uint64_t seed = kFirstSeed + i;
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    Rng rng(seed);
    const v1::Household base = RandomBase(seed, &rng);
    v1::Household x = base;
    RandomEditor editor(&rng, "x");
    for (int n = 1 + static_cast<int>(rng() % 5); n > 0; --n) editor.Edit(&x, "");

    using Sides = std::pair<const v1::Household*, const v1::Household*>;
    for (const auto& [head, incoming] : {Sides(&x, &x), Sides(&base, &x), Sides(&x, &base)}) {
      const Merged<v1::Household> merged = MergeOrDie(base, *head, *incoming);
      EXPECT_THAT(merged.result.conflicts, IsEmpty());
      std::string differences;
      MessageDifferencer differencer;
      differencer.ReportDifferencesToString(&differences);
      EXPECT_TRUE(differencer.Compare(merged.record, x)) << differences;
    }
  }
}

}  // namespace
}  // namespace rasoat
