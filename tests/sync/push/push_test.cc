// PushService against a real RocksDB through the engine: outcomes, versions, idempotency,
// per-mutation rejections, batch-level errors and durability across a reopen.
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "google/protobuf/util/message_differencer.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/engine.h"
#include "sync/store/store.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include <sys/resource.h>

namespace rasoat {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::ScopeOf;
using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kDevice[] = "tablet-A";
constexpr char kCommune[] = "00001";
constexpr char kVillage[] = "thon-1";

class PushTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    options_.push.max_batch_mutations = 4;
    options_.push.max_record_bytes = 4096;
    Open();
  }

  const PushOptions& Options() const { return options_.push; }
  void OpenEngine() { Open(); }

  v1::PushResponse PushOk(std::vector<v1::Mutation> mutations,
                          const std::string& device = kDevice) {
    return EngineTest::PushOk(std::move(mutations), device);
  }

  // Every household of kVillage from `cursor` on; the last page's cursor in *last_cursor.
  std::vector<v1::HouseholdState> PullAll(const std::string& cursor = "",
                                          std::string* last_cursor = nullptr) {
    testing::Drained drained = PullOk({ScopeOf(kCommune, kVillage)}, cursor);
    if (last_cursor != nullptr) *last_cursor = drained.cursor;
    return drained.households;
  }

  // The value stored in the versions family, read from a read-only Store on the engine's
  // directory after the engine is closed.
  void ReadStoredVersion(const std::string& household_id, uint64_t version,
                         store::VersionMeta* meta, v1::Household* record) {
    engine_.reset();
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                         Store::Open(StoreOptions{.path = options_.data_dir, .read_only = true}));
    ASSERT_OK(store->ReadVersion("2026", household_id, version, meta, record));
  }

  static v1::Household Edited(v1::Household record, const std::string& note) {
    record.set_collaborator_note(note);
    return record;
  }
};

TEST_F(PushTest, NewHouseholdIsAppliedAsVersionOne) {
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  ASSERT_THAT(response.results(), SizeIs(1));
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(result.version(), 1u);
  EXPECT_EQ(result.head_version(), 1u);
  EXPECT_EQ(result.mutation_id(), "m-1");
  EXPECT_EQ(result.key().round_id(), "2026");
  EXPECT_EQ(result.key().household_id(), "hh-1");
  EXPECT_GE(engine_->committed_seq(), 1u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 1u);
  EXPECT_EQ(pulled[0].status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_TRUE(MessageDifferencer::Equals(pulled[0].record(), MakeHousehold(1, kCommune, kVillage)));
}

TEST_F(PushTest, PushOnHeadIsAppliedAsTheNextVersion) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "second visit"))});
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(result.version(), 2u);
  EXPECT_EQ(result.head_version(), 2u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 2u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "second visit");
}

TEST_F(PushTest, ReplayedMutationIsADuplicateAndWritesNothing) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::PushResponse original =
      PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "second visit"))});
  const uint64_t committed = engine_->committed_seq();

  // The tablet lost the response and pushes the same mutation again.
  const v1::PushResponse replay =
      PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "second visit"))});
  const v1::MutationResult& result = replay.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(result.original_outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(result.version(), original.results(0).version());
  EXPECT_EQ(result.version(), 2u);
  EXPECT_EQ(result.head_version(), 2u);
  EXPECT_EQ(result.mutation_id(), "m-2");

  EXPECT_EQ(engine_->committed_seq(), committed);
  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 2u);
}

TEST_F(PushTest, ReplayWithAChangedRecordIsStillTheOriginalResult) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const uint64_t committed = engine_->committed_seq();
  const v1::PushResponse replay =
      PushOk({MakeMutation("hh-1", "m-1", 0, Edited(record, "not the original"))});
  EXPECT_EQ(replay.results(0).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(replay.results(0).version(), 1u);
  EXPECT_EQ(engine_->committed_seq(), committed);
  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 1u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "");
}

