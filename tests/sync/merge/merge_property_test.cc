// Properties of ThreeWayMerge over random edits of random households: edits on disjoint paths
// merge without conflict whatever the order they arrive in; merging with an unchanged side or
// with itself is the identity; and with any edits at all, nothing either side changed is lost
// without a conflict saying so. The edits are made by reflection, so they reach every field.
// Each case prints its seed on failure; rerun one with --gtest_filter and a fixed kFirstSeed.
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/options.pb.h"
#include "sync/merge/merge.h"
#include "tests/support/households.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::IsEmpty;
using Rng = std::mt19937_64;

constexpr uint64_t kFirstSeed = 20260001;
constexpr int kCases = 400;

// The identity field of list `field`'s elements, read from the option directly rather than
// through the code under test; nullptr if none.
const FieldDescriptor* IdFieldOf(const FieldDescriptor* field) {
  if (!field->is_repeated() || field->message_type() == nullptr) return nullptr;
  for (int i = 0; i < field->message_type()->field_count(); ++i) {
    const FieldDescriptor* candidate = field->message_type()->field(i);
    if (candidate->options().GetExtension(v1::identity)) return candidate;
  }
  return nullptr;
}

std::string Join(const std::string& path, const std::string& name) {
  return path.empty() ? name : absl::StrCat(path, ".", name);
}

// Whether `path` is `ancestor` or lies under it.
bool IsUnder(const std::string& path, const std::string& ancestor) {
  return path == ancestor || absl::StartsWith(path, absl::StrCat(ancestor, ".")) ||
         absl::StartsWith(path, absl::StrCat(ancestor, "["));
}

bool Overlap(const std::string& a, const std::string& b) { return IsUnder(a, b) || IsUnder(b, a); }

// Random edits anywhere in a message, each named by the path it changed. New elements get ids
// `id_prefix` + a counter: two editors with one prefix add elements with the same ids.
class Editor {
 public:
  Editor(Rng* rng, std::string id_prefix) : rng_(*rng), id_prefix_(std::move(id_prefix)) {}

  std::string Edit(Message* message, const std::string& path) {
    const Descriptor* descriptor = message->GetDescriptor();
    const Reflection* reflection = message->GetReflection();
    std::vector<const FieldDescriptor*> fields;
    for (int i = 0; i < descriptor->field_count(); ++i) {
      // Changing an id in place is a removal plus an addition; EditList makes those.
      if (!descriptor->field(i)->options().GetExtension(v1::identity)) {
        fields.push_back(descriptor->field(i));
      }
    }
    const FieldDescriptor* field = fields[rng_() % fields.size()];
    const std::string path_to_field = Join(path, field->name());
    if (const FieldDescriptor* id_field = IdFieldOf(field)) {
      return EditList(message, field, id_field, path_to_field);
    }
    if (field->is_repeated()) {
      reflection->ClearField(message, field);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (rng_() % 5 != 0) return Edit(reflection->MutableMessage(message, field), path_to_field);
      reflection->ClearField(message, field);
    } else if (field->has_presence() && rng_() % 4 == 0) {
      reflection->ClearField(message, field);
    } else {
      SetRandomValue(message, field);
    }
    return path_to_field;
  }

 private:
  // Adds, removes or edits one element of identity-keyed `field`.
  std::string EditList(Message* message, const FieldDescriptor* field,
                       const FieldDescriptor* id_field, const std::string& path) {
    const Reflection* reflection = message->GetReflection();
    const int size = reflection->FieldSize(*message, field);
    const int choice = size == 0 ? 0 : static_cast<int>(rng_() % 4);
    if (choice == 0) {
      Message* element = reflection->AddMessage(message, field);
      const std::string id = absl::StrCat(id_prefix_, next_id_++);
      element->GetReflection()->SetString(element, id_field, id);
      const std::string element_path = absl::StrCat(path, "[", id, "]");
      for (int i = static_cast<int>(rng_() % 3); i > 0; --i) Edit(element, element_path);
      return element_path;
    }
    const int index = static_cast<int>(rng_() % size);
    Message* element = reflection->MutableRepeatedMessage(message, field, index);
    const std::string element_path =
        absl::StrCat(path, "[", element->GetReflection()->GetString(*element, id_field), "]");
    if (choice == 1) {
      // Keeps the others' order: an order change is not an edit the merge looks at.
      for (int i = index; i + 1 < size; ++i) reflection->SwapElements(message, field, i, i + 1);
      reflection->RemoveLast(message, field);
      return element_path;
    }
    return Edit(element, element_path);
  }

