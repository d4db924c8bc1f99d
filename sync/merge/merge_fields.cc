#include "sync/merge/merge_fields.h"

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include <google/protobuf/text_format.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/strip.h"
#include "rasoat/v1/options.pb.h"

namespace rasoat::internal {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

// The reflection accessors of one scalar C++ type, so that comparing and copying are written
// once instead of once per type.
template <typename T>
struct Accessors {
  T (Reflection::*get)(const Message&, const FieldDescriptor*) const;
  T (Reflection::*get_repeated)(const Message&, const FieldDescriptor*, int) const;
  void (Reflection::*set)(Message*, const FieldDescriptor*, T) const;
  void (Reflection::*add)(Message*, const FieldDescriptor*, T) const;

  // Element `index` of a repeated field, or the value of a singular one if index < 0.
  T Get(const Reflection* reflection, const Message& message, const FieldDescriptor* field,
        int index) const {
    return index < 0 ? (reflection->*get)(message, field)
                     : (reflection->*get_repeated)(message, field, index);
  }
};

// Calls fn(Accessors<T>) for the C++ type T of scalar `field`.
// REQUIRES: `field` is not a message field.
template <typename Fn>
auto WithAccessors(const FieldDescriptor* field, Fn fn) {
  using R = Reflection;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return fn(Accessors<int32_t>{&R::GetInt32, &R::GetRepeatedInt32, &R::SetInt32, &R::AddInt32});
    case FieldDescriptor::CPPTYPE_INT64:
      return fn(Accessors<int64_t>{&R::GetInt64, &R::GetRepeatedInt64, &R::SetInt64, &R::AddInt64});
    case FieldDescriptor::CPPTYPE_UINT32:
      return fn(
          Accessors<uint32_t>{&R::GetUInt32, &R::GetRepeatedUInt32, &R::SetUInt32, &R::AddUInt32});
    case FieldDescriptor::CPPTYPE_UINT64:
      return fn(
          Accessors<uint64_t>{&R::GetUInt64, &R::GetRepeatedUInt64, &R::SetUInt64, &R::AddUInt64});
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return fn(
          Accessors<double>{&R::GetDouble, &R::GetRepeatedDouble, &R::SetDouble, &R::AddDouble});
    case FieldDescriptor::CPPTYPE_FLOAT:
      return fn(Accessors<float>{&R::GetFloat, &R::GetRepeatedFloat, &R::SetFloat, &R::AddFloat});
    case FieldDescriptor::CPPTYPE_BOOL:
      return fn(Accessors<bool>{&R::GetBool, &R::GetRepeatedBool, &R::SetBool, &R::AddBool});
    case FieldDescriptor::CPPTYPE_ENUM:
      // By number: proto3 enums are open, and an unknown number must survive the merge.
      return fn(Accessors<int>{&R::GetEnumValue, &R::GetRepeatedEnumValue, &R::SetEnumValue,
                               &R::AddEnumValue});
    default:
      return fn(Accessors<std::string>{&R::GetString, &R::GetRepeatedString, &R::SetString,
                                       &R::AddString});
  }
}

bool SameMessage(const Reflection* reflection, const Message& a, const Message& b);

// Whether element `i` of `a` equals element `j` of `b` (indexes < 0: the singular values).
// `reflection` is their type's: looked up once per message, as it is not free.
bool SameAt(const Reflection* reflection, const Message& a, int i, const Message& b, int j,
            const FieldDescriptor* field) {
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    const Message& x =
        i < 0 ? reflection->GetMessage(a, field) : reflection->GetRepeatedMessage(a, field, i);
    const Message& y =
        j < 0 ? reflection->GetMessage(b, field) : reflection->GetRepeatedMessage(b, field, j);
    return SameMessage(x.GetReflection(), x, y);
  }
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    // By reference: records are mostly strings, and copying each one to compare adds up.
    std::string scratch_a, scratch_b;
    return (i < 0 ? reflection->GetStringReference(a, field, &scratch_a)
                  : reflection->GetRepeatedStringReference(a, field, i, &scratch_a)) ==
           (j < 0 ? reflection->GetStringReference(b, field, &scratch_b)
                  : reflection->GetRepeatedStringReference(b, field, j, &scratch_b));
  }
  return WithAccessors(field, [&](auto accessors) {
    const auto x = accessors.Get(reflection, a, field, i);
    const auto y = accessors.Get(reflection, b, field, j);
    if constexpr (std::is_floating_point_v<decltype(x)>) {
      if (std::isnan(x) && std::isnan(y)) return true;
    }
    return x == y;
  });
}

// Appends element `i` of `from` to repeated `field` of `*to`, or sets singular `field` if i < 0.
void CopyAt(const Message& from, int i, const FieldDescriptor* field, Message* to) {
  const Reflection* reflection = from.GetReflection();
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    Message* target =
        i < 0 ? reflection->MutableMessage(to, field) : reflection->AddMessage(to, field);
    Assign(i < 0 ? reflection->GetMessage(from, field)
                 : reflection->GetRepeatedMessage(from, field, i),
           target);
    return;
  }
  WithAccessors(field, [&](auto accessors) {
    (reflection->*(i < 0 ? accessors.set : accessors.add))(
        to, field, accessors.Get(reflection, from, field, i));
  });
}