TEST_F(PushTest, SameMutationIdFromAnotherDeviceIsNotADuplicate) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)}, "tablet-A");
  const v1::PushResponse other =
      PushOk({MakeMutation("hh-1", "m-1", 1, Edited(record, "from B"))}, "tablet-B");
  EXPECT_EQ(other.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(other.results(0).version(), 2u);
}

TEST_F(PushTest, SameMutationIdTwiceInOneBatchMakesTheSecondADuplicate) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, record), MakeMutation("hh-1", "m-1", 0, record)});
  ASSERT_THAT(response.results(), SizeIs(2));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(0).version(), 1u);
  EXPECT_EQ(response.results(1).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(response.results(1).original_outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(1).version(), 1u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 1u);
}

TEST_F(PushTest, TwoEditsOfOneHouseholdInOneBatchChainTheirVersions) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, record),
              MakeMutation("hh-1", "m-2", 1, Edited(record, "same batch"))});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(0).version(), 1u);
  EXPECT_EQ(response.results(1).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(1).version(), 2u);
  EXPECT_EQ(response.results(1).head_version(), 2u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 2u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "same batch");
}

TEST_F(PushTest, StaleBaseEditingTheSameFieldIsAConflictKeepingTheHeadsValue) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)}, "tablet-A");
  PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "A's edit"))}, "tablet-A");

  // Tablet B edited version 1 too, not knowing about version 2.
  const v1::Household incoming = Edited(record, "B's edit");
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "b-1", 1, incoming)}, "tablet-B");
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_CONFLICT);
  EXPECT_EQ(result.version(), 3u);
  EXPECT_EQ(result.head_version(), 3u);
  ASSERT_THAT(result.conflicts(), SizeIs(1));
  EXPECT_EQ(result.conflicts(0).path(), "collaborator_note");
  // Text format: the quote is escaped.
  EXPECT_EQ(result.conflicts(0).head_value(), "\"A\\'s edit\"");
  EXPECT_EQ(result.conflicts(0).incoming_value(), "\"B\\'s edit\"");

  // Version 3 keeps A's value and the household is in conflict.
  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 3u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "A's edit");
  EXPECT_EQ(pulled[0].status(), v1::REVIEW_STATUS_CONFLICT);
  ASSERT_THAT(pulled[0].conflicts(), SizeIs(1));
  EXPECT_EQ(pulled[0].conflicts(0).incoming_device_id(), "tablet-B");

  store::VersionMeta meta;
  v1::Household stored;
  ReadStoredVersion("hh-1", 3, &meta, &stored);
  EXPECT_EQ(stored.collaborator_note(), "A's edit");
  EXPECT_THAT(meta.conflicts(), SizeIs(1));
  EXPECT_EQ(meta.parent_version(), 2u);
  EXPECT_EQ(meta.base_version(), 1u);
  EXPECT_EQ(meta.device_id(), "tablet-B");
  EXPECT_EQ(meta.mutation_id(), "b-1");
}

TEST_F(PushTest, APushOnTheHeadThatResolvesConflictsClearsThem) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)}, "tablet-A");
  PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "A's edit"))}, "tablet-A");
  PushOk({MakeMutation("hh-1", "b-1", 1, Edited(record, "B's edit"))}, "tablet-B");

  // A plain push on the head leaves the conflict open.
  PushOk({MakeMutation("hh-1", "b-2", 3, Edited(record, "A's edit"))}, "tablet-B");
  EXPECT_EQ(PullAll()[0].status(), v1::REVIEW_STATUS_CONFLICT);

  v1::Mutation resolution = MakeMutation("hh-1", "b-3", 4, Edited(record, "B's edit"));
  resolution.set_resolves_conflicts(true);
  PushOk({resolution}, "tablet-B");
  const std::vector<v1::HouseholdState> pulled = PullAll();
  EXPECT_EQ(pulled[0].version(), 5u);
  EXPECT_EQ(pulled[0].status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_THAT(pulled[0].conflicts(), SizeIs(0));
  EXPECT_EQ(pulled[0].record().collaborator_note(), "B's edit");
}

