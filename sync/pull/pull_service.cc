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
                         const rules::Rounds* rounds, PullOptions options)
    : store_(store), committer_(committer), rounds_(rounds), options_(options) {}

absl::StatusOr<std::unique_ptr<PullSession>> PullService::StartPull(
    const v1::PullRequest& request) const {
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
  return PullSession::Start(store_, options_, request, std::move(cursor), issuer, committed);
}

}  // namespace rasoat
