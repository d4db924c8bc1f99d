// Rounds: the review rounds this server accepts, each with the poverty standard its households
// are classified by, loaded once at start (from the standard files or the built-in copies). Every
// component that takes a round id from a request checks it here, so an unknown round is refused
// the same way everywhere, naming the field and the rounds accepted.
//
// Thread-safety: immutable once loaded; any number of threads may read it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/standard.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "rasoat/v1/targets.pb.h"

namespace rasoat::rules {

struct RoundsOptions {
  // Review rounds this server accepts, e.g. "2026" for the annual review of 2026.
  // Default: {"2026"}.
  std::vector<std::string> ids = {"2026"};

  // The poverty standard each round is classified by (round id -> standard name, e.g.
  // "2027" -> "decree-351-2025"); a round not listed uses default_standard.
  // Default: none listed; default_standard "decree-07-2021" (in force through 31/12/2026).
  std::map<std::string, std::string> standards = {};
  std::string default_standard = "decree-07-2021";

  // The round before each round (round id -> round id, e.g. "2027" -> "2026"): a household's
  // recognition is compared with its recognition there (sync/rules/household_outcome.h). Both
  // must be rounds of this server. Default: none; a round with none finds every household
  // FIRST_REVIEWED.
  std::map<std::string, std::string> previous = {};

  // Directory holding the standard files, <name>.textproto each. Read at start: a corrected
  // threshold takes effect on restart, without a rebuild.
  // Default: empty, the copies of deploy/standards/ built into the binary.
  std::string standards_dir = "";

  // Directory holding each round's targets, <round>.textproto (targets_loader.h): a commune's
  // household count (the denominator of its rates) and its targets. Read at start; a round
  // without a file has no targets.
  // Default: empty, the copies of deploy/targets/ built into the binary.
  std::string targets_dir = "";

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
};

// A round's poverty standard as loaded at start, with the local standards evaluated alongside
// it.
struct RoundStandard {
  v1::PovertyStandard standard;
  // Each laid over `standard` (local_standard.h); no two name the same province.
  std::vector<v1::PovertyStandard> local_standards;
  // StandardsDigest(standard, local_standards): which edition of the standards a classification
  // was made by.
  std::string digest;

  // The local standard for households of `province_code`, or nullptr when none applies.
  const v1::PovertyStandard* LocalStandardFor(std::string_view province_code) const;
};

class Rounds {
 public:
  // Validates `options` and loads each round's standard, the local standards based on it and its
  // targets. INVALID_ARGUMENT for a bad option, or a round naming a local standard as its own;
  // NOT_FOUND or INVALID_ARGUMENT (naming the round and the file) for a standard or a targets
  // file that cannot be loaded.
  static absl::StatusOr<Rounds> Load(const RoundsOptions& options);

  // OK if `round_id` is a round of this server; otherwise INVALID_ARGUMENT naming `field` ("field:
  // required" when empty, else the rounds accepted).
  absl::Status Check(const std::string& round_id, const char* field) const;

  // OK if `key` names a known round and a household id of 1 to kMaxIdBytes bytes; otherwise
  // INVALID_ARGUMENT naming key.round_id and/or key.household_id.
  absl::Status CheckKey(const v1::HouseholdKey& key) const;

  bool Contains(const std::string& round_id) const { return standards_.contains(round_id); }

  // REQUIRES: Contains(round_id).
  const RoundStandard& standard(const std::string& round_id) const {
    return standards_.at(round_id);
  }

  // The targets of `round_id` (empty but for round_id when it has none). REQUIRES:
  // Contains(round_id).
  const v1::RoundTargets& targets(const std::string& round_id) const {
    return targets_.at(round_id);
  }

  // The round before `round_id` (RoundsOptions::previous), or "" when it has none.
  const std::string& PreviousOf(const std::string& round_id) const;

  // The rounds accepted, as a person reads them: "2026, 2027".
  const std::string& accepted() const { return accepted_; }

 private:
  absl::flat_hash_map<std::string, RoundStandard> standards_;
  absl::flat_hash_map<std::string, std::string> previous_;
  absl::flat_hash_map<std::string, v1::RoundTargets> targets_;
  std::string accepted_;
};

}  // namespace rasoat::rules
