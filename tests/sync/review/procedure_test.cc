// The procedure after approval through the engine on a real RocksDB (sync/review/village_meeting.h,
// public_posting.h, recognition.h): each step names exact versions and is all or nothing,
// naming every household that cannot take it; the quorum at its edge; the posting's last day
// for objections and for the recognition; a new version starting the procedure again; and the
// outcome of a recognition against the round before.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/engine.h"
#include "sync/store/keys.h"
#include "sync/store/store.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"

namespace rasoat {
namespace {

using ::testing::AllOf;
using testing::Day;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::KeyOf;
using testing::MakeHousehold;
using testing::MakeMutation;
using testing::StatusIs;

class ProcedureTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    options_.rounds.ids = {"2025", "2026"};
    options_.rounds.previous = {{"2026", "2025"}};
    Open();
    for (const char* id : {"h1", "h2", "h3"}) {
      PushOk({MakeMutation(id, absl::StrCat("m-", id), 0, MakeHousehold(id[1]))});
      ApproveOk(id, 1);
    }
  }

  v1::RecordVillageMeetingRequest Meeting(std::vector<std::pair<std::string, uint32_t>> agreeing) {
    v1::RecordVillageMeetingRequest request;
    request.set_round_id("2026");
    request.set_commune_code("00001");
    request.set_village_code("thon-1");
    *request.mutable_held_on() = Day(2026, 10, 1);
    request.set_attendees(30);
    request.set_minutes_reference("BB-07");
    request.set_resurvey_note("rà soát lại");
    for (const auto& [id, count] : agreeing) {
      v1::MeetingResult* result = request.add_results();
      result->set_household_id(id);
      result->set_version(1);
      result->set_agreeing(count);
    }
    return request;
  }

  absl::Status Meet(const v1::RecordVillageMeetingRequest& request,
                    v1::RecordVillageMeetingResponse* response = nullptr) {
    v1::RecordVillageMeetingResponse ignored;
    return engine_->review().RecordVillageMeeting(TestAdmin(), request,
                                                  response != nullptr ? response : &ignored);
  }

  absl::Status Post(std::vector<std::string> ids, const v1::Date& first_day = Day(2026, 10, 5)) {
    v1::OpenPostingRequest request;
    request.set_round_id("2026");
    request.set_commune_code("00001");
    *request.mutable_first_day() = first_day;
    for (const std::string& id : ids) {
      v1::HouseholdVersion* household = request.add_households();
      household->set_household_id(id);
      household->set_version(1);
    }
    v1::OpenPostingResponse response;
    return engine_->review().OpenPosting(TestAdmin(), request, &response);
  }

  absl::Status Recognise(std::vector<std::string> ids, const v1::Date& day) {
    v1::RecogniseRequest request;
    request.set_round_id("2026");
    request.set_commune_code("00001");
    request.set_decision_number("12/QĐ-UBND");
    *request.mutable_decided_on() = day;
    for (const std::string& id : ids) {
      v1::HouseholdVersion* household = request.add_households();
      household->set_household_id(id);
      household->set_version(1);
    }
    v1::RecogniseResponse response;
    return engine_->review().Recognise(TestAdmin(), request, &response);
  }

  absl::Status Object(const std::string& id, const v1::Date& received_on) {
    v1::RecordObjectionRequest request;
    *request.mutable_key() = KeyOf(id);
    request.set_version(1);
    request.set_objector("Lò Văn Páo");
    request.set_objection("đã có xe máy mới");
    *request.mutable_received_on() = received_on;
    v1::RecordObjectionResponse response;
    return engine_->review().RecordObjection(TestAdmin(), request, &response);
  }

  v1::GetHouseholdResponse Household(const std::string& id) {
    v1::GetHouseholdRequest request;
    *request.mutable_key() = KeyOf(id);
    v1::GetHouseholdResponse response;
    EXPECT_OK(engine_->review().GetHousehold(TestAdmin(), request, &response));
    return response;
  }
};

