#include "server/rasoatctl/report_command.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/documents/posting_list.h"
#include "server/rasoatctl/format.h"
#include "sync/publish/csv_export.h"

namespace rasoat::ctl {
namespace {

std::string Percent(double rate) { return absl::StrFormat("%.2f %%", rate); }

std::string Figure(double value) { return absl::StrFormat("%.4g", value); }

// One figure of the report: section, item, value.
struct ReportLine {
  std::string section;
  std::string item;
  std::string value;
};

void AddClassFigures(const std::string& section, const v1::ClassFigures& figures,
                     std::vector<ReportLine>* lines) {
  lines->push_back({section, "poor_households", absl::StrCat(figures.poor_households())});
  lines->push_back(
      {section, "poor_rate_percent", absl::StrFormat("%.4f", figures.poor_rate_percent())});
  lines->push_back({section, "poor_members", absl::StrCat(figures.poor_members())});
  lines->push_back({section, "near_poor_households", absl::StrCat(figures.near_poor_households())});
  lines->push_back({section, "near_poor_rate_percent",
                    absl::StrFormat("%.4f", figures.near_poor_rate_percent())});
  lines->push_back({section, "near_poor_members", absl::StrCat(figures.near_poor_members())});
}

// Every figure of `report`, in the order the tables show them.
std::vector<ReportLine> LinesOf(const v1::PovertyReport& report) {
  std::vector<ReportLine> lines;
  lines.push_back({"area", "code", report.area_code()});
  lines.push_back({"area", "name", report.area_name()});
  lines.push_back({"area", "round", report.round_id()});
  lines.push_back({"area", "households", absl::StrCat(report.households())});
  lines.push_back({"area", "recognised_households", absl::StrCat(report.recognised_households())});
  AddClassFigures("national", report.national(), &lines);
  if (!report.local_standard_name().empty()) {
    lines.push_back({"local", "standard", report.local_standard_name()});
    AddClassFigures("local", report.local(), &lines);
  }
  if (!report.previous_round_id().empty()) {
    lines.push_back({"previous", "round", report.previous_round_id()});
    lines.push_back({"previous", "households", absl::StrCat(report.previous_households())});
    AddClassFigures("previous", report.previous(), &lines);
  }
  for (const v1::OutcomeFigures& outcome : report.by_outcome()) {
    lines.push_back({"outcome", Label(outcome.outcome()), absl::StrCat(outcome.households())});
  }
  for (const v1::GroupFigures& group : report.by_group()) {
    const std::string name = Label(group.group());
    if (group.group() == v1::PRIORITY_GROUP_LOW_INCOME_WORKERS) {
      lines.push_back({"group", name, absl::StrCat(group.low_income_workers())});
      continue;
    }
    lines.push_back({"group", name + ":in_poor", absl::StrCat(group.in_poor())});
    lines.push_back({"group", name + ":in_near_poor", absl::StrCat(group.in_near_poor())});
  }
  for (const v1::CommuneSummaryResponse::IndicatorCount& count : report.deprivations()) {
    lines.push_back({"deprived", count.name().empty() ? Label(count.indicator()) : count.name(),
                     absl::StrCat(count.deprived_households())});
  }
  lines.push_back({"escaped", "recently_escaped", absl::StrCat(report.recently_escaped_size())});
  lines.push_back({"escaped", "fell_back", absl::StrCat(report.fell_back())});
  for (const v1::TargetResult& target : report.targets()) {
    lines.push_back({"target", target.target(),
                     absl::StrCat(Figure(target.actual()), " of ", Figure(target.goal()), ": ",
                                  target.met() ? "met" : "missed")});
  }
  return lines;
}

}  // namespace

std::string ReportCsv(const v1::PovertyReport& report) {
  std::string csv = publish::CsvLine({"section", "item", "value"});
  for (const ReportLine& line : LinesOf(report)) {
    csv += publish::CsvLine({line.section, line.item, line.value});
  }
  return csv;
}

void PrintReport(const v1::PovertyReport& report, std::ostream& out) {
  out << report.area_code() << (report.area_name().empty() ? "" : " " + report.area_name())
      << ", round " << report.round_id() << ": " << report.recognised_households()
      << " households recognised of " << report.households() << "\n";
  Table classes({"", "POOR", "RATE", "MEMBERS", "NEAR-POOR", "RATE", "MEMBERS"});
  const auto add = [&classes](const std::string& name, const v1::ClassFigures& figures) {
    classes.AddRow(
        {name, absl::StrCat(figures.poor_households()), Percent(figures.poor_rate_percent()),
         absl::StrCat(figures.poor_members()), absl::StrCat(figures.near_poor_households()),
         Percent(figures.near_poor_rate_percent()), absl::StrCat(figures.near_poor_members())});
  };
  add("national", report.national());
  if (!report.local_standard_name().empty()) {
    add("local (" + report.local_standard_name() + ")", report.local());
  }
  if (!report.previous_round_id().empty()) {
    add("round " + report.previous_round_id(), report.previous());
  }
  out << "\n";
  classes.Print(out);
  Table outcomes({"OUTCOME", "HOUSEHOLDS"});
  for (const v1::OutcomeFigures& outcome : report.by_outcome()) {
    outcomes.AddRow({Label(outcome.outcome()), absl::StrCat(outcome.households())});
  }
  Table groups({"GROUP", "IN POOR", "IN NEAR-POOR", "LOW-INCOME WORKERS"});
  for (const v1::GroupFigures& group : report.by_group()) {
    groups.AddRow({Label(group.group()), absl::StrCat(group.in_poor()),
                   absl::StrCat(group.in_near_poor()), absl::StrCat(group.low_income_workers())});
  }
  Table targets({"TARGET", "GOAL", "ACTUAL", ""});
  for (const v1::TargetResult& target : report.targets()) {
    targets.AddRow({target.target(), Figure(target.goal()), Figure(target.actual()),
                    target.met() ? "met" : "MISSED"});
  }
  for (const Table* table : {&outcomes, &groups, &targets}) {
    if (table->empty()) continue;
    out << "\n";
    table->Print(out);
  }
  out << "\nrecently escaped: " << report.recently_escaped_size()
      << ", fell back this round: " << report.fell_back() << "\n";
}

int RunReport(const CommandContext& context, const std::vector<std::string>& args) {
  const bool province = args[0].size() == 2;
  std::vector<v1::PovertyReport> reports;
  if (province) {
    v1::ProvinceReportRequest request;
    request.set_round_id(context.settings.round_id);
    request.set_province_code(args[0]);
    v1::ProvinceReportResponse response;
    grpc::Status status =
        context.Call(&v1::ReportService::Stub::ProvinceReport, request, &response);
    if (!status.ok()) return context.RpcError(status);
    if (context.settings.json) return context.PrintJson(response);
    reports.push_back(response.report());
    reports.insert(reports.end(), response.communes().begin(), response.communes().end());
  } else {
    v1::CommuneReportRequest request;
    request.set_round_id(context.settings.round_id);
    request.set_commune_code(args[0]);
    v1::CommuneReportResponse response;
    grpc::Status status = context.Call(&v1::ReportService::Stub::CommuneReport, request, &response);
    if (!status.ok()) return context.RpcError(status);
    if (context.settings.json) return context.PrintJson(response);
    reports.push_back(response.report());
  }
  if (context.settings.csv) {
    *context.out << ReportCsv(reports.front());
    return kExitOk;
  }
  for (size_t i = 0; i < reports.size(); ++i) {
    if (i > 0) *context.out << "\n";
    PrintReport(reports[i], *context.out);
  }
  return kExitOk;
}

int RunPosting(const CommandContext& context, const std::vector<std::string>& args) {
  v1::PostingListRequest request;
  request.set_round_id(context.settings.round_id);
  request.set_commune_code(args[0]);
  request.set_village_code(context.settings.village);
  v1::PostingListResponse response;
  grpc::Status status = context.Call(&v1::ReportService::Stub::PostingList, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << (context.settings.html ? documents::PostingListHtml(response)
                                         : documents::PostingListCsv(response));
  return kExitOk;
}

}  // namespace rasoat::ctl
