#include "sync/rules/rounds.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sync/base/limits.h"
#include "sync/rules/standard_catalog.h"
#include "sync/rules/targets_loader.h"

namespace rasoat::rules {

const v1::PovertyStandard* RoundStandard::LocalStandardFor(std::string_view province_code) const {
  for (const v1::PovertyStandard& local : local_standards) {
    for (const std::string& code : local.local().province_codes()) {
      if (code == province_code) return &local;
    }
  }
  return nullptr;
}

absl::Status RoundsOptions::Validate() const {
  if (ids.empty()) return absl::InvalidArgumentError("rounds: at least one round is required");
  for (const std::string& round : ids) {
    if (round.empty() || round.size() > kMaxIdBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("rounds: '", round, "' must be 1 to ", kMaxIdBytes, " bytes"));
    }
  }
  for (const auto& [round, standard] : standards) {
    if (std::find(ids.begin(), ids.end(), round) == ids.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("round_standards: round '", round, "' is not one of the rounds"));
    }
    if (standard.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("round_standards: round '", round, "' names no standard"));
    }
  }
  const auto known = [this](const std::string& round) {
    return std::find(ids.begin(), ids.end(), round) != ids.end();
  };
  for (const auto& [round, before] : previous) {
    if (!known(round) || !known(before) || round == before) {
      return absl::InvalidArgumentError(absl::StrCat("previous_rounds: '", round, ":", before,
                                                     "' must name two different rounds of ",
                                                     absl::StrJoin(ids, ", ")));
    }
  }
  if (default_standard.empty()) return absl::InvalidArgumentError("default_standard: required");
  return absl::OkStatus();
}

absl::StatusOr<Rounds> Rounds::Load(const RoundsOptions& options) {
  if (absl::Status valid = options.Validate(); !valid.ok()) return valid;
  Rounds rounds;
  for (const std::string& round : options.ids) {
    auto named = options.standards.find(round);
    const std::string& name =
        named == options.standards.end() ? options.default_standard : named->second;
    absl::StatusOr<v1::PovertyStandard> standard = LoadStandardNamed(options.standards_dir, name);
    if (!standard.ok()) {
      return absl::Status(standard.status().code(),
                          absl::StrCat("round ", round, ": ", standard.status().message()));
    }
    if (standard->has_local()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "round ", round, ": '", name, "' is a local standard; it is evaluated alongside '",
          standard->local().based_on(), "', name that one for the round"));
    }
    absl::StatusOr<std::vector<v1::PovertyStandard>> locals =
        LoadLocalStandards(options.standards_dir, *standard);
    if (!locals.ok()) {
      return absl::Status(locals.status().code(),
                          absl::StrCat("round ", round, ": ", locals.status().message()));
    }
    RoundStandard& loaded = rounds.standards_[round];
    loaded.digest = StandardsDigest(*standard, *locals);
    loaded.standard = *std::move(standard);
    loaded.local_standards = *std::move(locals);
    absl::StatusOr<v1::RoundTargets> targets = LoadRoundTargets(options.targets_dir, round);
    if (!targets.ok()) {
      return absl::Status(targets.status().code(),
                          absl::StrCat("round ", round, ": ", targets.status().message()));
    }
    rounds.targets_[round] = *std::move(targets);
  }
  rounds.previous_.insert(options.previous.begin(), options.previous.end());
  rounds.accepted_ = absl::StrJoin(options.ids, ", ");
  return rounds;
}

const std::string& Rounds::PreviousOf(const std::string& round_id) const {
  static const std::string* const kNone = new std::string();
  auto found = previous_.find(round_id);
  return found == previous_.end() ? *kNone : found->second;
}

absl::Status Rounds::Check(const std::string& round_id, const char* field) const {
  if (round_id.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  if (!Contains(round_id)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": unknown round '", round_id, "'; this server accepts ", accepted_));
  }
  return absl::OkStatus();
}

absl::Status Rounds::CheckKey(const v1::HouseholdKey& key) const {
  std::vector<std::string> problems;
  if (!Contains(key.round_id())) {
    problems.push_back(absl::StrCat("key.round_id: unknown round '", key.round_id(),
                                    "'; this server accepts ", accepted_));
  }
  if (key.household_id().empty() || key.household_id().size() > kMaxIdBytes) {
    problems.push_back(absl::StrCat("key.household_id: required, at most ", kMaxIdBytes, " bytes"));
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
  return absl::OkStatus();
}

}  // namespace rasoat::rules
