#include "sync/rules/targets_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "sync/rules/embedded_targets.h"
#include "sync/rules/text_proto.h"

namespace rasoat::rules {
namespace {

constexpr int kCommuneCodeDigits = 5;
constexpr int kProvinceCodeDigits = 2;

bool IsDigits(const std::string& code, int digits) {
  return code.size() == static_cast<size_t>(digits) &&
         std::all_of(code.begin(), code.end(), [](char c) { return absl::ascii_isdigit(c); });
}

// `entry` names the commune or province in the message, e.g. "communes[25000]".
absl::Status ValidatePovertyTargets(const v1::PovertyTargets& targets, const std::string& entry) {
  for (const auto& [set, value, field] :
       {std::tuple{targets.has_max_poor_rate_percent(), targets.max_poor_rate_percent(),
                   "max_poor_rate_percent"},
        std::tuple{targets.has_poor_rate_reduction_points(), targets.poor_rate_reduction_points(),
                   "poor_rate_reduction_points"},
        std::tuple{targets.has_near_poor_rate_reduction_points(),
                   targets.near_poor_rate_reduction_points(), "near_poor_rate_reduction_points"}}) {
    // Written so that NaN fails too.
    if (set && !(value >= 0 && value <= 100)) {
      return absl::InvalidArgumentError(
          absl::StrCat(entry, ".targets.", field, " ", value, " must be in [0, 100]"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateCommune(const v1::CommuneTargets& commune, int index,
                             std::set<std::string>& seen) {
  if (!IsDigits(commune.commune_code(), kCommuneCodeDigits)) {
    return absl::InvalidArgumentError(absl::StrCat("communes[", index, "].commune_code '",
                                                   commune.commune_code(), "' must be ",
                                                   kCommuneCodeDigits, " digits"));
  }
  const std::string entry = absl::StrCat("communes[", commune.commune_code(), "]");
  if (!seen.insert(commune.commune_code()).second) {
    return absl::InvalidArgumentError(absl::StrCat(entry, " listed twice"));
  }
  if (!IsDigits(commune.province_code(), kProvinceCodeDigits)) {
    return absl::InvalidArgumentError(absl::StrCat(entry, ".province_code '",
                                                   commune.province_code(), "' must be ",
                                                   kProvinceCodeDigits, " digits"));
  }
  if (commune.households() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(entry, ".households must be positive"));
  }
  return ValidatePovertyTargets(commune.targets(), entry);
}

absl::Status ValidateProvince(const v1::ProvinceTargets& province, int index,
                              std::set<std::string>& seen) {
  if (!IsDigits(province.province_code(), kProvinceCodeDigits)) {
    return absl::InvalidArgumentError(absl::StrCat("provinces[", index, "].province_code '",
                                                   province.province_code(), "' must be ",
                                                   kProvinceCodeDigits, " digits"));
  }
  const std::string entry = absl::StrCat("provinces[", province.province_code(), "]");
  if (!seen.insert(province.province_code()).second) {
    return absl::InvalidArgumentError(absl::StrCat(entry, " listed twice"));
  }
  return ValidatePovertyTargets(province.targets(), entry);
}

absl::StatusOr<v1::RoundTargets> CheckRoundId(absl::StatusOr<v1::RoundTargets> targets,
                                              const std::string& round_id,
                                              const std::string& source_name) {
  if (targets.ok() && targets->round_id() != round_id) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ": round_id is '",
                                                   targets->round_id(), "', not '", round_id,
                                                   "': the file name and `round_id:` must agree"));
  }
  return targets;
}

v1::RoundTargets NoTargets(const std::string& round_id) {
  v1::RoundTargets targets;
  targets.set_round_id(round_id);
  return targets;
}

}  // namespace

absl::Status ValidateTargets(const v1::RoundTargets& targets) {
  if (targets.round_id().empty()) return absl::InvalidArgumentError("round_id is empty");
  std::set<std::string> communes;
  for (int i = 0; i < targets.communes_size(); ++i) {
    if (absl::Status status = ValidateCommune(targets.communes(i), i, communes); !status.ok()) {
      return status;
    }
  }
  std::set<std::string> provinces;
  for (int i = 0; i < targets.provinces_size(); ++i) {
    if (absl::Status status = ValidateProvince(targets.provinces(i), i, provinces); !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::RoundTargets> ParseTargets(const std::string& text,
                                              const std::string& source_name) {
  v1::RoundTargets targets;
  if (absl::Status status = ParseTextProto(text, source_name, &targets); !status.ok()) {
    return status;
  }
  if (absl::Status status = ValidateTargets(targets); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ": ", status.message()));
  }
  return targets;
}

absl::StatusOr<v1::RoundTargets> LoadRoundTargets(const std::string& dir,
                                                  const std::string& round_id) {
  if (round_id.empty() || round_id.find('/') != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("round id '", round_id, "' cannot name a targets file"));
  }
  if (dir.empty()) {
    for (const EmbeddedTargetsFile& embedded : EmbeddedTargetsFiles()) {
      if (embedded.name == round_id) {
        const std::string source = absl::StrCat("(built-in) ", round_id, ".textproto");
        return CheckRoundId(ParseTargets(std::string(embedded.text), source), round_id, source);
      }
    }
    return NoTargets(round_id);
  }
  const std::string path = absl::StrCat(dir, "/", round_id, ".textproto");
  std::error_code error;
  if (!std::filesystem::exists(path, error) && !error) return NoTargets(round_id);
  std::ifstream in(path, std::ios::binary);
  if (error || !in) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read targets file ", path, error ? ": " + error.message() : ""));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return CheckRoundId(ParseTargets(text.str(), path), round_id, path);
}

const v1::CommuneTargets* FindCommuneTargets(const v1::RoundTargets& targets,
                                             std::string_view commune_code) {
  for (const v1::CommuneTargets& commune : targets.communes()) {
    if (commune.commune_code() == commune_code) return &commune;
  }
  return nullptr;
}

const v1::ProvinceTargets* FindProvinceTargets(const v1::RoundTargets& targets,
                                               std::string_view province_code) {
  for (const v1::ProvinceTargets& province : targets.provinces()) {
    if (province.province_code() == province_code) return &province;
  }
  return nullptr;
}

std::vector<const v1::CommuneTargets*> CommunesOfProvince(const v1::RoundTargets& targets,
                                                          std::string_view province_code) {
  std::vector<const v1::CommuneTargets*> communes;
  for (const v1::CommuneTargets& commune : targets.communes()) {
    if (commune.province_code() == province_code) communes.push_back(&commune);
  }
  std::sort(communes.begin(), communes.end(),
            [](const v1::CommuneTargets* a, const v1::CommuneTargets* b) {
              return a->commune_code() < b->commune_code();
            });
  return communes;
}

}  // namespace rasoat::rules