TEST_F(ProcedureTest, HalfTheAttendeesAgreeingIsTheQuorumAndUnderItTheHouseholdIsSurveyedAgain) {
  v1::RecordVillageMeetingResponse response;
  ASSERT_OK(Meet(Meeting({{"h1", 15}, {"h2", 14}, {"h3", 30}}), &response));
  EXPECT_THAT(response.agreed(), ElementsAre("h1", "h3"));
  EXPECT_THAT(response.resurvey(), ElementsAre("h2"));
  EXPECT_EQ(Household("h1").state().procedure_step(), v1::PROCEDURE_STEP_AGREED_AT_MEETING);
  const v1::GetHouseholdResponse h2 = Household("h2");
  EXPECT_EQ(h2.state().status(), v1::REVIEW_STATUS_RETURNED);
  EXPECT_EQ(h2.state().reviewer_comment(), "rà soát lại");
  EXPECT_EQ(h2.state().procedure_step(), v1::PROCEDURE_STEP_UNSPECIFIED);
  // The meeting is in the history, with its minutes and its day.
  const v1::HistoryEntry& last = h2.history(0);
  EXPECT_EQ(last.kind(), v1::HistoryEntry::KIND_MEETING_RESURVEY);
  EXPECT_EQ(last.reference(), "BB-07");
  EXPECT_EQ(last.on().day(), 1);
}

TEST_F(ProcedureTest, AStepNamesEveryHouseholdThatCannotTakeItAndRecordsNothing) {
  PushOk({MakeMutation("h2", "m-h2-2", 1, MakeHousehold(22))});  // h2 moved on to version 2
  ASSERT_OK(Meet(Meeting({{"h3", 30}})));                        // h3 is past its meeting
  EXPECT_THAT(Meet(Meeting({{"h1", 30}, {"h2", 30}, {"h3", 30}})),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("2 of 3 households"), HasSubstr("h2 is at version 2, not 1"),
                             HasSubstr("h3 is not an approved household awaiting its village "
                                       "meeting"),
                             ::testing::Not(HasSubstr("h1")))));
  EXPECT_EQ(Household("h1").state().procedure_step(), v1::PROCEDURE_STEP_AWAITING_MEETING);

  EXPECT_THAT(Meet(Meeting({{"h1", 30}, {"h1", 30}})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("listed twice")));
  EXPECT_THAT(Meet(Meeting({{"h1", 31}})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("31 agreeing of 30")));
  EXPECT_THAT(Meet(Meeting({{"nobody", 30}})),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nobody")));
  v1::RecordVillageMeetingRequest elsewhere = Meeting({{"h1", 30}});
  elsewhere.set_village_code("thon-2");
  EXPECT_THAT(Meet(elsewhere), StatusIs(absl::StatusCode::kFailedPrecondition,
                                        HasSubstr("h1 is in village 00001/thon-1")));
  EXPECT_EQ(Household("h1").state().procedure_step(), v1::PROCEDURE_STEP_AWAITING_MEETING);
}

