#include "sync/pull/pull_session.h"

#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "sync/base/status_macros.h"
#include "sync/pull/pull_cursor.h"

namespace rasoat {
namespace {

constexpr auto kHeapOrder = std::greater<std::pair<uint64_t, size_t>>();

// What a page entry adds to the encoded response besides its variable-length parts, at most:
// the entry's own tag and length, its key's, and for a household the version, status, record,
// comment and each conflict's tag and length.
constexpr size_t kHouseholdFraming = 48;
constexpr size_t kConflictFraming = 6;
constexpr size_t kRemovalFraming = 24;

}  // namespace

PullSession::PullSession(const Store* store, const PullOptions& options,
                         const v1::PullRequest& request, store::PullCursor cursor,
                         const CursorIdentity& issuer, uint64_t committed)
    : store_(store),
      committed_(committed),
      round_id_(request.round_id()),
      page_entries_(request.page_size() == 0
                        ? options.default_page_households
                        : std::min<size_t>(request.page_size(), options.max_page_households)),
      max_page_bytes_(options.max_page_bytes),
      old_cursor_(std::move(cursor)),
      issuer_(issuer),
      snapshot_(*store),
      reader_(*store, snapshot_) {}

absl::StatusOr<std::unique_ptr<PullSession>> PullSession::Start(
    const Store* store, const PullOptions& options, const v1::PullRequest& request,
    store::PullCursor cursor, const CursorIdentity& issuer, uint64_t committed,
    const std::vector<std::pair<std::string, std::string>>& revoked) {
  std::unique_ptr<PullSession> session(
      new PullSession(store, options, request, std::move(cursor), issuer, committed));
  // A commune-wide scope covers that commune's village scopes.
  absl::flat_hash_set<std::string> whole_communes;
  for (const v1::Scope& scope : request.scopes()) {
    if (scope.village_code().empty() && whole_communes.insert(scope.commune_code()).second) {
      session->whole_communes_.push_back(scope.commune_code());
    }
  }
  absl::flat_hash_set<std::pair<std::string, std::string>> seen;
  for (const v1::Scope& scope : request.scopes()) {
    if (!seen.insert({scope.commune_code(), scope.village_code()}).second) continue;
    if (scope.village_code().empty()) {
      RETURN_IF_ERROR(session->AddCommune(scope.commune_code()));
    } else if (!whole_communes.contains(scope.commune_code())) {
      RETURN_IF_ERROR(session->AddStream(scope.commune_code(), scope.village_code(), false));
    }
  }
  for (const auto& village : revoked) {
    RETURN_IF_ERROR(session->AddStream(village.first, village.second, false, /*revoked=*/true));
  }
  std::make_heap(session->heap_.begin(), session->heap_.end(), kHeapOrder);
  return session;
}

absl::Status PullSession::AddCommune(const std::string& commune) {
  ASSIGN_OR_RETURN(const std::vector<std::string> villages,
                   ListVillages(*store_, snapshot_, round_id_, commune));
  for (const std::string& village : villages) {
    RETURN_IF_ERROR(AddStream(commune, village, true));
  }
  return absl::OkStatus();
}

absl::Status PullSession::AddStream(const std::string& commune, const std::string& village,
                                    bool commune_wide, bool revoked) {
  Stream& stream = streams_.emplace_back();
  stream.commune = commune;
  stream.village = village;
  stream.commune_wide = commune_wide;
  stream.revoked = revoked;
  // A revoked village is read from its beginning: what is in it now is what the tablet holds.
  stream.start = revoked ? 0 : PositionOf(old_cursor_, commune, village);
  stream.changes = std::make_unique<ChangeStream>(*store_, snapshot_, round_id_, commune, village,
                                                  stream.start, committed_);
  RETURN_IF_ERROR(stream.changes->status());
  if (stream.changes->Valid()) heap_.emplace_back(stream.changes->seq(), streams_.size() - 1);
  return absl::OkStatus();
}

bool PullSession::InScope(std::string_view commune, std::string_view village) const {
  for (const std::string& whole : whole_communes_) {
    if (whole == commune) return true;
  }
  for (const Stream& stream : streams_) {
    if (!stream.commune_wide && !stream.revoked && stream.commune == commune &&
        stream.village == village) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<size_t> PullSession::AppendHousehold(std::string_view household_id,
                                                    pull::PullPage* page) {
  RETURN_IF_ERROR(reader_.ReadHead(round_id_, household_id, &head_));
  pull::StoredHouseholdState* state = page->add_households();
  absl::StatusOr<size_t> value_bytes = reader_.ReadRecordBytes(
      round_id_, household_id, head_.current_version(), state->mutable_record());
  if (!value_bytes.ok()) {
    page->mutable_households()->RemoveLast();
    return value_bytes.status();
  }
  state->mutable_key()->set_round_id(round_id_);
  state->mutable_key()->set_household_id(household_id.data(), household_id.size());
  state->set_version(head_.current_version());
  state->set_status(head_.status());
  state->set_procedure_step(head_.procedure_step());
  // Moved, not copied: head_ is parsed afresh for the next household.
  state->mutable_reviewer_comment()->swap(*head_.mutable_reviewer_comment());
  state->mutable_conflicts()->Swap(head_.mutable_conflicts());
  // The stored value holds the record and more (its meta), so it bounds the record's size.
  size_t bytes = *value_bytes + state->reviewer_comment().size() + round_id_.size() +
                 household_id.size() + kHouseholdFraming;
  for (const v1::FieldConflict& conflict : state->conflicts()) {
    bytes += conflict.ByteSizeLong() + kConflictFraming;
  }
  return bytes;
}

absl::StatusOr<size_t> PullSession::AppendRemoval(std::string_view household_id,
                                                  v1::RemovalReason reason, pull::PullPage* page) {
  // A household that left one village of the scopes for another of them is still in scope: its
  // live entry sends it, at a later seq, or has sent it already.
  RETURN_IF_ERROR(reader_.ReadHead(round_id_, household_id, &head_));
  if (InScope(head_.commune_code(), head_.village_code())) return 0;
  if (!removed_.emplace(household_id).second) return 0;
  v1::HouseholdRemoval* removal = page->add_removals();
  removal->mutable_key()->set_round_id(round_id_);
  removal->mutable_key()->set_household_id(household_id.data(), household_id.size());
  removal->set_reason(reason);
  return round_id_.size() + household_id.size() + kRemovalFraming;
}

absl::Status PullSession::NextPage(pull::PullPage* page) {
  StartPage(page);
  return FillPage(page, /*memory_only=*/false).status();
}

absl::StatusOr<bool> PullSession::NextPageFromMemory(pull::PullPage* page) {
  StartPage(page);
  return FillPage(page, /*memory_only=*/true);
}

absl::Status PullSession::FinishPage(pull::PullPage* page) {
  return FillPage(page, /*memory_only=*/false).status();
}

void PullSession::StartPage(pull::PullPage* page) {
  page->Clear();
  page_entry_count_ = 0;
  page_bytes_ = 0;
  page_through_ = 0;
}

absl::StatusOr<bool> PullSession::FillPage(pull::PullPage* page, bool memory_only) {
  reader_.set_memory_only(memory_only);
  while (!heap_.empty() && page_entry_count_ < page_entries_ && page_bytes_ < max_page_bytes_) {
    const auto [seq, index] = heap_.front();
    ChangeStream& changes = *streams_[index].changes;
    const bool removal = changes.is_removal() || streams_[index].revoked;
    absl::StatusOr<size_t> bytes =
        !removal ? AppendHousehold(changes.household_id(), page)
        : streams_[index].revoked
            ? AppendRemoval(changes.household_id(), v1::REMOVAL_REASON_SCOPE_REVOKED, page)
            : AppendRemoval(changes.household_id(), changes.removal_reason(), page);
    if (!bytes.ok()) {
      if (memory_only && IsNotInMemory(bytes.status())) return false;
      return bytes.status();
    }
    if (!removal && page_entry_count_ > 0 && page_bytes_ + *bytes > max_page_bytes_) {
      // It would take the page past its budget: it starts the next one instead.
      page->mutable_households()->RemoveLast();
      break;
    }
    page_entry_count_ += *bytes > 0;
    page_bytes_ += *bytes;
    page_through_ = seq;
    std::pop_heap(heap_.begin(), heap_.end(), kHeapOrder);
    heap_.pop_back();
    changes.Next();
    if (changes.Valid()) {
      heap_.emplace_back(changes.seq(), index);
      std::push_heap(heap_.begin(), heap_.end(), kHeapOrder);
    } else {
      RETURN_IF_ERROR(changes.status());
    }
  }
  if (heap_.empty()) {
    page_through_ = committed_;
    done_ = true;
    page->set_caught_up(true);
  }
  WriteCursor(page_through_, page);
  return true;
}

void PullSession::WriteCursor(uint64_t through_seq, pull::PullPage* page) const {
  // Every stream has delivered all its changes <= max(its start, through_seq).
  store::PullCursor cursor;
  cursor.set_round_id(round_id_);
  for (const std::string& commune : whole_communes_) {
    auto* position = cursor.add_positions();
    position->set_commune_code(commune);
    position->set_seq(std::max(PositionOf(old_cursor_, commune, ""), through_seq));
  }
  for (const Stream& stream : streams_) {
    if (stream.revoked) {
      // Kept, as it was, until every removal of the village has gone; then dropped.
      if (!stream.changes->Valid()) continue;
      auto* position = cursor.add_positions();
      position->set_commune_code(stream.commune);
      position->set_village_code(stream.village);
      position->set_seq(PositionOf(old_cursor_, stream.commune, stream.village));
      continue;
    }
    const uint64_t seq = std::max(stream.start, through_seq);
    if (stream.commune_wide &&
        seq == std::max(PositionOf(old_cursor_, stream.commune, ""), through_seq)) {
      continue;  // the commune's position says the same
    }
    auto* position = cursor.add_positions();
    position->set_commune_code(stream.commune);
    position->set_village_code(stream.village);
    position->set_seq(seq);
  }
  page->set_cursor(EncodePullCursor(issuer_, &cursor));
}

}  // namespace rasoat
