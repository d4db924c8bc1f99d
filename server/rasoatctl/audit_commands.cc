#include "server/rasoatctl/audit_commands.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "server/rasoatctl/args.h"
#include "server/rasoatctl/format.h"

namespace rasoat::ctl {

using Stub = v1::AdminService::Stub;

namespace {

constexpr uint32_t kDefaultLimit = 100;
// The most the server sends in one page.
constexpr uint32_t kMaxPageSize = 1000;
// Hex digits of a digest shown: enough to tell versions apart by eye.
constexpr size_t kShortDigest = 8;

// "2026-09-03T07:05:09Z", whatever the machine's time zone and locale.
std::string UtcTime(int64_t unix_micros) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMicros(unix_micros),
                          absl::UTCTimeZone());
}

std::string ShortDigest(const std::string& digest) {
  return absl::BytesToHexString(digest).substr(0, kShortDigest);
}

std::string HouseholdText(const v1::HouseholdKey& key) {
  return absl::StrCat(key.round_id(), "/", key.household_id());
}

std::string ActorText(const v1::AuditActor& actor) {
  if (actor.device_id().empty()) return actor.login();
  return absl::StrCat(actor.login(), "@", actor.device_id());
}

// The line of one entry, as PrintAuditEntries says.
std::vector<std::string> EntryCells(const v1::AuditEntry& entry) {
  std::string target;
  std::vector<uint64_t> versions(entry.versions().begin(), entry.versions().end());
  std::vector<std::string> digests;
  if (!entry.digest().empty()) digests.push_back(ShortDigest(entry.digest()));
  if (entry.has_household()) {
    target = HouseholdText(entry.household());
  } else if (entry.has_subject()) {
    target = entry.subject();
  }
  std::vector<std::string> changed;
  for (const v1::AuditHouseholdChange& change : entry.changes()) {
    // "push_applied" -> "applied": the entry's action says it was a push.
    changed.push_back(absl::StrCat(HouseholdText(change.household()), ":",
                                   absl::StripPrefix(Label(change.action()), "push_")));
    versions.push_back(change.version());
    if (!change.digest().empty()) digests.push_back(ShortDigest(change.digest()));
  }
  if (!changed.empty()) {
    target = target.empty() ? absl::StrJoin(changed, ",")
                            : absl::StrCat(target, ",", absl::StrJoin(changed, ","));
  }
  return {absl::StrCat(entry.seq()),
          UtcTime(entry.time_unix_micros()),
          ActorText(entry.actor()),
          Label(entry.action()),
          target,
          absl::StrJoin(versions, ","),
          absl::StrJoin(digests, ",")};
}

// The problem when a flag given does not belong to `verb`, or "".
std::string FlagsNotOf(const Settings& settings, const std::string& verb) {
  const bool show_flags = !settings.household.empty() || !settings.actor.empty() ||
                          !settings.since.empty() || settings.limit != 0;
  if (verb != "verify" && !settings.expect_head.empty()) {
    return absl::StrCat("--expect_head does not apply to audit ", verb);
  }
  if (verb != "show" && show_flags) {
    return absl::StrCat("--household, --actor, --since and --limit do not apply to audit ", verb);
  }
  return "";
}

int RunAuditHead(const CommandContext& context) {
  v1::AuditHeadResponse response;
  const grpc::Status status = context.Call(&Stub::AuditHead, v1::AuditHeadRequest(), &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << response.head().text() << "\n";
  return kExitOk;
}

int RunAuditVerify(const CommandContext& context) {
  v1::VerifyAuditRequest request;
  request.set_expect_head(context.settings.expect_head);
  v1::VerifyAuditResponse response;
  const grpc::Status status = context.Call(&Stub::VerifyAudit, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) {
    const int printed = context.PrintJson(response);
    return printed != kExitOk || response.intact() ? printed : kExitAuditBroken;
  }
  return PrintAuditVerification(response, *context.out);
}

int RunAuditShow(const CommandContext& context) {
  const Settings& settings = context.settings;
  v1::ListAuditRequest request;
  if (!settings.household.empty()) {
    request.set_round_id(settings.round_id);
    request.set_household_id(settings.household);
  }
  request.set_actor_login(settings.actor);
  if (!settings.since.empty()) {
    absl::StatusOr<int64_t> since = ParseSince(settings.since);
    if (!since.ok()) return context.Usage(since.status().message());
    request.set_since_unix_micros(*since);
  }
  const uint32_t limit = settings.limit == 0 ? kDefaultLimit : settings.limit;
  v1::ListAuditResponse all;
  for (;;) {
    const uint32_t left = limit - static_cast<uint32_t>(all.entries_size());
    request.set_page_size(std::min(left, kMaxPageSize));
    v1::ListAuditResponse page;
    const grpc::Status status = context.Call(&Stub::ListAudit, request, &page);
    if (!status.ok()) return context.RpcError(status);
    for (v1::AuditEntry& entry : *page.mutable_entries()) {
      *all.add_entries() = std::move(entry);
    }
    all.set_next_page_seq(page.next_page_seq());
    // A next page starts past the one asked for; anything else would ask for it forever.
    if (page.next_page_seq() <= request.after_seq()) {
      all.set_next_page_seq(0);
      break;
    }
    if (static_cast<uint32_t>(all.entries_size()) >= limit) break;
    request.set_after_seq(page.next_page_seq());
  }
  if (settings.json) return context.PrintJson(all);
  PrintAuditEntries(all.entries(), *context.out);
  if (all.next_page_seq() != 0) {
    *context.err << "rasoatctl: the first " << all.entries_size()
                 << " entries; more follow: raise --limit, or narrow with --since\n";
  }
  return kExitOk;
}

}  // namespace

int PrintAuditVerification(const v1::VerifyAuditResponse& response, std::ostream& out) {
  if (!response.intact()) {
    out << "NOT INTACT: " << response.problem() << "\n";
    return kExitAuditBroken;
  }
  out << "intact: " << response.entries_checked() << " entries checked";
  if (response.entries_checked() > 0) {
    out << " (" << response.first_seq() << " to " << response.last_seq() << ")";
  }
  out << "\n";
  if (response.expect_head_found()) out << "expected head found\n";
  out << "head " << response.head().text() << "\n";
  return kExitOk;
}

void PrintAuditEntries(const google::protobuf::RepeatedPtrField<v1::AuditEntry>& entries,
                       std::ostream& out) {
  Table table({"SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "VERSIONS", "DIGEST"});
  for (const v1::AuditEntry& entry : entries) table.AddRow(EntryCells(entry));
  table.Print(out);
}

int RunAudit(const CommandContext& context, const std::vector<std::string>& args) {
  const std::string& verb = args[0];
  if (verb != "head" && verb != "verify" && verb != "show") {
    return context.Usage(absl::StrCat("unknown audit command '", verb, "'"));
  }
  if (const std::string problem = FlagsNotOf(context.settings, verb); !problem.empty()) {
    return context.Usage(problem);
  }
  if (verb == "head") return RunAuditHead(context);
  if (verb == "verify") return RunAuditVerify(context);
  return RunAuditShow(context);
}

}  // namespace rasoat::ctl
