#include "sync/pull_session.h"

#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "sync/keys.h"
#include "sync/pull_cursor.h"
#include "sync/status_macros.h"
#include "sync/version_value.h"

namespace rasoat {

// One village's change entries in (start, committed], in seq order.
struct PullSession::Stream {
  std::string commune;
  std::string village;
  bool commune_wide = false;
  uint64_t start = 0;
  std::string upper_bound;
  rocksdb::Slice upper_bound_slice;
  rocksdb::ReadOptions read;
  std::unique_ptr<rocksdb::Iterator> it;
};

namespace {
constexpr auto kHeapOrder = std::greater<std::pair<uint64_t, size_t>>();
}  // namespace

PullSession::PullSession(const Store* store, const SyncOptions& options, uint64_t committed)
    : store_(store),
      options_(options),
      committed_(committed),
      snapshot_(store->db()->GetSnapshot()) {
  read_.snapshot = snapshot_;
}

PullSession::~PullSession() {
  streams_.clear();  // iterators before the snapshot they read
  store_->db()->ReleaseSnapshot(snapshot_);
}

absl::StatusOr<std::unique_ptr<PullSession>> PullSession::Start(const Store* store,
                                                                const SyncOptions& options,
                                                                const v1::PullRequest& request,
                                                                store::PullCursor cursor,
                                                                uint64_t committed) {
  std::unique_ptr<PullSession> session(new PullSession(store, options, committed));
  session->round_id_ = request.round_id();
  session->old_cursor_ = std::move(cursor);
  session->page_households_ =
      request.page_size() == 0 ? options.default_page_households
                               : std::min<size_t>(request.page_size(), options.max_page_households);

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
  std::make_heap(session->heap_.begin(), session->heap_.end(), kHeapOrder);
  return session;
}

absl::Status PullSession::AddCommune(const std::string& commune) {
  // Skip-scan the commune's change entries: one seek per village.
  const std::string prefix = ChangeCommunePrefixOf(round_id_, commune);
  std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(read_, store_->changes()));
  std::vector<std::string> villages;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);) {
    std::optional<std::string_view> village =
        VillageOfChangeKey(it->key().ToStringView(), prefix.size());
    if (!village.has_value()) return absl::DataLossError("change key: malformed");
    villages.emplace_back(*village);
    it->Seek(ChangePrefixOf(round_id_, commune, *village) + std::string(9, '\xff'));
  }
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "list villages"));
  for (const std::string& village : villages) {
    RETURN_IF_ERROR(AddStream(commune, village, true));
  }
  return absl::OkStatus();
}

absl::Status PullSession::AddStream(const std::string& commune, const std::string& village,
                                    bool commune_wide) {
  auto stream = std::make_unique<Stream>();
  stream->commune = commune;
  stream->village = village;
  stream->commune_wide = commune_wide;
  stream->start = PositionOf(old_cursor_, commune, village);
  stream->upper_bound = ChangeKeyOf(round_id_, commune, village, committed_ + 1);
  stream->upper_bound_slice = stream->upper_bound;
  stream->read = read_;
  stream->read.iterate_upper_bound = &stream->upper_bound_slice;
  stream->it.reset(store_->db()->NewIterator(stream->read, store_->changes()));
  stream->it->Seek(ChangeKeyOf(round_id_, commune, village, stream->start + 1));
  RETURN_IF_ERROR(FromRocksStatus(stream->it->status(), "read changes"));
  if (stream->it->Valid()) {
    heap_.emplace_back(SeqOfChangeKey(stream->it->key().ToStringView()), streams_.size());
  }
  streams_.push_back(std::move(stream));
  return absl::OkStatus();
}

absl::Status PullSession::AppendHousehold(std::string_view household_id, v1::PullResponse* page,
                                          size_t* page_bytes) {
  value_.Reset();
  RETURN_IF_ERROR(
      FromRocksStatus(store_->db()->Get(read_, store_->households(),
                                        HouseholdKeyOf(round_id_, household_id), &value_),
                      "read head"));
  if (!head_.ParseFromArray(value_.data(), static_cast<int>(value_.size()))) {
    return absl::DataLossError("household head: corrupt");
  }

  v1::HouseholdState* state = page->add_households();
  state->mutable_key()->set_round_id(round_id_);
  state->mutable_key()->set_household_id(household_id.data(), household_id.size());
  state->set_version(head_.current_version());
  state->set_status(head_.status());
  state->set_reviewer_comment(head_.reviewer_comment());
  *state->mutable_conflicts() = head_.conflicts();

  value_.Reset();
  RETURN_IF_ERROR(FromRocksStatus(
      store_->db()->Get(read_, store_->versions(),
                        VersionKeyOf(round_id_, household_id, head_.current_version()), &value_),
      "read version"));
  RETURN_IF_ERROR(DecodeVersionValue(value_.ToStringView(), nullptr, state->mutable_record()));
  *page_bytes += value_.size() + household_id.size() + 32;
  return absl::OkStatus();
}

absl::Status PullSession::NextPage(v1::PullResponse* page) {
  page->Clear();
  size_t page_bytes = 0;
  uint64_t through = 0;
  while (!heap_.empty() && static_cast<size_t>(page->households_size()) < page_households_ &&
         page_bytes < options_.max_page_bytes) {
    std::pop_heap(heap_.begin(), heap_.end(), kHeapOrder);
    const auto [seq, index] = heap_.back();
    heap_.pop_back();
    Stream& stream = *streams_[index];
    RETURN_IF_ERROR(AppendHousehold(stream.it->value().ToStringView(), page, &page_bytes));
    through = seq;
    stream.it->Next();
    if (stream.it->Valid()) {
      heap_.emplace_back(SeqOfChangeKey(stream.it->key().ToStringView()), index);
      std::push_heap(heap_.begin(), heap_.end(), kHeapOrder);
    } else {
      RETURN_IF_ERROR(FromRocksStatus(stream.it->status(), "read changes"));
    }
  }
  if (heap_.empty()) {
    through = committed_;
    done_ = true;
    page->set_caught_up(true);
  }
  WriteCursor(through, page);
  return absl::OkStatus();
}

void PullSession::WriteCursor(uint64_t through_seq, v1::PullResponse* page) const {
  // Every stream has delivered all its changes <= max(its start, through_seq).
  store::PullCursor cursor;
  cursor.set_format(kPullCursorFormat);
  cursor.set_round_id(round_id_);
  for (const std::string& commune : whole_communes_) {
    auto* position = cursor.add_positions();
    position->set_commune_code(commune);
    position->set_seq(std::max(PositionOf(old_cursor_, commune, ""), through_seq));
  }
  for (const std::unique_ptr<Stream>& stream : streams_) {
    const uint64_t seq = std::max(stream->start, through_seq);
    if (stream->commune_wide &&
        seq == std::max(PositionOf(old_cursor_, stream->commune, ""), through_seq)) {
      continue;  // the commune's position says the same
    }
    auto* position = cursor.add_positions();
    position->set_commune_code(stream->commune);
    position->set_village_code(stream->village);
    position->set_seq(seq);
  }
  page->set_cursor(EncodePullCursor(cursor));
}

}  // namespace rasoat
