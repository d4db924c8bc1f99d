#include "sync/push/mutation_check.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sync/base/limits.h"
#include "sync/base/text.h"
#include "sync/push/record_check.h"

namespace rasoat {
namespace {

// Most violations a rejection lists for the fields of one record: enough to fix a record, few
// enough that a record of a thousand bad names is not answered with a thousand lines.
constexpr int kMaxRecordViolations = 20;

class Violations {
 public:
  explicit Violations(int index) : prefix_(absl::StrCat("mutations[", index, "]")) {}

  void Add(std::string_view field, std::string description) {
    v1::FieldViolation* violation = rejection_.add_field_violations();
    violation->set_field(absl::StrCat(prefix_, ".", std::string(field)));
    violation->set_description(std::move(description));
  }

  // Checks an identifier that becomes part of a key: present and short enough. False if not.
  bool CheckKeyPart(std::string_view field, std::string_view value) {
    if (value.empty()) {
      Add(field, "required");
      return false;
    }
    if (value.size() > kMaxIdBytes) {
      Add(field, absl::StrCat("is ", value.size(), " bytes; the limit is ", kMaxIdBytes));
      return false;
    }
    return true;
  }

  // CheckKeyPart, and the text of an id. False if either fails.
  bool CheckId(std::string_view field, std::string_view value) {
    if (!CheckKeyPart(field, value)) return false;
    if (absl::Status text = CheckText(value, TextKind::kId); !text.ok()) {
      Add(field, std::string(text.message()));
      return false;
    }
    return true;
  }

  std::optional<v1::Rejection> Finish() && {
    if (rejection_.field_violations().empty()) return std::nullopt;
    rejection_.set_code(static_cast<int>(absl::StatusCode::kInvalidArgument));
    std::vector<std::string> parts;
    for (const v1::FieldViolation& violation : rejection_.field_violations()) {
      parts.push_back(absl::StrCat(violation.field(), ": ", violation.description()));
    }
    rejection_.set_message(absl::StrJoin(parts, "; "));
    return std::move(rejection_);
  }

 private:
  std::string prefix_;
  v1::Rejection rejection_;
};

}  // namespace

std::optional<v1::Rejection> CheckMutation(const v1::Mutation& mutation, int index,
                                           const rules::Rounds& rounds,
                                           const PushOptions& options) {
  Violations violations(index);
  const std::string& round_id = mutation.key().round_id();
  if (violations.CheckId("key.round_id", round_id) && !rounds.Contains(round_id)) {
    violations.Add("key.round_id", absl::StrCat("unknown round '", round_id,
                                                "'; this server accepts ", rounds.accepted()));
  }
  violations.CheckId("key.household_id", mutation.key().household_id());
  violations.CheckId("mutation_id", mutation.mutation_id());
  if (!mutation.has_record()) {
    violations.Add("record", "required: the whole record as the tablet has it");
  } else {
    const v1::Household& record = mutation.record();
    const size_t size = record.ByteSizeLong();
    if (size > options.max_record_bytes) {
      violations.Add("record",
                     absl::StrCat("is ", size, " bytes; the limit is ", options.max_record_bytes));
    }
    // Their text is checked with the record's other fields.
    violations.CheckKeyPart("record.location.commune_code", record.location().commune_code());
    violations.CheckKeyPart("record.location.village_code", record.location().village_code());
    CheckRecordFields(record, kMaxRecordViolations,
                      [&violations](const std::string& path, std::string description) {
                        violations.Add(absl::StrCat("record.", path), std::move(description));
                      });
  }
  return std::move(violations).Finish();
}

}  // namespace rasoat