TEST_F(PushTest, AStaleRecordThatCannotBeMergedIsRejectedAndChangesNothing) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "head"))});
  const uint64_t committed = engine_->committed_seq();
  v1::Household broken = record;
  *broken.add_members() = record.members(0);  // two members with one member_id
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "m-3", 1, broken)});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(response.results(0).rejection().code(),
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(response.results(0).rejection().message(), ::testing::HasSubstr("members"));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_EQ(PullAll()[0].version(), 2u);
}

TEST_F(PushTest, AStaleEditInTheSameBatchMergesAgainstVersionsTheBatchWrote) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  v1::Household floor = record;
  floor.mutable_housing()->set_floor_area_m2(55);
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, record),
              MakeMutation("hh-1", "m-2", 1, Edited(record, "note")),
              MakeMutation("hh-1", "m-3", 1, floor)});  // stale: edited from version 1
  EXPECT_EQ(response.results(2).outcome(), v1::MUTATION_OUTCOME_MERGED);
  EXPECT_EQ(response.results(2).version(), 3u);
  const v1::HouseholdState state = PullAll()[0];
  EXPECT_EQ(state.record().collaborator_note(), "note");
  EXPECT_EQ(state.record().housing().floor_area_m2(), 55);
}

TEST_F(PushTest, AppliedVersionsAreStoredWithTheirAuthorAndParent) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::Household edited = Edited(record, "second visit");
  PushOk({MakeMutation("hh-1", "m-2", 1, edited)});

  store::VersionMeta meta;
  v1::Household stored;
  ReadStoredVersion("hh-1", 2, &meta, &stored);
  EXPECT_TRUE(MessageDifferencer::Equals(stored, edited));
  EXPECT_THAT(meta.conflicts(), SizeIs(0));
  EXPECT_EQ(meta.parent_version(), 1u);
  EXPECT_EQ(meta.device_id(), kDevice);
  EXPECT_EQ(meta.mutation_id(), "m-2");
  EXPECT_GT(meta.committed_at_micros(), 0);
}

TEST_F(PushTest, OneInvalidMutationIsRejectedAndTheOthersApply) {
  v1::Mutation invalid = MakeMutation("", "m-2", 0, MakeHousehold(2, kCommune, kVillage));
  const v1::PushResponse response = PushOk(
      {MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage)), std::move(invalid),
       MakeMutation("hh-3", "m-3", 0, MakeHousehold(3, kCommune, kVillage))});
  ASSERT_THAT(response.results(), SizeIs(3));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(2).outcome(), v1::MUTATION_OUTCOME_APPLIED);

  const v1::MutationResult& rejected = response.results(1);
  EXPECT_EQ(rejected.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(rejected.mutation_id(), "m-2");
  EXPECT_EQ(rejected.version(), 0u);
  EXPECT_EQ(rejected.rejection().code(), 3);
  ASSERT_THAT(rejected.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(rejected.rejection().field_violations(0).field(), "mutations[1].key.household_id");

  std::vector<std::string> ids;
  for (const v1::HouseholdState& state : PullAll()) ids.push_back(state.key().household_id());
  EXPECT_THAT(ids, ::testing::UnorderedElementsAre("hh-1", "hh-3"));
}

TEST_F(PushTest, RejectedMutationIsNotRememberedAsApplied) {
  // A rejected mutation wrote nothing, so the corrected retry with the same id applies.
  v1::Mutation unknown_round = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  unknown_round.mutable_key()->set_round_id("1999");
  EXPECT_EQ(PushOk({unknown_round}).results(0).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  const v1::PushResponse retry =
      PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  EXPECT_EQ(retry.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(retry.results(0).version(), 1u);
}

TEST_F(PushTest, UnknownRoundIsRejectedNamingTheRound) {
  v1::Mutation mutation = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  mutation.mutable_key()->set_round_id("2025");
  const uint64_t committed = engine_->committed_seq();
  const v1::PushResponse response = PushOk({mutation});
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection().code(), 3);
  ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(result.rejection().field_violations(0).field(), "mutations[0].key.round_id");
  EXPECT_THAT(result.rejection().field_violations(0).description(), HasSubstr("2025"));
  EXPECT_EQ(engine_->committed_seq(), committed);
}

TEST_F(PushTest, OversizedRecordIsRejectedNamingTheRecord) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  record.set_collaborator_note(std::string(Options().max_record_bytes + 1, 'x'));
  ASSERT_GT(record.ByteSizeLong(), Options().max_record_bytes);
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection().code(), 3);
  ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(result.rejection().field_violations(0).field(), "mutations[0].record");
  EXPECT_TRUE(PullAll().empty());
}

