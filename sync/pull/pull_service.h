// PullService opens SyncService.Pull sessions (DESIGN.md "The wire contract"): it checks the
// round, the scopes and the cursor, reads the commit watermark, and starts a PullSession that
// pages through what changed after the cursor. Reads only.
//
// Thread-safety: StartPull may be called from any number of threads at once. It reads the
// store (a seek per village): call it off gRPC's callback threads.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/audit/audit_log.h"
#include "sync/identity/principal.h"
#include "sync/pull/pull_options.h"
#include "sync/pull/pull_session.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Committer;
class Store;

class PullService {
 public:
  // None of the pointers is owned; all must outlive this and every session it starts.
  PullService(const Store* store, const Committer* committer, const rules::Rounds* rounds,
              audit::AuditLog* audit, PullOptions options);

  // Opens a pull of `request` for `caller`. A request naming no scope pulls all of a
  // collaborator's villages, and sends a removal for every household of a village of the
  // cursor that is no longer theirs (PullSession::Start); PERMISSION_DENIED, naming the scope, if
  // the caller asks for a village or a commune that is not theirs. INVALID_ARGUMENT for an unknown
  // round, no scope, too many, a bad scope id, naming the fields; INVALID_ARGUMENT for a cursor
  // this store did not issue, or not in its current epoch, telling the tablet to pull from the
  // beginning (pull_cursor.h). UNAVAILABLE/INTERNAL/DATA_LOSS if the store cannot be read.
  absl::StatusOr<std::unique_ptr<PullSession>> StartPull(const identity::Principal& caller,
                                                         const v1::PullRequest& request) const;

  // Reads the first page of `session`, which StartPull opened for `caller` and `request`, into
  // `page` (PullSession::NextPage). If it carries households, first records in the audit log
  // that `caller` pulled the request's round and scopes (personal data leaves the server); if
  // that fails, its error, and `page` is cleared. Pulls that find nothing new are not recorded.
  absl::Status ReadFirstPage(const identity::Principal& caller, const v1::PullRequest& request,
                             PullSession* session, pull::PullPage* page) const;

 private:
  const Store* const store_;           // not owned
  const Committer* const committer_;   // not owned
  const rules::Rounds* const rounds_;  // not owned
  audit::AuditLog* const audit_;       // not owned
  const PullOptions options_;
};

}  // namespace rasoat
