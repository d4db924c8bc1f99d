// ThreeWayMerge over random edits of random households, any edits at all (on the same paths
// or not, adding elements with the same ids or not, from an empty base or not): nothing either
// side changed is lost without a conflict saying so, nothing is invented, and a note says where
// each change came from. The edits are made by reflection, so they reach every field.
// Each case prints its seed on failure; rerun one with --gtest_filter and a fixed kFirstSeed.
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"
#include "tests/support/households.h"
#include "tests/sync/merge/merge_checks.h"
#include "tests/sync/merge/random_edits.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;
using ::rasoat::testing::IdFieldOf;
using ::rasoat::testing::IsUnder;
using ::rasoat::testing::JoinPath;
using ::rasoat::testing::Merged;
using ::rasoat::testing::MergeOrDie;
using ::rasoat::testing::RandomBase;
using ::rasoat::testing::RandomEditor;
using ::rasoat::testing::Rng;

constexpr uint64_t kFirstSeed = 20260001;
constexpr int kCases = 400;

// `message` flattened to path → value: every set scalar, every repeated field without identity
// as one value, and "present" for every present sub-message and element. Scalars at their
// proto3 default are unset, as the merge sees them.
void Flatten(const Message& message, const std::string& path,
             std::map<std::string, std::string>* leaves) {
  const Descriptor* descriptor = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const std::string path_to_field = JoinPath(path, field->name());
    if (const FieldDescriptor* id_field = IdFieldOf(field)) {
      for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
        const Message& element = reflection->GetRepeatedMessage(message, field, j);
        const std::string element_path = absl::StrCat(
            path_to_field, "[", element.GetReflection()->GetString(element, id_field), "]");
        (*leaves)[element_path] = "present";
        Flatten(element, element_path, leaves);
      }
    } else if (field->is_repeated()) {
      std::string values;
      for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
        std::string value;
        google::protobuf::TextFormat::PrintFieldValueToString(message, field, j, &value);
        absl::StrAppend(&values, value, ";");
      }
      (*leaves)[path_to_field] = values;
    } else if (reflection->HasField(message, field)) {
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        (*leaves)[path_to_field] = "present";
        Flatten(reflection->GetMessage(message, field), path_to_field, leaves);
      } else {
        google::protobuf::TextFormat::PrintFieldValueToString(message, field, -1,
                                                              &(*leaves)[path_to_field]);
      }
    }
  }
}

std::map<std::string, std::string> Leaves(const Message& message) {
  std::map<std::string, std::string> leaves;
  Flatten(message, "", &leaves);
  return leaves;
}

std::string At(const std::map<std::string, std::string>& leaves, const std::string& path) {
  const auto found = leaves.find(path);
  return found == leaves.end() ? "<absent>" : found->second;
}

// The paths where `a` and `b` differ.
std::set<std::string> Differences(const std::map<std::string, std::string>& a,
                                  const std::map<std::string, std::string>& b) {
  std::set<std::string> paths;
  for (const auto& [path, value] : a) {
    if (At(b, path) != value) paths.insert(path);
  }
  for (const auto& [path, value] : b) {
    if (At(a, path) != value) paths.insert(path);
  }
  return paths;
}

// Checks that merging `head` and `incoming` lost nothing silently: every path either side
// changed holds that side's value or lies under a conflict (head's always holds: conflicts keep
// it), every path that changed holds head's or incoming's value, and notes cover each change.
void ExpectNothingLost(const v1::Household& base, const v1::Household& head,
                       const v1::Household& incoming) {
  const Merged<v1::Household> merged = MergeOrDie(base, head, incoming);
  const auto base_leaves = Leaves(base);
  const auto head_leaves = Leaves(head);
  const auto incoming_leaves = Leaves(incoming);
  const auto merged_leaves = Leaves(merged.record);
  const auto in_conflict = [&](const std::string& path) {
    for (const MergeConflict& conflict : merged.result.conflicts) {
      if (IsUnder(path, conflict.path)) return true;
    }
    return false;
  };

  for (const std::string& path : Differences(base_leaves, incoming_leaves)) {
    EXPECT_TRUE(At(merged_leaves, path) == At(incoming_leaves, path) || in_conflict(path))
        << "incoming's change at " << path << " dropped: merged has " << At(merged_leaves, path)
        << ", incoming " << At(incoming_leaves, path);
  }
  for (const std::string& path : Differences(base_leaves, head_leaves)) {
    EXPECT_EQ(At(merged_leaves, path), At(head_leaves, path)) << "head's change at " << path;
  }
  for (const std::string& path : Differences(base_leaves, merged_leaves)) {
    const std::string value = At(merged_leaves, path);
    EXPECT_TRUE(value == At(head_leaves, path) || value == At(incoming_leaves, path))
        << "merged invented " << value << " at " << path;
    bool noted = false;
    for (const MergeNote& note : merged.result.notes) {
      if (IsUnder(note.path, path)) noted = true;  // Decided field by field below `path`.
      if (!IsUnder(path, note.path)) continue;
      noted = true;
      if (note.source != MergeSource::kIncoming) {
        EXPECT_EQ(value, At(head_leaves, path)) << "note " << note.path;
      }
      if (note.source != MergeSource::kHead) {
        EXPECT_EQ(value, At(incoming_leaves, path)) << "note " << note.path;
      }
    }
    EXPECT_TRUE(noted) << "no note for the change at " << path;
  }
}

TEST(MergePropertyTest, NoEditIsDroppedWithoutAConflict) {
  for (int i = 0; i < kCases; ++i) {
    const uint64_t seed = kFirstSeed + i;
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    Rng rng(seed);
    v1::Household base = RandomBase(seed, &rng);
    v1::Household a = base;
    v1::Household b = base;
    if (rng() % 6 == 0) {
      // Registered on two tablets: both start from the same answers, the server has none.
      base.Clear();
      a = b = testing::MakeHousehold(seed);
    }
    // Sometimes one prefix for both: both sides add elements with the same ids.
    const bool same_ids = rng() % 2 == 0;
    RandomEditor edit_a(&rng, "n");
    RandomEditor edit_b(&rng, same_ids ? "n" : "b");
    for (int n = 1 + static_cast<int>(rng() % 6); n > 0; --n) edit_a.Edit(&a, "");
    for (int n = 1 + static_cast<int>(rng() % 6); n > 0; --n) edit_b.Edit(&b, "");

    ExpectNothingLost(base, a, b);
    ExpectNothingLost(base, b, a);
  }
}

}  // namespace
}  // namespace rasoat
