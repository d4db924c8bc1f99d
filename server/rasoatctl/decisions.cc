#include "server/rasoatctl/decisions.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/rasoatctl/args.h"
#include "server/rasoatctl/format.h"

namespace rasoat::ctl {
namespace {

using Stub = v1::ReviewService::Stub;

// The household in args[0], in the round, and the version in args[1].
struct Target {
  v1::HouseholdKey key;
  uint64_t version = 0;
};

// INVALID_ARGUMENT when args[1] is not a version.
absl::StatusOr<Target> ParseTarget(const CommandContext& context,
                                   const std::vector<std::string>& args) {
  absl::StatusOr<uint64_t> version = ParseVersion(args[1]);
  if (!version.ok()) return version.status();
  Target target;
  target.key.set_round_id(context.settings.round_id);
  target.key.set_household_id(args[0]);
  target.version = *version;
  return target;
}

}  // namespace

int RunApprove(const CommandContext& context, const std::vector<std::string>& args) {
  absl::StatusOr<Target> target = ParseTarget(context, args);
  if (!target.ok()) return context.Usage(target.status().message());
  v1::ApproveRequest request;
  *request.mutable_key() = target->key;
  request.set_version(target->version);
  request.set_reviewer(context.settings.reviewer);
  v1::ApproveResponse response;
  grpc::Status status = context.Call(&Stub::Approve, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << "approved " << args[0] << " at version " << response.version() << "\n";
  return kExitOk;
}

int RunReturn(const CommandContext& context, const std::vector<std::string>& args) {
  absl::StatusOr<Target> target = ParseTarget(context, args);
  if (!target.ok()) return context.Usage(target.status().message());
  const std::string comment = std::string(absl::StripAsciiWhitespace(
      absl::StrJoin(std::vector<std::string>(args.begin() + 2, args.end()), " ")));
  if (comment.empty()) return context.Usage("say what the collaborator must correct");
  v1::ReturnRequest request;
  *request.mutable_key() = target->key;
  request.set_version(target->version);
  request.set_reviewer(context.settings.reviewer);
  request.set_comment(comment);
  v1::ReturnResponse response;
  grpc::Status status = context.Call(&Stub::Return, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << "returned " << args[0] << " at version " << response.version() << ": " << comment
               << "\n";
  return kExitOk;
}

int RunResolve(const CommandContext& context, const std::vector<std::string>& args) {
  absl::StatusOr<Target> target = ParseTarget(context, args);
  if (!target.ok()) return context.Usage(target.status().message());
  v1::ResolveConflictRequest request;
  *request.mutable_key() = target->key;
  request.set_version(target->version);
  request.set_reviewer(context.settings.reviewer);
  for (size_t i = 2; i < args.size(); ++i) {
    absl::StatusOr<v1::Resolution> resolution = ParseResolution(args[i]);
    if (!resolution.ok()) return context.Usage(resolution.status().message());
    *request.add_resolutions() = *std::move(resolution);
  }
  v1::ResolveConflictResponse response;
  grpc::Status status = context.Call(&Stub::ResolveConflict, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);

  std::ostream& out = *context.out;
  out << "resolved " << args[0] << ": version " << response.version() << ", status "
      << StatusLabel(response.status()) << "\n";
  if (response.open_conflicts().empty()) {
    out << "no conflicts open\n";
    return kExitOk;
  }
  out << "\nconflicts still open:\n";
  Table table({"PATH", "HEAD", "INCOMING"});
  for (const v1::FieldConflict& conflict : response.open_conflicts()) {
    table.AddRow({conflict.path(), FormatValue(conflict.head_value(), conflict.head_present()),
                  FormatValue(conflict.incoming_value(), conflict.incoming_present())});
  }
  table.Print(out);
  return kExitOk;
}

}  // namespace rasoat::ctl
