#include "server/rasoatctl/show.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/rasoatctl/args.h"
#include "server/rasoatctl/format.h"

namespace rasoat::ctl {
namespace {

using Stub = v1::ReviewService::Stub;

// The version the current one was made from, per the history; 0 when there is none.
uint64_t ParentOfCurrent(const v1::GetHouseholdResponse& household) {
  const uint64_t current = household.state().version();
  for (const v1::HistoryEntry& entry : household.history()) {
    if (entry.version() == current && (entry.kind() == v1::HistoryEntry::KIND_PUSH ||
                                       entry.kind() == v1::HistoryEntry::KIND_RESOLUTION)) {
      return entry.parent_version();
    }
  }
  return current > 1 ? current - 1 : 0;
}

std::string HistoryNote(const v1::HistoryEntry& entry) {
  std::vector<std::string> parts;
  if (!entry.mutation_id().empty()) parts.push_back(absl::StrCat("mutation ", entry.mutation_id()));
  if (entry.base_version() != 0) {
    parts.push_back(absl::StrCat("merged, edited from version ", entry.base_version()));
  }
  if (entry.conflicts_opened() != 0) {
    parts.push_back(absl::StrCat(entry.conflicts_opened(),
                                 entry.conflicts_opened() == 1 ? " conflict" : " conflicts",
                                 " opened"));
  }
  if (!entry.resolved_paths().empty()) {
    parts.push_back(absl::StrCat("resolved ", absl::StrJoin(entry.resolved_paths(), ", ")));
  }
  if (!entry.comment().empty()) parts.push_back(absl::StrCat("\"", entry.comment(), "\""));
  return absl::StrJoin(parts, "; ");
}

void PrintState(const v1::GetHouseholdResponse& household, std::ostream& out) {
  const v1::HouseholdState& state = household.state();
  const v1::Household& record = state.record();
  std::string head_name;
  for (const v1::Member& member : record.members()) {
    if (member.member_id() == record.head_member_id()) head_name = member.full_name();
  }
  const v1::Location& location = record.location();
  Table table({"household", Cell(state.key().household_id())});
  table.AddRow({"round", state.key().round_id()});
  table.AddRow({"version", absl::StrCat(state.version())});
  table.AddRow({"status", StatusLabel(state.status())});
  table.AddRow({"comment", state.reviewer_comment()});
  table.AddRow({"approved", household.approved_version() == 0
                                ? "no version approved"
                                : absl::StrCat("version ", household.approved_version(), " by ",
                                               household.approved_by())});
  table.AddRow({"head", head_name});
  table.AddRow({"location", absl::StrCat("province ", location.province_code(), ", commune ",
                                         location.commune_code(), ", village ",
                                         location.village_code(), ", ", Label(location.area()))});
  table.AddRow({"address", location.address()});
  table.Print(out);
}

void PrintClassification(const v1::Classification& c, std::ostream& out) {
  out << "\nclassification: " << ClassLabel(c.poverty_class()) << " (standard "
      << Cell(c.standard_name()) << ")\n";
  const char* comparison =
      c.per_capita_monthly_income_vnd() <= c.poor_income_line_vnd() ? "≤" : ">";
  out << "  income      " << FormatVnd(c.per_capita_monthly_income_vnd()) << " VND/person/month "
      << comparison << " poor line " << FormatVnd(c.poor_income_line_vnd()) << " ("
      << Label(c.area()) << ", " << c.member_count() << " members";
  out << ")\n";
  out << "  deprived    " << c.deprivation_count() << " of " << c.indicators_size()
      << " indicators (" << c.deprivations_for_poor() << " make a household poor)\n";
  for (const v1::IndicatorResult& result : c.indicators()) {
    if (result.deprived()) {
      out << "    - " << Label(result.indicator()) << ": " << Cell(result.reason()) << "\n";
    }
  }
  if (c.low_income_worker_household()) out << "  low-income worker household\n";
  out << "  " << Cell(c.explanation()) << "\n";
  if (c.has_local()) {
    const v1::Classification& local = c.local();
    out << "local classification: " << ClassLabel(local.poverty_class()) << " (standard "
        << Cell(local.standard_name()) << ")\n  " << Cell(local.explanation()) << "\n";
  }
}

void PrintTables(const v1::GetHouseholdResponse& household, std::ostream& out) {
  const v1::HouseholdState& state = household.state();
  if (household.validation_issues().empty()) {
    out << "\nvalidation: no issues\n";
  } else {
    out << "\nvalidation issues:\n";
    Table issues({"PATH", "CODE", "MESSAGE"});
    for (const v1::ValidationIssue& issue : household.validation_issues()) {
      issues.AddRow(
          {issue.path().empty() ? "(record)" : issue.path(), issue.code(), issue.message()});
    }
    issues.Print(out);
  }
  if (!state.conflicts().empty()) {
    out << "\nopen conflicts:\n";
    Table conflicts({"PATH", "HEAD", "INCOMING"});
    for (const v1::FieldConflict& conflict : state.conflicts()) {
      conflicts.AddRow({conflict.path(),
                        FormatValue(conflict.head_value(), conflict.head_present()),
                        FormatValue(conflict.incoming_value(), conflict.incoming_present())});
    }
    conflicts.Print(out);
  }
  out << "\nmembers:\n";
  Table members({"ID", "NAME", "BIRTH", "SEX", "RELATIONSHIP"});
  for (const v1::Member& member : state.record().members()) {
    members.AddRow({member.member_id(), member.full_name(), FormatDate(member.birth_date()),
                    Label(member.sex()), Label(member.relationship())});
  }
  members.Print(out);
  out << "\nhistory:\n";
  Table history({"VERSION", "KIND", "AUTHOR", "WHEN", "NOTE"});
  for (const v1::HistoryEntry& entry : household.history()) {
    history.AddRow({absl::StrCat(entry.version()), Label(entry.kind()), entry.author(),
                    FormatMicros(entry.at_unix_micros()), HistoryNote(entry)});
  }
  history.Print(out);
}

void PrintDiff(uint64_t from, uint64_t to, const v1::DiffVersionsResponse& diff,
               std::ostream& out) {
  out << "\nchanges from version " << from << " to " << to << ":\n";
  if (diff.changes().empty()) {
    out << "none\n";
    return;
  }
  Table table({"PATH", "FROM", "TO"});
  for (const v1::FieldChange& change : diff.changes()) {
    table.AddRow({change.path(), FormatValue(change.from_value(), change.from_present()),
                  FormatValue(change.to_value(), change.to_present())});
  }
  table.Print(out);
}

// {"household": <GetHouseholdResponse>, "diff": <DiffVersionsResponse>}, diff left out when
// there is none.
absl::StatusOr<std::string> ShowJson(const v1::GetHouseholdResponse& household,
                                     const std::optional<v1::DiffVersionsResponse>& diff) {
  absl::StatusOr<std::string> household_json = ToJson(household);
  if (!household_json.ok()) return household_json.status();
  std::string json = absl::StrCat("{\"household\":", *household_json);
  if (diff.has_value()) {
    absl::StatusOr<std::string> diff_json = ToJson(*diff);
    if (!diff_json.ok()) return diff_json.status();
    absl::StrAppend(&json, ",\"diff\":", *diff_json);
  }
  return json + "}";
}

}  // namespace

int RunShow(const CommandContext& context, const std::vector<std::string>& args) {
  const Settings& settings = context.settings;
  std::optional<std::pair<uint64_t, uint64_t>> range;
  if (!settings.diff.empty()) {
    absl::StatusOr<std::pair<uint64_t, uint64_t>> parsed = ParseDiffRange(settings.diff);
    if (!parsed.ok()) return context.Usage(parsed.status().message());
    range = *parsed;
  }
  v1::GetHouseholdRequest request;
  request.mutable_key()->set_round_id(settings.round_id);
  request.mutable_key()->set_household_id(args[0]);
  v1::GetHouseholdResponse household;
  grpc::Status status = context.Call(&Stub::GetHousehold, request, &household);
  if (!status.ok()) return context.RpcError(status);

  if (!range.has_value()) {
    const uint64_t parent = ParentOfCurrent(household);
    if (parent != 0) range = std::make_pair(parent, household.state().version());
  }
  std::optional<v1::DiffVersionsResponse> diff;
  if (range.has_value()) {
    v1::DiffVersionsRequest diff_request;
    *diff_request.mutable_key() = request.key();
    diff_request.set_from_version(range->first);
    diff_request.set_to_version(range->second);
    diff.emplace();
    status = context.Call(&Stub::DiffVersions, diff_request, &*diff);
    if (!status.ok()) return context.RpcError(status);
  }

  if (settings.json) {
    absl::StatusOr<std::string> json = ShowJson(household, diff);
    if (!json.ok()) return context.Fail(json.status());
    return context.PrintJsonText(*json);
  }
  std::ostream& out = *context.out;
  PrintState(household, out);
  if (household.has_classification()) {
    PrintClassification(household.classification(), out);
  } else {
    out << "\nclassification: none\n";
  }
  PrintTables(household, out);
  if (diff.has_value()) PrintDiff(range->first, range->second, *diff, out);
  return kExitOk;
}

}  // namespace rasoat::ctl
