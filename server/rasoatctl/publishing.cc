#include "server/rasoatctl/publishing.h"

#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/documents/published_list.h"
#include "server/rasoatctl/format.h"

namespace rasoat::ctl {

using Stub = v1::AdminService::Stub;

namespace {

// "2026-09-03 07:05:09 UTC".
std::string Utc(int64_t unix_micros) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", absl::FromUnixMicros(unix_micros),
                          absl::UTCTimeZone());
}

}  // namespace

void PrintPublishStatus(const v1::GetPublishStatusResponse& response, std::ostream& out) {
  out << "program store  " << response.program_store() << "\n"
      << "backlog        " << response.backlog() << " recognition(s) not yet published\n";
  if (response.backlog() > 0) {
    out << "oldest         "
        << absl::StrCat(static_cast<int64_t>(response.oldest_pending_age_seconds()))
        << " s waiting\n";
  }
  out << "dead letters   " << response.dead_letter_count();
  if (response.dead_letter_count() > 0) {
    out << " parked (listed below); once the cause is removed: rasoatctl publish retry";
  }
  out << "\n"
      << "last error     " << (response.last_error().empty() ? "-" : response.last_error()) << "\n"
      << "last published "
      << (response.last_published_at_unix_micros() == 0
              ? std::string("- (none since rasoatd started)")
              : Utc(response.last_published_at_unix_micros()))
      << "\n";
  if (response.dead_letters().empty()) return;
  out << "\ndead letters, oldest first"
      << (static_cast<uint64_t>(response.dead_letters_size()) < response.dead_letter_count()
              ? absl::StrCat(" (the first ", response.dead_letters_size(), ")")
              : std::string())
      << ":\n";
  Table table({"ROUND", "HOUSEHOLD", "COMMUNE", "VERSION", "PARKED", "WHY"});
  for (const v1::DeadLetter& letter : response.dead_letters()) {
    table.AddRow({letter.key().round_id(), letter.key().household_id(), letter.commune_code(),
                  absl::StrCat(letter.approved_version()), Utc(letter.parked_at_unix_micros()),
                  letter.held_behind_version() != 0
                      ? absl::StrCat("held behind version ", letter.held_behind_version())
                      : letter.error()});
  }
  table.Print(out);
}

namespace {

// publish status.
int RunPublishStatus(const CommandContext& context) {
  v1::GetPublishStatusResponse response;
  grpc::Status status =
      context.Call(&Stub::GetPublishStatus, v1::GetPublishStatusRequest(), &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  PrintPublishStatus(response, *context.out);
  return kExitOk;
}

// publish retry [HOUSEHOLD].
int RunPublishRetry(const CommandContext& context, const std::vector<std::string>& args) {
  v1::RetryDeadLettersRequest request;
  if (args.size() > 1) {
    request.mutable_household()->set_round_id(context.settings.round_id);
    request.mutable_household()->set_household_id(args[1]);
  }
  v1::RetryDeadLettersResponse response;
  grpc::Status status = context.Call(&Stub::RetryDeadLetters, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << response.retried() << " dead letter(s) back in the outbox";
  if (response.superseded() > 0) {
    *context.out << "; " << response.superseded()
                 << " dropped, superseded by a newer approval of their household";
  }
  *context.out << "\n";
  return kExitOk;
}

}  // namespace

int RunPublish(const CommandContext& context, const std::vector<std::string>& args) {
  if (args[0] == "status" && args.size() == 1) return RunPublishStatus(context);
  if (args[0] == "retry") return RunPublishRetry(context, args);
  if (args[0] == "status") {
    return context.Usage(absl::StrCat("unexpected argument '", args[1], "'"));
  }
  return context.Usage(absl::StrCat("unknown publish command '", args[0], "'"));
}

int RunExport(const CommandContext& context, const std::vector<std::string>& args) {
  v1::ListPublishedRequest request;
  request.set_round_id(context.settings.round_id);
  request.set_commune_code(args[0]);
  v1::ListPublishedResponse all;
  do {
    v1::ListPublishedResponse page;
    grpc::Status status = context.Call(&Stub::ListPublished, request, &page);
    if (!status.ok()) return context.RpcError(status);
    for (v1::PublishedHousehold& row : *page.mutable_households()) {
      *all.add_households() = std::move(row);
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  if (context.settings.json) return context.PrintJson(all);
  const std::vector<v1::PublishedHousehold> rows(all.households().begin(), all.households().end());
  *context.out << documents::PublishedListCsv(rows, context.settings.machine_names);
  return kExitOk;
}

}  // namespace rasoat::ctl
