#include "server/rasoatd/wire_problem.h"

#include <string>

#include <google/protobuf/unknown_field_set.h>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "sync/base/text.h"

namespace rasoat {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// As deep as protobuf's parser nests messages by default.
constexpr int kMaxDepth = 100;

// The first problem in `bytes` as a `type` at `path` ("" for the request itself).
std::string Find(std::string_view bytes, const Descriptor& type, const std::string& path,
                 int depth) {
  UnknownFieldSet fields;
  if (!fields.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return path.empty() ? "not protobuf wire format"
                        : absl::StrCat(path, ": not protobuf wire format");
  }
  // How many times each field number came so far: a repeated element's index.
  absl::flat_hash_map<int, int> seen;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    const int index = seen[field.number()]++;
    const FieldDescriptor* descriptor = type.FindFieldByNumber(field.number());
    // Unknown numbers and wire types other than the field's are kept as unknown fields by the
    // parser, never refused.
    if (descriptor == nullptr || field.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    const std::string name =
        absl::StrCat(path, path.empty() ? "" : ".", descriptor->name(),
                     descriptor->is_repeated() ? absl::StrCat("[", index, "]") : "");
    if (descriptor->type() == FieldDescriptor::TYPE_STRING) {
      if (absl::Status status = CheckText(field.length_delimited(), TextKind::kUtf8);
          !status.ok()) {
        return absl::StrCat(name, " ", status.message(), ": text must be sent as UTF-8");
      }
    } else if (descriptor->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (depth + 1 >= kMaxDepth) return absl::StrCat(name, ": messages nested too deep");
      std::string problem =
          Find(field.length_delimited(), *descriptor->message_type(), name, depth + 1);
      if (!problem.empty()) return problem;
    }
  }
  return "";
}

}  // namespace

std::string FindWireProblem(std::string_view bytes, const Descriptor& type) {
  return Find(bytes, type, "", 0);
}

}  // namespace rasoat
