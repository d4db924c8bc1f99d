#include "sync/sync_engine.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "sync/change_entry.h"
#include "sync/keys.h"
#include "sync/mutation_check.h"
#include "sync/pull_cursor.h"
#include "sync/push_applier.h"
#include "sync/rules/standard_catalog.h"
#include "sync/status_macros.h"
#include "sync/version_value.h"

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

SyncEngine::SyncEngine(SyncOptions options, RoundStandards standards, std::unique_ptr<Store> store,
                       uint64_t last_seq)
    : options_(std::move(options)),
      rounds_(options_.rounds.begin(), options_.rounds.end()),
      standards_(std::move(standards)),
      store_(std::move(store)),
      watermark_(last_seq) {}

absl::StatusOr<std::unique_ptr<SyncEngine>> SyncEngine::Open(SyncOptions options) {
  RETURN_IF_ERROR(options.Validate());
  RoundStandards standards;
  for (const std::string& round : options.rounds) {
    auto named = options.round_standards.find(round);
    const std::string& name =
        named == options.round_standards.end() ? options.default_standard : named->second;
    absl::StatusOr<v1::PovertyStandard> standard =
        rules::LoadStandardNamed(options.standards_dir, name);
    if (!standard.ok()) {
      return absl::Status(standard.status().code(),
                          absl::StrCat("round ", round, ": ", standard.status().message()));
    }
    RoundStandard& loaded = standards[round];
    loaded.digest = rules::StandardDigest(*standard);
    loaded.standard = *std::move(standard);
  }
  StoreOptions store_options;
  store_options.path = options.data_dir;
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(store_options));
  ASSIGN_OR_RETURN(uint64_t last_seq, store->ReadCounter(kMetaLastSeq));
  ASSIGN_OR_RETURN(std::unique_ptr<publish::ProgramStore> program_store,
                   publish::OpenProgramStore(options.program_store, options.data_dir));
  const PublisherOptions publisher_options = options.publisher;
  auto engine = std::unique_ptr<SyncEngine>(
      new SyncEngine(std::move(options), std::move(standards), std::move(store), last_seq));
  engine->publisher_ = std::make_unique<Publisher>(engine->store_.get(), &engine->locks_,
                                                   std::move(program_store), publisher_options);
  RETURN_IF_ERROR(engine->publisher_->Start());
  return engine;
}

absl::Status SyncEngine::Push(const v1::PushRequest& request, v1::PushResponse* response) {
  if (request.device_id().empty() || request.device_id().size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("device_id: required, at most ", kMaxIdBytes, " bytes"));
  }
  const int count = request.mutations_size();
  if (static_cast<size_t>(count) > options_.max_batch_mutations) {
    return absl::InvalidArgumentError(
        absl::StrCat("mutations: ", count, " in one push; the limit is ",
                     options_.max_batch_mutations, ", split the batch"));
  }

  response->Clear();
  response->mutable_results()->Reserve(count);
  std::vector<int> accepted;
  std::vector<uint32_t> stripes;
  accepted.reserve(count);
  stripes.reserve(count);
  for (int i = 0; i < count; ++i) {
    const v1::Mutation& mutation = request.mutations(i);
    v1::MutationResult* result = response->add_results();
    if (std::optional<v1::Rejection> rejection = CheckMutation(mutation, i, rounds_, options_)) {
      result->set_mutation_id(mutation.mutation_id());
      *result->mutable_key() = mutation.key();
      result->set_outcome(v1::MUTATION_OUTCOME_REJECTED);
      *result->mutable_rejection() = std::move(*rejection);
      continue;
    }
    accepted.push_back(i);
    stripes.push_back(
        locks_.StripeOf(HouseholdKeyOf(mutation.key().round_id(), mutation.key().household_id())));
  }
  if (accepted.empty()) return absl::OkStatus();

  HouseholdLocks::Held held = locks_.Lock(std::move(stripes));
  PushApplier applier(store_.get(), &standards_, request.device_id(),
                      absl::ToUnixMicros(absl::Now()));
  for (int i : accepted) {
    absl::StatusOr<v1::MutationResult> result = applier.Apply(request.mutations(i));
    if (!result.ok()) {
      response->Clear();
      return result.status();
    }
    *response->mutable_results(i) = std::move(*result);
  }
  const uint64_t changed = applier.changed_households();
  if (changed == 0) return absl::OkStatus();  // every mutation was a duplicate

  const uint64_t first_seq = watermark_.Reserve(changed);
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  rocksdb::Status status = store_->db()->Write(write_options, applier.Finish(first_seq));
  if (!status.ok()) {
    watermark_.Abandon(first_seq);
    response->Clear();
    return FromRocksStatus(status, "write push batch");
  }
  watermark_.Finish(first_seq);
  return absl::OkStatus();
}

