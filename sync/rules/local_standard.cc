#include "sync/rules/local_standard.h"

#include <memory>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "absl/strings/str_cat.h"
#include "sync/rules/standard_loader.h"

namespace rasoat::rules {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

bool IsSingularMessage(const FieldDescriptor* field) {
  return !field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
}

// Lays the fields set in `over` onto `base`: a singular message field by field, any other field
// whole (a list replaces the list).
void LayOver(const Message& over, Message* base) {
  std::vector<const FieldDescriptor*> fields;
  over.GetReflection()->ListFields(over, &fields);
  std::unique_ptr<Message> whole(over.New());
  whole->CopyFrom(over);
  for (const FieldDescriptor* field : fields) {
    if (IsSingularMessage(field)) {
      LayOver(over.GetReflection()->GetMessage(over, field),
              base->GetReflection()->MutableMessage(base, field));
      whole->GetReflection()->ClearField(whole.get(), field);
    } else {
      base->GetReflection()->ClearField(base, field);
    }
  }
  base->MergeFrom(*whole);
}

}  // namespace

absl::StatusOr<v1::PovertyStandard> ResolveLocalStandard(const v1::PovertyStandard& national,
                                                         const v1::PovertyStandard& local) {
  if (local.local().based_on() != national.name()) {
    return absl::FailedPreconditionError(absl::StrCat("local standard '", local.name(),
                                                      "' is based on '", local.local().based_on(),
                                                      "', not '", national.name(), "'"));
  }
  v1::PovertyStandard resolved = national;
  resolved.clear_legal_basis();
  LayOver(local, &resolved);
  if (absl::Status status = Validate(resolved); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("local standard '", local.name(), "' over '",
                                                   national.name(), "': ", status.message()));
  }
  return resolved;
}

}  // namespace rasoat::rules