TEST_F(PushTest, RecordOfExactlyTheLimitIsAccepted) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const size_t base = record.ByteSizeLong();
  // A note of n bytes (n >= 128) costs n + 3 bytes: tag, two-byte length, bytes.
  record.set_collaborator_note(std::string(Options().max_record_bytes - base - 3, 'x'));
  ASSERT_EQ(record.ByteSizeLong(), Options().max_record_bytes);
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
}

TEST_F(PushTest, BatchOverTheLimitFailsWholeAndWritesNothing) {
  v1::PushRequest request;
  request.set_device_id(kDevice);
  for (size_t i = 0; i <= Options().max_batch_mutations; ++i) {
    *request.add_mutations() = MakeMutation("hh-" + std::to_string(i), "m-" + std::to_string(i), 0,
                                            MakeHousehold(i, kCommune, kVillage));
  }
  const uint64_t committed = engine_->committed_seq();
  v1::PushResponse response;
  EXPECT_THAT(engine_->push().Push(request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mutations")));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_TRUE(PullAll().empty());

  // Nothing was remembered either: the split batch applies.
  request.mutable_mutations()->RemoveLast();
  ASSERT_OK(engine_->push().Push(request, &response));
  for (const v1::MutationResult& result : response.results()) {
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED) << result.ShortDebugString();
  }
}

TEST_F(PushTest, MissingDeviceIdFailsTheBatch) {
  v1::PushRequest request;
  *request.add_mutations() = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  v1::PushResponse response;
  EXPECT_THAT(engine_->push().Push(request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("device_id")));
  EXPECT_EQ(engine_->committed_seq(), 0u);
  EXPECT_TRUE(PullAll().empty());
}

TEST_F(PushTest, ReopenKeepsCommittedSeqAndContinuesAfterIt) {
  PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage)),
          MakeMutation("hh-2", "m-2", 0, MakeHousehold(2, kCommune, kVillage))});
  std::string cursor;
  ASSERT_THAT(PullAll("", &cursor), SizeIs(2));
  const uint64_t committed = engine_->committed_seq();
  ASSERT_GE(committed, 2u);

  engine_.reset();
  OpenEngine();
  ASSERT_NE(engine_, nullptr);
  EXPECT_EQ(engine_->committed_seq(), committed);

  // The old cursor is still good and nothing is sent again.
  EXPECT_THAT(PullAll(cursor), SizeIs(0));

  // The replay of a mutation from before the restart is still a duplicate.
  const v1::PushResponse replay =
      PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  EXPECT_EQ(replay.results(0).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(engine_->committed_seq(), committed);

  PushOk({MakeMutation("hh-3", "m-3", 0, MakeHousehold(3, kCommune, kVillage))});
  EXPECT_GT(engine_->committed_seq(), committed);
  const std::vector<v1::HouseholdState> pulled = PullAll(cursor);
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].key().household_id(), "hh-3");
  EXPECT_EQ(pulled[0].version(), 1u);
}

