#include "sync/engine.h"

#include <utility>

#include "sync/base/status_macros.h"
#include "sync/publish/program_store.h"

namespace rasoat {

Engine::Engine(EngineOptions options, rules::Rounds rounds)
    : options_(std::move(options)), rounds_(std::move(rounds)) {}

Engine::~Engine() = default;

absl::StatusOr<std::unique_ptr<Engine>> Engine::Open(EngineOptions options) {
  RETURN_IF_ERROR(options.Validate());
  ASSIGN_OR_RETURN(rules::Rounds rounds, rules::Rounds::Load(options.rounds));
  std::unique_ptr<Engine> engine(new Engine(std::move(options), std::move(rounds)));
  const EngineOptions& opts = engine->options_;

  StoreOptions store_options = opts.store;
  store_options.path = opts.data_dir;
  store_options.read_only = false;
  ASSIGN_OR_RETURN(engine->store_, Store::Open(store_options));
  // Commits that enqueue publish events wake the publisher, which is started below, before
  // anything can commit.
  Engine* raw = engine.get();
  ASSIGN_OR_RETURN(engine->committer_, Committer::Open(
                                           engine->store_.get(),
                                           [raw](uint64_t added) { raw->publisher_->Wake(added); },
                                           [raw] { raw->audit_->Wake(); }));
  ASSIGN_OR_RETURN(engine->audit_,
                   audit::AuditLog::Open(engine->store_.get(), engine->committer_.get()));
  ASSIGN_OR_RETURN(std::unique_ptr<publish::ProgramStore> program_store,
                   publish::OpenProgramStore(opts.program_store, opts.data_dir));

  const Store* store = engine->store_.get();
  Committer* committer = engine->committer_.get();
  const rules::Rounds* rounds_loaded = &engine->rounds_;
  engine->push_ = std::make_unique<PushService>(store, committer, rounds_loaded, opts.push);
  engine->pull_ = std::make_unique<PullService>(store, committer, rounds_loaded,
                                                engine->audit_.get(), opts.pull);
  engine->review_ =
      std::make_unique<ReviewService>(store, committer, rounds_loaded, engine->audit_.get());
  engine->reports_ = std::make_unique<ReportService>(store, rounds_loaded, engine->audit_.get());
  engine->published_ = std::make_unique<PublishedListing>(rounds_loaded, engine->audit_.get(),
                                                          opts.program_store, opts.data_dir);
  engine->identity_ = std::make_unique<identity::IdentityService>(committer, store, opts.identity);
  engine->authenticator_ = std::make_unique<identity::Authenticator>(store);
  engine->audit_service_ = std::make_unique<audit::AuditService>(engine->audit_.get(), store);
  engine->publisher_ =
      std::make_unique<Publisher>(store, committer, std::move(program_store), opts.publisher);
  RETURN_IF_ERROR(engine->publisher_->Start());
  return engine;
}

}  // namespace rasoat
