// The pieces ValidateHousehold (household_validator.h) builds its issues from, shared by the
// record-level checks there and the per-member checks (member_checks.h): the list of issues
// found, the shapes of codes and amounts as messages quote them, the enum checks, and the names
// of the elements of an identity-keyed list (`members[m2]`, or `members[#2]` by position).
// Internal to sync/rules: the codes and paths they produce are documented on ValidateHousehold.
// Thread-safety: pure functions; an Issues belongs to one call of ValidateHousehold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/validation.pb.h"

namespace rasoat::rules::internal {

// The issues found so far, in the order found.
struct Issues {
  void Add(std::string path, const char* code, std::string message) {
    v1::ValidationIssue& issue = found.emplace_back();
    issue.set_path(std::move(path));
    issue.set_code(code);
    issue.set_message(std::move(message));
  }
  std::vector<v1::ValidationIssue> found;
};

// Whether `text` is exactly `length` ASCII digits.
bool IsDigits(const std::string& text, size_t length);

// Whether `text` is empty or only ASCII whitespace.
bool IsBlank(const std::string& text);

// 1500000 -> "1,500,000".
std::string FormatVnd(int64_t amount);

// Adds UNKNOWN_CODE at `path` unless `value` is a number the enum defines; returns whether it is.
bool KnownCode(int value, bool (*is_valid)(int), const std::string& path, const char* what,
               Issues& issues);

// REQUIRED at `path` when `value` is 0 (unspecified), else as KnownCode.
void RequiredCode(int value, bool (*is_valid)(int), const std::string& path, const char* what,
                  Issues& issues);

// Names the elements of an identity-keyed list: `list[id]`, or `list[#n]` (1-based) when the
// element has no id or an earlier element has the same one.
struct ElementNames {
  std::vector<std::string> paths;
  // Each id's first element (0-based).
  absl::flat_hash_map<std::string, int> first;
};

template <typename Element>
ElementNames NameElements(const google::protobuf::RepeatedPtrField<Element>& list,
                          const char* list_name, const std::string& (Element::*id)() const) {
  ElementNames names;
  for (int i = 0; i < list.size(); ++i) {
    const std::string& element_id = (list[i].*id)();
    const bool first = !element_id.empty() && names.first.try_emplace(element_id, i).second;
    names.paths.push_back(first ? absl::StrCat(list_name, "[", element_id, "]")
                                : absl::StrCat(list_name, "[#", i + 1, "]"));
  }
  return names;
}

// REQUIRED when the element has no id; DUPLICATE_ID when an earlier one has the same id.
// REQUIRES: `names` was made from the list whose element `index` has `id`.
void CheckElementId(const std::string& id, int index, const ElementNames& names,
                    const std::string& path, const char* what, Issues& issues);

}  // namespace rasoat::rules::internal