  void SetRandomValue(Message* message, const FieldDescriptor* field) {
    static constexpr const char* kStrings[] = {"", "Nguyễn Văn An", "Thôn Bản Phố", "27", "x"};
    const Reflection* reflection = message->GetReflection();
    // Few values, so that both sides often pick the same one.
    const int small = static_cast<int>(rng_() % 4);
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        return reflection->SetInt32(message, field, small);
      case FieldDescriptor::CPPTYPE_INT64:
        return reflection->SetInt64(message, field, small * 1'000'000);
      case FieldDescriptor::CPPTYPE_UINT32:
        return reflection->SetUInt32(message, field, small);
      case FieldDescriptor::CPPTYPE_UINT64:
        return reflection->SetUInt64(message, field, small);
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return reflection->SetDouble(message, field, 20.5 * small);
      case FieldDescriptor::CPPTYPE_FLOAT:
        return reflection->SetFloat(message, field, 0.5f * small);
      case FieldDescriptor::CPPTYPE_BOOL:
        return reflection->SetBool(message, field, small % 2 == 0);
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* type = field->enum_type();
        return reflection->SetEnumValue(message, field,
                                        type->value(rng_() % type->value_count())->number());
      }
      case FieldDescriptor::CPPTYPE_STRING:
        return reflection->SetString(message, field, kStrings[rng_() % std::size(kStrings)]);
      case FieldDescriptor::CPPTYPE_MESSAGE:
        break;
    }
    FAIL() << "not a scalar: " << field->full_name();
  }

  Rng& rng_;
  const std::string id_prefix_;
  int next_id_ = 0;
};

// `message` flattened to path → value: every set scalar, every repeated field without identity
// as one value, and "present" for every present sub-message and element. Scalars at their
// proto3 default are unset, as the merge sees them.
void Flatten(const Message& message, const std::string& path,
             std::map<std::string, std::string>* leaves) {
  const Descriptor* descriptor = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const std::string path_to_field = Join(path, field->name());
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

// A household of its own for this case: sometimes edited, sometimes none at all (registered
// on two tablets: base is empty).
v1::Household RandomBase(uint64_t seed, Rng* rng) {
  if ((*rng)() % 8 == 0) return v1::Household();
  v1::Household base = testing::MakeHousehold(seed);
  Editor editor(rng, "base");
  for (int i = static_cast<int>((*rng)() % 3); i > 0; --i) editor.Edit(&base, "");
  return base;
}

struct Merged {
  v1::Household record;
  MergeResult result;
};

Merged MergeOrDie(const v1::Household& base, const v1::Household& head,
                  const v1::Household& incoming) {
  Merged merged;
  absl::StatusOr<MergeResult> result = ThreeWayMerge(base, head, incoming, &merged.record);
  EXPECT_TRUE(result.ok()) << result.status();
  if (result.ok()) merged.result = *std::move(result);
  return merged;
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
    Editor edit_a(&rng, "a");
    Editor edit_b(&rng, "b");
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

    const Merged ab = MergeOrDie(base, a, b);
    const Merged ba = MergeOrDie(base, b, a);
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
    Editor editor(&rng, "x");
    for (int n = 1 + static_cast<int>(rng() % 5); n > 0; --n) editor.Edit(&x, "");

    using Sides = std::pair<const v1::Household*, const v1::Household*>;
    for (const auto& [head, incoming] : {Sides(&x, &x), Sides(&base, &x), Sides(&x, &base)}) {
      const Merged merged = MergeOrDie(base, *head, *incoming);
      EXPECT_THAT(merged.result.conflicts, IsEmpty());
      std::string differences;
      MessageDifferencer differencer;
      differencer.ReportDifferencesToString(&differences);
      EXPECT_TRUE(differencer.Compare(merged.record, x)) << differences;
    }
  }
}

// Checks that merging `head` and `incoming` lost nothing silently: every path either side
// changed holds that side's value or lies under a conflict (head's always holds: conflicts keep
// it), every path that changed holds head's or incoming's value, and notes cover each change.
void ExpectNothingLost(const v1::Household& base, const v1::Household& head,
                       const v1::Household& incoming) {
  const Merged merged = MergeOrDie(base, head, incoming);
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
    Editor edit_a(&rng, "n");
    Editor edit_b(&rng, same_ids ? "n" : "b");
    for (int n = 1 + static_cast<int>(rng() % 6); n > 0; --n) edit_a.Edit(&a, "");
    for (int n = 1 + static_cast<int>(rng() % 6); n > 0; --n) edit_b.Edit(&b, "");

    ExpectNothingLost(base, a, b);
    ExpectNothingLost(base, b, a);
  }
}

}  // namespace
}  // namespace rasoat
