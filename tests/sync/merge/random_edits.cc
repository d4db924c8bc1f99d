#include "tests/sync/merge/random_edits.h"

#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/options.pb.h"
#include "tests/support/households.h"

namespace rasoat::testing {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

const FieldDescriptor* IdFieldOf(const FieldDescriptor* field) {
  if (!field->is_repeated() || field->message_type() == nullptr) return nullptr;
  for (int i = 0; i < field->message_type()->field_count(); ++i) {
    const FieldDescriptor* candidate = field->message_type()->field(i);
    if (candidate->options().GetExtension(v1::identity)) return candidate;
  }
  return nullptr;
}

std::string JoinPath(const std::string& path, const std::string& name) {
  return path.empty() ? name : absl::StrCat(path, ".", name);
}

bool IsUnder(const std::string& path, const std::string& ancestor) {
  return path == ancestor || absl::StartsWith(path, absl::StrCat(ancestor, ".")) ||
         absl::StartsWith(path, absl::StrCat(ancestor, "["));
}

std::string RandomEditor::Edit(Message* message, const std::string& path) {
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
  const std::string path_to_field = JoinPath(path, field->name());
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

std::string RandomEditor::EditList(Message* message, const FieldDescriptor* field,
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

void RandomEditor::SetRandomValue(Message* message, const FieldDescriptor* field) {
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

v1::Household RandomBase(uint64_t seed, Rng* rng) {
  if ((*rng)() % 8 == 0) return v1::Household();
  v1::Household base = MakeHousehold(seed);
  RandomEditor editor(rng, "base");
  for (int i = static_cast<int>((*rng)() % 3); i > 0; --i) editor.Edit(&base, "");
  return base;
}

void CollidingEditor::Edit(Message* message) {
  shape_.seed(shapes_());
  EditIn(message);
}

void CollidingEditor::EditIn(Message* message) {
  const google::protobuf::Descriptor* descriptor = message->GetDescriptor();
  const Reflection* reflection = message->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    // Changing an id in place is a removal plus an addition; EditList makes those.
    if (!descriptor->field(i)->options().GetExtension(v1::identity)) {
      fields.push_back(descriptor->field(i));
    }
  }
  // Lists a third of the time, as members are most of what collaborators edit.
  std::vector<const FieldDescriptor*> lists;
  for (const FieldDescriptor* field : fields) {
    if (IdFieldOf(field) != nullptr) lists.push_back(field);
  }
  if (!lists.empty() && shape_() % 3 == 0) fields = lists;
  const FieldDescriptor* field = fields[shape_() % fields.size()];
  if (const FieldDescriptor* id_field = IdFieldOf(field)) {
    EditList(message, field, id_field);
  } else if (field->is_repeated()) {
    reflection->ClearField(message, field);
  } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (value_() % 6 == 0) {
      reflection->ClearField(message, field);
    } else {
      EditIn(reflection->MutableMessage(message, field));
    }
  } else if (field->has_presence() && value_() % 4 == 0) {
    reflection->ClearField(message, field);
  } else {
    SetRandomValue(message, field);
  }
}

void CollidingEditor::EditList(Message* message, const FieldDescriptor* field,
                               const FieldDescriptor* id_field) {
  const Reflection* reflection = message->GetReflection();
  const int size = reflection->FieldSize(*message, field);
  const int choice = size == 0 ? 0 : static_cast<int>(shape_() % 4);
  if (choice == 0) {
    // Mostly an id both sides make, so that both add it; sometimes one of this side's own.
    std::string id = absl::StrCat("n", next_id_++);
    if (value_() % 3 == 0) id = absl::StrCat("v", value_() % 50);
    for (int i = 0; i < size; ++i) {
      const Message& element = reflection->GetRepeatedMessage(*message, field, i);
      if (element.GetReflection()->GetString(element, id_field) == id) {
        return EditIn(reflection->MutableRepeatedMessage(message, field, i));
      }
    }
    Message* element = reflection->AddMessage(message, field);
    element->GetReflection()->SetString(element, id_field, id);
    for (int i = static_cast<int>(shape_() % 4); i > 0; --i) EditIn(element);
    return;
  }
  const int index = static_cast<int>(shape_() % size);
  if (choice == 1 && value_() % 2 == 0) {
    for (int i = index; i + 1 < size; ++i) reflection->SwapElements(message, field, i, i + 1);
    reflection->RemoveLast(message, field);
    return;
  }
  EditIn(reflection->MutableRepeatedMessage(message, field, index));
}

void CollidingEditor::SetRandomValue(Message* message, const FieldDescriptor* field) {
  // Few values, so that both sides sometimes pick the same one; some that test the text.
  static constexpr const char* kStrings[] = {
      "",  "Nguyễn Văn An", "Trần Thị Bình", R"(Lê "Út")", R"(back\slash)", "dòng\nmới", "27",
      "x", "\t\x01",        "Đặng Thị Hoa"};
  const Reflection* reflection = message->GetReflection();
  const auto pick = [this](const auto& values) { return values[value_() % std::size(values)]; };
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      static constexpr int32_t kValues[] = {
          0, 1, -1, 2026, std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::min()};
      return reflection->SetInt32(message, field, pick(kValues));
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      static constexpr int64_t kValues[] = {0,
                                            5'000'000,
                                            -1,
                                            1'788'000'000,
                                            std::numeric_limits<int64_t>::max(),
                                            std::numeric_limits<int64_t>::min()};
      return reflection->SetInt64(message, field, pick(kValues));
    }
    case FieldDescriptor::CPPTYPE_UINT32:
      return reflection->SetUInt32(message, field, static_cast<uint32_t>(value_()));
    case FieldDescriptor::CPPTYPE_UINT64:
      return reflection->SetUInt64(message, field, value_());
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      static constexpr double kValues[] = {0.0,
                                           -0.0,
                                           20.5,
                                           0.1,
                                           1.0 / 3,
                                           1e-7,
                                           1e300,
                                           std::numeric_limits<double>::infinity(),
                                           std::numeric_limits<double>::quiet_NaN()};
      return reflection->SetDouble(message, field, pick(kValues));
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      static constexpr float kValues[] = {0.0f, 0.1f, 1.0f / 3, -2.5f};
      return reflection->SetFloat(message, field, pick(kValues));
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      return reflection->SetBool(message, field, value_() % 2 == 0);
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumDescriptor* type = field->enum_type();
      // Now and then a number from a release ahead.
      const int number = value_() % 8 == 0 ? 40 + static_cast<int>(value_() % 3)
                                           : type->value(value_() % type->value_count())->number();
      return reflection->SetEnumValue(message, field, number);
    }
    case FieldDescriptor::CPPTYPE_STRING:
      return reflection->SetString(message, field, pick(kStrings));
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  FAIL() << "not a scalar: " << field->full_name();
}

}  // namespace rasoat::testing