TEST_F(ProcedureTest, ObjectionsAreTakenUntilThePostingsLastDayAndRecognitionOnlyAfterIt) {
  ASSERT_OK(Meet(Meeting({{"h1", 30}, {"h2", 30}, {"h3", 30}})));
  ASSERT_OK(Post({"h1", "h2", "h3"}));  // Monday 5 October, 3 working days: to the 7th
  EXPECT_EQ(Household("h1").state().procedure_step(), v1::PROCEDURE_STEP_POSTED);

  EXPECT_THAT(Object("h1", Day(2026, 10, 8)), StatusIs(absl::StatusCode::kFailedPrecondition,
                                                       HasSubstr("was posted until 2026-10-07")));
  ASSERT_OK(Object("h1", Day(2026, 10, 7)));
  const v1::GetHouseholdResponse h1 = Household("h1");
  EXPECT_EQ(h1.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(h1.state().reviewer_comment(), "đã có xe máy mới");
  EXPECT_EQ(h1.history(0).kind(), v1::HistoryEntry::KIND_OBJECTION);
  EXPECT_EQ(h1.history(0).reference(), "Lò Văn Páo");

  EXPECT_THAT(Recognise({"h2", "h3"}, Day(2026, 10, 7)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("h2 is posted until 2026-10-07"), HasSubstr("h3"))));
  EXPECT_THAT(
      Recognise({"h1", "h2"}, Day(2026, 10, 8)),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("h1 is not on a public posting")));
  ASSERT_OK(Recognise({"h2", "h3"}, Day(2026, 10, 8)));
  const v1::GetHouseholdResponse h2 = Household("h2");
  EXPECT_EQ(h2.state().procedure_step(), v1::PROCEDURE_STEP_RECOGNISED);
  EXPECT_EQ(h2.recognised_version(), 1u);
  EXPECT_EQ(h2.recognition_decision(), "12/QĐ-UBND");

  // A new version starts the procedure again; the recognition stays.
  PushOk({MakeMutation("h2", "m-h2-2", 1, MakeHousehold(22))});
  const v1::GetHouseholdResponse again = Household("h2");
  EXPECT_EQ(again.state().procedure_step(), v1::PROCEDURE_STEP_UNSPECIFIED);
  EXPECT_EQ(again.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(again.recognised_version(), 1u);
}

TEST_F(ProcedureTest, AHouseholdApprovedBeforeTheProcedureExistedGoesToItsMeeting) {
  // A data directory of the previous build: h1 approved, no procedure step stored. Reopened
  // first, so that the heads are in RocksDB's tables before a raw write (raw_store.h).
  engine_.reset();
  Open();
  ASSERT_OK_AND_ASSIGN(store::HouseholdHead head, engine_->store().ReadHead("2026", "h1"));
  head.clear_procedure_step();
  engine_.reset();
  ASSERT_OK(testing::PutRaw(options_.data_dir, "households", HouseholdKeyOf("2026", "h1"),
                            head.SerializeAsString()));
  Open();
  EXPECT_EQ(Household("h1").state().procedure_step(), v1::PROCEDURE_STEP_UNSPECIFIED);
  ASSERT_OK(Meet(Meeting({{"h1", 30}})));
  EXPECT_EQ(Household("h1").state().procedure_step(), v1::PROCEDURE_STEP_AGREED_AT_MEETING);
}

TEST_F(ProcedureTest, TheQueueFiltersBySteps) {
  ASSERT_OK(Meet(Meeting({{"h1", 30}, {"h2", 30}})));
  ASSERT_OK(Post({"h2"}));
  v1::ListQueueRequest request;
  request.set_round_id("2026");
  request.set_commune_code("00001");
  request.add_procedure_steps(v1::PROCEDURE_STEP_POSTED);
  request.add_procedure_steps(v1::PROCEDURE_STEP_AWAITING_MEETING);
  v1::ListQueueResponse queue;
  ASSERT_OK(engine_->review().ListQueue(TestAdmin(), request, &queue));
  // In the order of their last change: h3's approval, then h2's posting.
  ASSERT_EQ(queue.entries_size(), 2);
  EXPECT_EQ(queue.entries(0).key().household_id(), "h3");
  EXPECT_EQ(queue.entries(0).procedure_step(), v1::PROCEDURE_STEP_AWAITING_MEETING);
  EXPECT_EQ(queue.entries(1).key().household_id(), "h2");
  EXPECT_EQ(queue.entries(1).procedure_step(), v1::PROCEDURE_STEP_POSTED);
  EXPECT_EQ(queue.entries(1).posting_last_day().day(), 7);
}

}  // namespace
}  // namespace rasoat