// While alive, no file of this process may grow past `bytes` (RLIMIT_FSIZE): a real write
// error from the kernel (EFBIG) for RocksDB's next WAL append, with no fake store.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);  // fail the write instead of killing the process
    getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    ok_ = setrlimit(RLIMIT_FSIZE, &limit) == 0;
  }
  ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  bool ok_ = false;
};

// The size of the largest write-ahead log file in `dir`.
uint64_t LargestWalBytes(const std::string& dir) {
  uint64_t largest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".log")
      largest = std::max<uint64_t>(largest, entry.file_size());
  }
  return largest;
}

TEST_F(PushTest, CursorFromBeforeAFailedPushDoesNotSkipChangesAfterReopen) {
  // Grow the write-ahead log well past RocksDB's info LOG (about 70 KB after open), so that a
  // file size limit just above the WAL fails the next WAL append and nothing else.
  for (int batch = 0; batch < 25; ++batch) {
    std::vector<v1::Mutation> mutations;
    for (int i = 0; i < 4; ++i) {
      const std::string id = "filler-" + std::to_string(batch * 4 + i);
      v1::Household record = MakeHousehold(1000 + batch * 4 + i, kCommune, "thon-filler");
      record.set_collaborator_note(std::string(3000, 'f'));
      mutations.push_back(MakeMutation(id, id, 0, std::move(record)));
    }
    PushOk(std::move(mutations));
  }
  PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  const uint64_t durable = engine_->committed_seq();
  const uint64_t wal_bytes = LargestWalBytes(options_.data_dir);
  ASSERT_GT(wal_bytes, 200u << 10);

  {
    // The disk refuses the next push's batch: Push fails and nothing of it is stored.
    FileSizeLimit limit(wal_bytes + 16);
    ASSERT_TRUE(limit.ok());
    v1::PushRequest request;
    request.set_device_id(kDevice);
    *request.add_mutations() = MakeMutation("hh-2", "m-2", 0, MakeHousehold(2, kCommune, kVillage));
    v1::PushResponse response;
    ASSERT_FALSE(engine_->push().Push(request, &response).ok())
        << "the write did not fail; the test cannot run here";
  }
  const uint64_t committed_after_failure = engine_->committed_seq();
  // A tablet syncs now and keeps the cursor it was given.
  std::string cursor;
  EXPECT_THAT(PullAll("", &cursor), SizeIs(1));

  // The server restarts. Pushes after the restart must reach the tablet pulling from its
  // cursor (DESIGN.md, the cursor invariant: a cursor covers only changes it delivered).
  engine_.reset();
  OpenEngine();
  ASSERT_NE(engine_, nullptr);
  EXPECT_EQ(engine_->committed_seq(), durable);
  {
    // The cursor this server issued is still a cursor of this server.
    v1::PullRequest request;
    request.set_round_id("2026");
    v1::Scope* scope = request.add_scopes();
    scope->set_commune_code(kCommune);
    scope->set_village_code(kVillage);
    request.set_cursor(cursor);
    EXPECT_OK(engine_->pull().StartPull(request));
  }
  PushOk({MakeMutation("hh-3", "m-3", 0, MakeHousehold(3, kCommune, kVillage))});

  std::vector<std::string> ids;
  for (const v1::HouseholdState& state : PullAll(cursor)) ids.push_back(state.key().household_id());
  EXPECT_THAT(ids, ::testing::ElementsAre("hh-3"))
      << "durable seq " << durable << ", committed_seq() after the failed push "
      << committed_after_failure << ": the cursor taken after the failed push covers the seqs "
      << "that push reserved; after the restart they are handed out again, to hh-3, which the "
      << "cursor then skips";
}

}  // namespace
}  // namespace rasoat
