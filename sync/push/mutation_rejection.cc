#include "sync/push/mutation_rejection.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace rasoat {

v1::MutationResult RejectedResult(const v1::Mutation& mutation, v1::Rejection rejection) {
  v1::MutationResult result;
  result.set_mutation_id(mutation.mutation_id());
  *result.mutable_key() = mutation.key();
  result.set_outcome(v1::MUTATION_OUTCOME_REJECTED);
  *result.mutable_rejection() = std::move(rejection);
  return result;
}

v1::MutationResult Rejected(const v1::Mutation& mutation, absl::StatusCode code,
                            std::string message, int index, std::string_view field) {
  v1::Rejection rejection;
  rejection.set_code(static_cast<int>(code));
  if (index >= 0) {
    const std::string path = absl::StrCat("mutations[", index, "].", std::string(field));
    v1::FieldViolation* violation = rejection.add_field_violations();
    violation->set_field(path);
    violation->set_description(message);
    message = absl::StrCat(path, ": ", message);
  }
  rejection.set_message(std::move(message));
  return RejectedResult(mutation, std::move(rejection));
}

v1::MutationResult OutOfScope(const v1::Mutation& mutation, std::string_view commune_code,
                              std::string_view village_code, std::string_view where) {
  return Rejected(mutation, absl::StatusCode::kPermissionDenied,
                  absl::StrCat("household ", mutation.key().household_id(), " ", std::string(where),
                               " village ", std::string(village_code), " of commune ",
                               std::string(commune_code),
                               ", which is not assigned to you; ask the commune to assign it"));
}

}  // namespace rasoat