absl::Status SyncEngine::CheckHouseholdKey(const v1::HouseholdKey& key) const {
  std::vector<std::string> problems;
  if (!rounds_.contains(key.round_id())) {
    problems.push_back(absl::StrCat("key.round_id: unknown round '", key.round_id(),
                                    "'; this server accepts ",
                                    absl::StrJoin(options_.rounds, ", ")));
  }
  if (key.household_id().empty() || key.household_id().size() > kMaxIdBytes) {
    problems.push_back(absl::StrCat("key.household_id: required, at most ", kMaxIdBytes, " bytes"));
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
  return absl::OkStatus();
}

absl::Status SyncEngine::ReadVersion(const v1::HouseholdKey& key, uint64_t version,
                                     store::VersionMeta* meta, v1::Household* record) const {
  std::string value;
  rocksdb::Status status =
      store_->db()->Get(rocksdb::ReadOptions(), store_->versions(),
                        VersionKeyOf(key.round_id(), key.household_id(), version), &value);
  if (status.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("household ", key.household_id(), " has no version ", version));
  }
  RETURN_IF_ERROR(FromRocksStatus(status, "read version"));
  return DecodeVersionValue(value, meta, record);
}

absl::StatusOr<store::HouseholdHead> SyncEngine::ReadHead(
    const v1::HouseholdKey& key, const rocksdb::ReadOptions& read_options) const {
  std::string value;
  rocksdb::Status status =
      store_->db()->Get(read_options, store_->households(),
                        HouseholdKeyOf(key.round_id(), key.household_id()), &value);
  if (status.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("household ", key.household_id(), " of round ",
                                            key.round_id(), ": not found"));
  }
  RETURN_IF_ERROR(FromRocksStatus(status, "read household head"));
  store::HouseholdHead head;
  if (!head.ParseFromString(value)) return absl::DataLossError("household head: corrupt");
  return head;
}

absl::Status SyncEngine::CommitHouseholdChange(const v1::HouseholdKey& key,
                                               const ChangeLocation& old,
                                               store::HouseholdHead* head,
                                               rocksdb::WriteBatch* batch,
                                               const store::OutboxEntry* outbox) {
  const uint64_t seq = watermark_.Reserve(1);
  RefileChange(*store_, key.round_id(), key.household_id(), old, seq, head, batch);
  if (outbox != nullptr) {
    batch->Put(store_->outbox(), OutboxKeyOf(seq), outbox->SerializeAsString());
  }
  batch->Merge(store_->meta(), kMetaLastSeq, EncodeFixed64BE(seq));
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  rocksdb::Status status = store_->db()->Write(write_options, batch);
  if (!status.ok()) {
    watermark_.Abandon(seq);
    return FromRocksStatus(status, "write household change");
  }
  watermark_.Finish(seq);
  if (outbox != nullptr) publisher_->Wake(1);
  return absl::OkStatus();
}

absl::StatusOr<std::string> SyncEngine::CommuneListingPrefix(
    const std::string& round_id, const std::string& commune_code,
    const std::string& village_code) const {
  RETURN_IF_ERROR(CheckRound(round_id, "round_id"));
  if (commune_code.empty() || commune_code.size() > kMaxIdBytes ||
      village_code.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("commune_code: required; village_code: ", "optional; each at most ",
                     kMaxIdBytes, " bytes"));
  }
  return village_code.empty() ? ChangeCommunePrefixOf(round_id, commune_code)
                              : ChangePrefixOf(round_id, commune_code, village_code);
}

absl::Status SyncEngine::CheckRound(const std::string& round_id, const char* field) const {
  if (round_id.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  if (!rounds_.contains(round_id)) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": unknown round '", round_id,
                                                   "'; this server accepts ",
                                                   absl::StrJoin(options_.rounds, ", ")));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<PullSession>> SyncEngine::StartPull(const v1::PullRequest& request) {
  std::vector<std::string> problems;
  if (absl::Status round = CheckRound(request.round_id(), "round_id"); !round.ok()) {
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
  const uint64_t committed = watermark_.Committed();
  ASSIGN_OR_RETURN(store::PullCursor cursor,
                   DecodePullCursor(request.cursor(), request.round_id(), committed));
  return PullSession::Start(store_.get(), options_, request, std::move(cursor), committed);
}

}  // namespace rasoat
