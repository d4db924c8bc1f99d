#include "server/rasoatctl/reports.h"

#include "absl/strings/str_cat.h"
#include "server/rasoatctl/args.h"
#include "server/rasoatctl/format.h"

namespace rasoat::ctl {
namespace {

using Stub = v1::ReviewService::Stub;

// "commune 01234" or "commune 01234, village thon-1".
std::string Where(const std::string& commune, const std::string& village) {
  return village.empty() ? absl::StrCat("commune ", commune)
                         : absl::StrCat("commune ", commune, ", village ", village);
}

}  // namespace

int RunQueue(const CommandContext& context, const std::vector<std::string>& args) {
  const Settings& settings = context.settings;
  absl::StatusOr<std::vector<v1::ReviewStatus>> statuses = ParseStatuses(settings.statuses);
  if (!statuses.ok()) return context.Usage(statuses.status().message());

  v1::ListQueueRequest request;
  request.set_round_id(settings.round_id);
  request.set_commune_code(args[0]);
  request.set_village_code(settings.village);
  for (v1::ReviewStatus status : *statuses) request.add_statuses(status);
  request.set_page_size(settings.page_size);
  // Every page, gathered into one response.
  v1::ListQueueResponse all;
  for (;;) {
    v1::ListQueueResponse page;
    grpc::Status status = context.Call(&Stub::ListQueue, request, &page);
    if (!status.ok()) return context.RpcError(status);
    for (v1::QueueEntry& entry : *page.mutable_entries()) *all.add_entries() = std::move(entry);
    if (page.next_page_token().empty()) break;
    if (page.next_page_token() == request.page_token()) {
      return context.RpcError(
          grpc::Status(grpc::StatusCode::INTERNAL, "the server sent the same page token twice"));
    }
    request.set_page_token(page.next_page_token());
  }

  if (settings.json) return context.PrintJson(all);
  if (all.entries().empty()) {
    *context.out << "no households in " << Where(args[0], settings.village)
                 << (settings.statuses.empty() ? "" : " with status " + settings.statuses) << "\n";
    return kExitOk;
  }
  Table table({"HOUSEHOLD", "VILLAGE", "VERSION", "STATUS", "CONFLICTS", "ISSUES", "CLASS", "LOCAL",
               "HEAD"});
  for (const v1::QueueEntry& entry : all.entries()) {
    table.AddRow({entry.key().household_id(), entry.village_code(), absl::StrCat(entry.version()),
                  StatusLabel(entry.status()), absl::StrCat(entry.open_conflicts()),
                  absl::StrCat(entry.validation_issues()), ClassLabel(entry.poverty_class()),
                  entry.local_poverty_class() == v1::POVERTY_CLASS_UNSPECIFIED
                      ? "-"
                      : ClassLabel(entry.local_poverty_class()),
                  entry.head_name()});
  }
  table.Print(*context.out);
  return kExitOk;
}

int RunSummary(const CommandContext& context, const std::vector<std::string>& args) {
  const Settings& settings = context.settings;
  v1::CommuneSummaryRequest request;
  request.set_round_id(settings.round_id);
  request.set_commune_code(args[0]);
  request.set_village_code(settings.village);
  v1::CommuneSummaryResponse response;
  grpc::Status status = context.Call(&Stub::CommuneSummary, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (settings.json) return context.PrintJson(response);

  std::ostream& out = *context.out;
  out << Where(args[0], settings.village) << ", round " << settings.round_id << ", standard "
      << Cell(response.standard_name()) << "\n"
      << "households: " << response.households() << "\n";
  Table by_status({"STATUS", "HOUSEHOLDS"});
  for (const v1::CommuneSummaryResponse::StatusCount& count : response.by_status()) {
    by_status.AddRow({StatusLabel(count.status()), absl::StrCat(count.households())});
  }
  Table by_class({"CLASS", "HOUSEHOLDS"});
  for (const v1::CommuneSummaryResponse::ClassCount& count : response.by_class()) {
    by_class.AddRow({ClassLabel(count.poverty_class()), absl::StrCat(count.households())});
  }
  Table by_local_class({"LOCAL CLASS", "HOUSEHOLDS"});
  for (const v1::CommuneSummaryResponse::ClassCount& count : response.by_local_class()) {
    by_local_class.AddRow({ClassLabel(count.poverty_class()), absl::StrCat(count.households())});
  }
  Table deprivations({"INDICATOR", "DEPRIVED"});
  for (const v1::CommuneSummaryResponse::IndicatorCount& count : response.deprivations()) {
    deprivations.AddRow({count.name().empty() ? Label(count.indicator()) : count.name(),
                         absl::StrCat(count.deprived_households())});
  }
  for (const Table* table : {&by_status, &by_class, &by_local_class, &deprivations}) {
    if (table->empty()) continue;
    out << "\n";
    table->Print(out);
  }
  return kExitOk;
}

}  // namespace rasoat::ctl
