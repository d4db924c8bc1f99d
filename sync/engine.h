// Engine opens rasoat's core and wires its components together (DESIGN.md "Layout"): the
// rounds and their standards, the store and its one committer, the push and pull services for
// tablets, the review service for commune staff, the publisher with the published list, the
// users, tablets and tokens with the authenticator of every call, and the audit log with
// AdminService's view of it. It owns them and nothing else: every call is a component's.
//
// Thread-safety: the components are thread-safe as their headers say; the Engine itself is
// immutable once open. Destroying it stops the publisher first, then closes the store.
#pragma once

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "sync/audit/audit_log.h"
#include "sync/audit/audit_service.h"
#include "sync/engine_options.h"
#include "sync/identity/authenticator.h"
#include "sync/identity/identity_service.h"
#include "sync/outbox/published_listing.h"
#include "sync/outbox/publisher.h"
#include "sync/pull/pull_service.h"
#include "sync/push/push_service.h"
#include "sync/review/report_service.h"
#include "sync/review/review_service.h"
#include "sync/rules/rounds.h"
#include "sync/store/committer.h"
#include "sync/store/store.h"

namespace rasoat {

class Engine {
 public:
  // Validates `options`, loads the rounds' standards, opens the store in options.data_dir and
  // the program store, and starts the publisher. INVALID_ARGUMENT for a bad option or standard
  // file; NOT_FOUND for a missing standard; FAILED_PRECONDITION if another process holds the
  // data directory; DATA_LOSS, UNAVAILABLE or INTERNAL if a store cannot be opened.
  static absl::StatusOr<std::unique_ptr<Engine>> Open(EngineOptions options);
  ~Engine();

  PushService& push() { return *push_; }
  const PullService& pull() const { return *pull_; }
  ReviewService& review() { return *review_; }
  const ReportService& reports() const { return *reports_; }
  Publisher& publisher() { return *publisher_; }
  const Publisher& publisher() const { return *publisher_; }
  const PublishedListing& published() const { return *published_; }
  identity::IdentityService& identity() { return *identity_; }
  audit::AuditLog& audit() { return *audit_; }
  audit::AuditService& audit_service() { return *audit_service_; }
  const identity::Authenticator& authenticator() const { return *authenticator_; }

  const EngineOptions& options() const { return options_; }
  // The store, for statistics and reads; every write goes through the committer.
  const Store& store() const { return *store_; }
  // Whether the store can write now; rasoatd's health check listens to it.
  WriteHealth& write_health() const { return store_->write_health(); }
  // Every change with seq <= this is durable and visible to pulls.
  uint64_t committed_seq() const { return committer_->committed_seq(); }

 private:
  Engine(EngineOptions options, rules::Rounds rounds);

  const EngineOptions options_;
  const rules::Rounds rounds_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Committer> committer_;
  // Before anything that commits: woken by commits, it seals their audit entries.
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<PushService> push_;
  std::unique_ptr<PullService> pull_;
  std::unique_ptr<ReviewService> review_;
  std::unique_ptr<ReportService> reports_;
  std::unique_ptr<PublishedListing> published_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<identity::Authenticator> authenticator_;
  std::unique_ptr<audit::AuditService> audit_service_;
  // Declared last: stops before what it uses goes away.
  std::unique_ptr<Publisher> publisher_;
};

}  // namespace rasoat