// Whether the identity-keyed lists `field` of `a` and `b`, of equal size, hold the same
// elements in any order; in the same order if an id repeats (in a list the merge takes as
// one value, whose ids nobody checks).
bool SameElementsById(const Reflection* reflection, const Message& a, const Message& b,
                      const FieldDescriptor* field, const FieldDescriptor* id_field) {
  const int size = reflection->FieldSize(b, field);
  const auto index = [&](const Message& message, absl::flat_hash_map<std::string, int>* ids) {
    ids->reserve(size);
    for (int i = 0; i < size; ++i) {
      if (!ids->emplace(IdOf(reflection->GetRepeatedMessage(message, field, i), id_field), i)
               .second) {
        return false;
      }
    }
    return true;
  };
  absl::flat_hash_map<std::string, int> a_ids, b_ids;
  if (!index(a, &a_ids) || !index(b, &b_ids)) {
    for (int i = 0; i < size; ++i) {
      if (!SameAt(reflection, a, i, b, i, field)) return false;
    }
    return true;
  }
  for (const auto& [id, i] : a_ids) {
    const auto found = b_ids.find(id);
    if (found == b_ids.end() || !SameAt(reflection, a, i, b, found->second, field)) return false;
  }
  return true;
}

bool SameMessage(const Reflection* reflection, const Message& a, const Message& b) {
  const google::protobuf::Descriptor* descriptor = a.GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    if (!SameField(reflection, a, b, descriptor->field(i))) return false;
  }
  return true;
}

std::string OneLine(const Message& message) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  // Fields of a newer tablet's household.proto print as bare numbers that no one reading the
  // value can act on, and that the parser of a resolution refuses: the value shown, and stored
  // when it is chosen, is what this server knows of.
  printer.SetHideUnknownFields(true);
  std::string text;
  printer.PrintToString(message, &text);
  return std::string(absl::StripSuffix(text, " "));
}

}  // namespace

const FieldDescriptor* IdentityOf(const FieldDescriptor* field) {
  if (!field->is_repeated() || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return nullptr;
  }
  const google::protobuf::Descriptor* element = field->message_type();
  if (field->is_map()) return element->map_key();
  for (int i = 0; i < element->field_count(); ++i) {
    const FieldDescriptor* candidate = element->field(i);
    if (candidate->options().GetExtension(v1::identity) && !candidate->is_repeated() &&
        candidate->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return candidate;
    }
  }
  return nullptr;
}

std::string IdOf(const Message& element, const FieldDescriptor* id_field) {
  return IdOf(element.GetReflection(), element, id_field);
}

std::string IdOf(const Reflection* reflection, const Message& element,
                 const FieldDescriptor* id_field) {
  if (id_field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    return reflection->GetString(element, id_field);
  }
  std::string text;
  google::protobuf::TextFormat::PrintFieldValueToString(element, id_field, -1, &text);
  return text;
}

bool SameField(const Reflection* reflection, const Message& a, const Message& b,
               const FieldDescriptor* field) {
  if (field->is_repeated()) {
    const int size = reflection->FieldSize(a, field);
    if (size != reflection->FieldSize(b, field)) return false;
    if (const FieldDescriptor* id_field = IdentityOf(field)) {
      return SameElementsById(reflection, a, b, field, id_field);
    }
    for (int i = 0; i < size; ++i) {
      if (!SameAt(reflection, a, i, b, i, field)) return false;
    }
    return true;
  }
  if (field->has_presence()) {
    const bool present = reflection->HasField(a, field);
    if (present != reflection->HasField(b, field)) return false;
    if (!present) return true;
  }
  return SameAt(reflection, a, -1, b, -1, field);
}

bool SameMessage(const Message& a, const Message& b) {
  return SameMessage(a.GetReflection(), a, b);
}

void Assign(const Message& from, Message* to) {
  to->Clear();
  to->MergeFrom(from);
}

void CopyField(const Message& from, const FieldDescriptor* field, Message* to) {
  const Reflection* reflection = from.GetReflection();
  reflection->ClearField(to, field);
  if (field->is_repeated()) {
    for (int i = 0; i < reflection->FieldSize(from, field); ++i) CopyAt(from, i, field, to);
  } else if (!field->has_presence() || reflection->HasField(from, field)) {
    CopyAt(from, -1, field, to);
  }
}

bool HasValue(const Message& message, const FieldDescriptor* field) {
  const Reflection* reflection = message.GetReflection();
  if (field->is_repeated()) return reflection->FieldSize(message, field) > 0;
  return !field->has_presence() || reflection->HasField(message, field);
}

std::string ValueText(const Message& message, std::span<const FieldDescriptor* const> fields) {
  if (fields.size() == 1 && !fields[0]->is_repeated() &&
      fields[0]->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    google::protobuf::TextFormat::Printer printer;
    printer.SetUseUtf8StringEscaping(true);
    printer.SetHideUnknownFields(true);
    std::string text;
    printer.PrintFieldValueToString(message, fields[0], -1, &text);
    return text;
  }
  // A copy holding only `fields` prints as exactly their `name: value` pairs.
  std::unique_ptr<Message> only(message.New());
  for (const FieldDescriptor* field : fields) CopyField(message, field, only.get());
  return OneLine(*only);
}

std::string MessageText(const Message& message) { return OneLine(message); }

}  // namespace rasoat::internal
