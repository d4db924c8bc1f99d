// The walk of a merge path (merge_path.h) through a record: the path parsed into steps checked
// against the record's type, an element found by its id, and the messages the steps but the
// last lead to. Kept apart from ApplyAtPath and ValueAtPath so that merge_path.cc reads as
// reading, parsing and writing a value.
//
// Thread-safety: pure functions; concurrent calls are safe as long as no one mutates a record
// they walk.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rasoat::internal {

// One step of a path, checked against the record's type.
struct Step {
  const google::protobuf::Descriptor* containing = nullptr;  // The type the step's name belongs to.
  const google::protobuf::FieldDescriptor* field = nullptr;  // nullptr if the step names a oneof.
  const google::protobuf::OneofDescriptor* oneof = nullptr;
  const google::protobuf::FieldDescriptor* id_field = nullptr;  // Set if the step names an element.
  std::string id;
  std::string list_path;  // The path up to this step's name: the list, for an element.
};

// INVALID_ARGUMENT with a message naming `path` and then `problem`.
absl::Status PathError(const std::string& path, const std::string& problem);

// The steps of `path` in a record of type `type`. INVALID_ARGUMENT, naming the path, if it is
// empty or malformed or does not fit `type` (see ApplyAtPath in merge_path.h).
absl::StatusOr<std::vector<Step>> Resolve(const google::protobuf::Descriptor* type,
                                          std::string_view path_view);

// The index of the element of `message` that `step` names, or -1.
// REQUIRES: step.id_field != nullptr.
int FindElement(const google::protobuf::Message& message, const Step& step);

// Where the steps but the last lead in a record.
struct Located {
  // The message holding the last step's value; nullptr unless every step before it exists.
  // Not owned: points into the record walked.
  const google::protobuf::Message* container = nullptr;
  // Per step reached: the element's index, or -1 for a sub-message (which may be absent).
  std::vector<int> indexes;
  // The first step naming an element that does not exist; nullptr if none. Not owned: points
  // into the steps walked.
  const Step* missing_element = nullptr;
};

// Follows `steps` (Resolve's, for `record`'s type) but the last through `record`.
Located Locate(const google::protobuf::Message& record, const std::vector<Step>& steps);

// The fields a oneof step stands for.
std::vector<const google::protobuf::FieldDescriptor*> OneofFields(
    const google::protobuf::OneofDescriptor* oneof);

}  // namespace rasoat::internal
