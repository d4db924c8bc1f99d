#include "server/rasoatctl/publishing.h"

#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "sync/publish/csv_export.h"

namespace rasoat::ctl {

using Stub = v1::AdminService::Stub;

int RunPublish(const CommandContext& context, const std::vector<std::string>& args) {
  if (args[0] != "status")
    return context.Usage(absl::StrCat("unknown publish command '", args[0], "'"));
  v1::GetPublishStatusResponse response;
  grpc::Status status =
      context.Call(&Stub::GetPublishStatus, v1::GetPublishStatusRequest(), &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  std::ostream& out = *context.out;
  out << "program store  " << response.program_store() << "\n"
      << "backlog        " << response.backlog() << " approval(s) not yet published\n";
  if (response.backlog() > 0) {
    out << "oldest         "
        << absl::StrCat(static_cast<int64_t>(response.oldest_pending_age_seconds()))
        << " s waiting\n";
  }
  out << "last error     " << (response.last_error().empty() ? "-" : response.last_error()) << "\n"
      << "last published "
      << (response.last_published_at_unix_micros() == 0
              ? std::string("- (none since rasoatd started)")
              : absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                                 absl::FromUnixMicros(response.last_published_at_unix_micros()),
                                 absl::UTCTimeZone()))
      << "\n";
  return kExitOk;
}

int RunExport(const CommandContext& context, const std::vector<std::string>& args) {
  v1::ListPublishedRequest request;
  request.set_round_id(context.settings.round_id);
  request.set_commune_code(args[0]);
  v1::ListPublishedResponse all;
  std::string csv = publish::PublishedCsvHeader();
  do {
    v1::ListPublishedResponse page;
    grpc::Status status = context.Call(&Stub::ListPublished, request, &page);
    if (!status.ok()) return context.RpcError(status);
    for (v1::PublishedHousehold& row : *page.mutable_households()) {
      csv += publish::PublishedCsvRow(row);
      if (context.settings.json) *all.add_households() = std::move(row);
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  if (context.settings.json) return context.PrintJson(all);
  *context.out << csv;
  return kExitOk;
}

}  // namespace rasoat::ctl
