#include "server/rasoatctl/args.h"

#include "absl/flags/commandlineflag.h"
#include "absl/flags/marshalling.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace rasoat::ctl {
namespace {

template <typename T>
bool ParsesAs(absl::string_view value, std::string* error) {
  T parsed;
  return absl::ParseFlag(std::string(value), &parsed, error);
}

// OK, or why `value` is not a value of `flag`'s type. Strings and types this program's flags
// do not use pass.
absl::Status CheckValue(const absl::CommandLineFlag& flag, absl::string_view value) {
  std::string error;
  bool ok = true;
  if (flag.IsOfType<bool>()) {
    ok = ParsesAs<bool>(value, &error);
  } else if (flag.IsOfType<int32_t>()) {
    ok = ParsesAs<int32_t>(value, &error);
  } else if (flag.IsOfType<uint32_t>()) {
    ok = ParsesAs<uint32_t>(value, &error);
  } else if (flag.IsOfType<int64_t>()) {
    ok = ParsesAs<int64_t>(value, &error);
  } else if (flag.IsOfType<uint64_t>()) {
    ok = ParsesAs<uint64_t>(value, &error);
  } else if (flag.IsOfType<double>()) {
    ok = ParsesAs<double>(value, &error);
  }
  if (ok) return absl::OkStatus();
  if (error.empty()) error = "not a valid value";
  return absl::InvalidArgumentError(
      absl::StrCat("--", std::string(flag.Name()), "=", std::string(value), ": ", error));
}

}  // namespace

absl::Status CheckFlags(const std::vector<std::string>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    if (!absl::ConsumePrefix(&arg, "--")) absl::ConsumePrefix(&arg, "-");
    const size_t equals = arg.find('=');
    const absl::string_view name = arg.substr(0, equals);
    if (name == "version") continue;  // absl's usage flag: ParseCommandLine prints and exits
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr && equals == absl::string_view::npos && absl::StartsWith(name, "no")) {
      flag = absl::FindCommandLineFlag(name.substr(2));
      if (flag != nullptr && flag->IsOfType<bool>()) continue;
      flag = nullptr;
    }
    if (flag == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag --", std::string(name),
                       " (put -- before an argument that starts with '-')"));
    }
    if (equals != absl::string_view::npos) {
      absl::Status status = CheckValue(*flag, arg.substr(equals + 1));
      if (!status.ok()) return status;
    } else if (!flag->IsOfType<bool>()) {
      if (i + 1 == args.size()) {
        return absl::InvalidArgumentError(absl::StrCat("--", std::string(name), " needs a value"));
      }
      absl::Status status = CheckValue(*flag, args[++i]);
      if (!status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> ParseVersion(absl::string_view text) {
  uint64_t version = 0;
  if (text.empty() || !absl::ascii_isdigit(static_cast<unsigned char>(text[0])) ||
      !absl::SimpleAtoi(text, &version) || version == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text), "' is not a version (a number from 1)"));
  }
  return version;
}

absl::StatusOr<std::vector<v1::ReviewStatus>> ParseStatuses(absl::string_view text) {
  std::vector<v1::ReviewStatus> statuses;
  for (absl::string_view word : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(word));
    if (name == "ready" || name == "ready_for_review") {
      statuses.push_back(v1::REVIEW_STATUS_READY_FOR_REVIEW);
    } else if (name == "needs_correction") {
      statuses.push_back(v1::REVIEW_STATUS_NEEDS_CORRECTION);
    } else if (name == "conflict") {
      statuses.push_back(v1::REVIEW_STATUS_CONFLICT);
    } else if (name == "returned") {
      statuses.push_back(v1::REVIEW_STATUS_RETURNED);
    } else if (name == "approved") {
      statuses.push_back(v1::REVIEW_STATUS_APPROVED);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown status '", name,
                       "': one of ready, needs_correction, conflict, returned, approved"));
    }
  }
  return statuses;
}

absl::StatusOr<v1::Resolution> ParseResolution(absl::string_view text) {
  const size_t equals = text.find('=');
  if (equals == 0 || equals == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text),
                     "' is not PATH=head, PATH=incoming, PATH=value:TEXT or PATH=clear"));
  }
  v1::Resolution resolution;
  resolution.set_path(std::string(text.substr(0, equals)));
  absl::string_view choice = text.substr(equals + 1);
  if (choice == "head") {
    resolution.set_choice(v1::Resolution::CHOICE_HEAD);
  } else if (choice == "incoming") {
    resolution.set_choice(v1::Resolution::CHOICE_INCOMING);
  } else if (choice == "clear") {
    resolution.set_choice(v1::Resolution::CHOICE_VALUE);
    resolution.set_value_present(false);
  } else if (absl::ConsumePrefix(&choice, "value:")) {
    resolution.set_choice(v1::Resolution::CHOICE_VALUE);
    resolution.set_value(std::string(choice));
    resolution.set_value_present(true);
  } else {
    return absl::InvalidArgumentError(absl::StrCat("'", std::string(choice), "' for ",
                                                   resolution.path(),
                                                   ": choose head, incoming, value:TEXT or clear"));
  }
  return resolution;
}

absl::StatusOr<std::pair<uint64_t, uint64_t>> ParseDiffRange(absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, ':');
  if (parts.size() != 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("--diff=", std::string(text), ": give two versions, FROM:TO"));
  }
  absl::StatusOr<uint64_t> from = ParseVersion(parts[0]);
  if (!from.ok()) return from.status();
  absl::StatusOr<uint64_t> to = ParseVersion(parts[1]);
  if (!to.ok()) return to.status();
  return std::make_pair(*from, *to);
}

absl::StatusOr<int64_t> ParseSince(absl::string_view text) {
  const std::string word(text);
  absl::Time time;
  std::string error;
  // A day first: RFC 3339 needs a time of day, so the two forms never both parse.
  if (!absl::ParseTime("%Y-%m-%d", word, absl::UTCTimeZone(), &time, &error) &&
      !absl::ParseTime(absl::RFC3339_full, word, &time, &error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--since=", word,
                     ": give a day, YYYY-MM-DD (UTC), or an RFC 3339 time such as "
                     "2026-09-03T14:05:09Z"));
  }
  if (time < absl::UnixEpoch()) {
    return absl::InvalidArgumentError(absl::StrCat("--since=", word, ": before 1970"));
  }
  return absl::ToUnixMicros(time);
}

}  // namespace rasoat::ctl
