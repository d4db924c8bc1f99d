#include "sync/pull/pull_service.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sync/base/limits.h"
#include "sync/base/status_macros.h"
#include "sync/pull/pull_cursor.h"
#include "sync/store/committer.h"

namespace rasoat {
namespace {

// Checks an identifier of a pull scope; appends a violation to `problems`.
void CheckScopeId(std::string_view field, std::string_view value, bool required,
                  std::vector<std::string>* problems) {
  if (required && value.empty()) {
    problems->push_back(absl::StrCat(std::string(field), ": required"));
  } else if (value.size() > kMaxIdBytes) {
    problems->push_back(absl::StrCat(std::string(field), ": longer than ", kMaxIdBytes, " bytes"));
  }
}

}  // namespace

PullService::PullService(const Store* store, const Committer* committer,
                         const rules::Rounds* rounds, audit::AuditLog* audit, PullOptions options)
    : store_(store), committer_(committer), rounds_(rounds), audit_(audit), options_(options) {}

absl::StatusOr<std::unique_ptr<PullSession>> PullService::StartPull(
    const identity::Principal& caller, const v1::PullRequest& asked) const {
  // A collaborator who names no scope pulls all of theirs.
  v1::PullRequest all_of_theirs;
  const bool theirs = asked.scopes().empty() && !caller.is_admin() && !caller.scopes.empty();
  if (theirs) {
    all_of_theirs = asked;
    all_of_theirs.mutable_scopes()->Add(caller.scopes.begin(), caller.scopes.end());
  }
  const v1::PullRequest& request = theirs ? all_of_theirs : asked;
  for (int i = 0; i < request.scopes_size(); ++i) {
    const v1::Scope& scope = request.scopes(i);
    const bool covered = scope.village_code().empty()
                             ? caller.CoversCommune(scope.commune_code())
                             : caller.CoversVillage(scope.commune_code(), scope.village_code());
    if (!covered) {
      return absl::PermissionDeniedError(
          absl::StrCat("scopes[", i, "]: ", scope.village_code().empty() ? "commune " : "village ",
                       scope.village_code().empty() ? scope.commune_code() : scope.village_code(),
                       " is not assigned to you; pull with no scope for all of yours"));
    }
  }
  std::vector<std::string> problems;
  if (absl::Status round = rounds_->Check(request.round_id(), "round_id"); !round.ok()) {
    problems.emplace_back(round.message());
  }
  if (request.scopes().empty()) {
    problems.push_back("scopes: name at least one commune or village");
  } else if (static_cast<size_t>(request.scopes_size()) > options_.max_pull_scopes) {
    problems.push_back(absl::StrCat("scopes: ", request.scopes_size(), " scopes; the limit is ",
                                    options_.max_pull_scopes));
  }
  for (int i = 0; i < request.scopes_size() && problems.size() < 5; ++i) {
    CheckScopeId(absl::StrCat("scopes[", i, "].commune_code"), request.scopes(i).commune_code(),
                 true, &problems);
    CheckScopeId(absl::StrCat("scopes[", i, "].village_code"), request.scopes(i).village_code(),
                 false, &problems);
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));

  // Read the watermark before the snapshot is taken: everything at or below it is then in it.
  const uint64_t committed = committer_->committed_seq();
  const CursorIdentity issuer = store_->cursor_identity();
  ASSIGN_OR_RETURN(store::PullCursor cursor,
                   DecodePullCursor(request.cursor(), issuer, request.round_id(), committed));
  // A collaborator pulling all of theirs drops the villages taken from them since: the cursor
  // still has a position for each.
  std::vector<std::pair<std::string, std::string>> revoked;
  if (theirs) {
    for (const store::PullCursor::Position& position : cursor.positions()) {
      if (!position.village_code().empty() &&
          !caller.CoversVillage(position.commune_code(), position.village_code())) {
        revoked.emplace_back(position.commune_code(), position.village_code());
      }
    }
  }
  return PullSession::Start(store_, options_, request, std::move(cursor), issuer, committed,
                            revoked);
}

absl::Status PullService::ReadFirstPage(const identity::Principal& caller,
                                        const v1::PullRequest& request, PullSession* session,
                                        pull::PullPage* page) const {
  RETURN_IF_ERROR(session->NextPage(page));
  if (page->households().empty()) return absl::OkStatus();
  audit::AuditEvent event;
  event.action = audit::ACTION_PULL;
  event.login = caller.login;
  event.device_id = caller.device_id;
  // Which round and scopes, e.g. "round 2025: 26881/003 26882": a commune alone is all of it.
  std::vector<std::string> scopes;
  for (const v1::Scope& scope : request.scopes()) {
    scopes.push_back(scope.village_code().empty()
                         ? scope.commune_code()
                         : absl::StrCat(scope.commune_code(), "/", scope.village_code()));
  }
  event.subject = absl::StrCat("round ", request.round_id(), ": ",
                               scopes.empty() ? "all assigned" : absl::StrJoin(scopes, " "));
  if (absl::Status recorded = audit_->RecordRead(event); !recorded.ok()) {
    page->Clear();
    return recorded;
  }
  return absl::OkStatus();
}

}  // namespace rasoat
