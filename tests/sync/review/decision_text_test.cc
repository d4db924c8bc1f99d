// The text a reviewer's decision stores, through the engine on a real RocksDB: a reviewer name,
// a return comment or a resolution that holds text no store downstream can keep (a NUL, another
// control character, invalid UTF-8) is refused with INVALID_ARGUMENT naming the field, never
// quoting the text, and changes nothing; and a resolution is attributed to its reviewer.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/engine.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"

namespace rasoat {
namespace {

using ::testing::HasSubstr;
using testing::KeyOf;
using testing::MakeHousehold;
using testing::MakeMutation;
using ::testing::Not;
using ::testing::SizeIs;
using testing::StatusIs;

// "Lâm Văn" NUL "Null": the name of the issue's report.
const std::string kNulName("L\xC3\xA2m V\xC4\x83n\0Null", 14);

class DecisionTextTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    Open();
    PushOk({MakeMutation("h1", "m1", 0, MakeHousehold(1))});
  }

  // A reviewer of commune 00001, where the test households are.
  static identity::Principal Reviewer(const std::string& login) {
    identity::Principal reviewer;
    reviewer.login = login;
    reviewer.role = v1::ROLE_REVIEWER;
    reviewer.scopes.emplace_back().set_commune_code("00001");
    return reviewer;
  }

  // Approves h1 at version 1 as `caller`, with `reviewer` in the request's (ignored) field.
  absl::Status Approve(const std::string& reviewer,
                       const identity::Principal& caller = Reviewer("can-bo-xa")) {
    v1::ApproveRequest request;
    *request.mutable_key() = KeyOf("h1");
    request.set_version(1);
    request.set_reviewer(reviewer);
    v1::ApproveResponse response;
    return engine_->review().Approve(caller, request, &response);
  }

  absl::Status Return(const std::string& reviewer, const std::string& comment) {
    v1::ReturnRequest request;
    *request.mutable_key() = KeyOf("h1");
    request.set_version(1);
    request.set_reviewer(reviewer);
    request.set_comment(comment);
    v1::ReturnResponse response;
    return engine_->review().Return(TestAdmin(), request, &response);
  }

  // Household h2 at version 3 with an open conflict on collaborator_note.
  void MakeConflict() {
    const v1::Household base = MakeHousehold(2);
    PushOk({MakeMutation("h2", "a0", 0, base)}, "tab-a");
    v1::Household a = base;
    a.set_collaborator_note("A");
    PushOk({MakeMutation("h2", "a1", 1, a)}, "tab-a");
    v1::Household b = base;
    b.set_collaborator_note("B");
    ASSERT_EQ(PushOk({MakeMutation("h2", "b1", 1, b)}, "tab-b").results(0).conflicts_size(), 1);
  }

  absl::Status Resolve(const std::string& reviewer, v1::Resolution::Choice choice,
                       const std::string& value = "",
                       const identity::Principal& caller = Reviewer("can-bo-xa")) {
    v1::ResolveConflictRequest request;
    *request.mutable_key() = KeyOf("h2");
    request.set_version(3);
    request.set_reviewer(reviewer);
    v1::Resolution* resolution = request.add_resolutions();
    resolution->set_path("collaborator_note");
    resolution->set_choice(choice);
    resolution->set_value(value);
    resolution->set_value_present(true);
    v1::ResolveConflictResponse response;
    return engine_->review().ResolveConflict(caller, request, &response);
  }

  v1::GetHouseholdResponse Get(const std::string& household_id) {
    v1::GetHouseholdRequest request;
    *request.mutable_key() = KeyOf(household_id);
    v1::GetHouseholdResponse response;
    EXPECT_OK(engine_->review().GetHousehold(TestAdmin(), request, &response));
    return response;
  }
};

TEST_F(DecisionTextTest, ACommentThatCannotBeStoredIsRefusedByFieldAndChangesNothing) {
  const uint64_t committed = engine_->committed_seq();
  EXPECT_THAT(
      Return("can-bo-xa", std::string("Thiếu số\0CCCD", 17)),
      StatusIs(absl::StatusCode::kInvalidArgument, "comment: has a NUL character at byte 12"));
  EXPECT_THAT(
      Return("can-bo-xa", "Thi\xE1\xBA"),
      StatusIs(absl::StatusCode::kInvalidArgument, "comment: is not valid UTF-8 at byte 3"));
  EXPECT_EQ(engine_->committed_seq(), committed);
  const v1::GetHouseholdResponse household = Get("h1");
  EXPECT_EQ(household.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(household.approved_version(), 0u);
  EXPECT_THAT(household.history(), SizeIs(1));

  // Tab and line break are free text: a comment may have lines.
  EXPECT_OK(Return("can-bo-xa", "Cần sửa:\n\t- số CCCD\n\t- diện tích nhà"));
}

TEST_F(DecisionTextTest, AResolutionThatWouldStoreUnstorableTextIsRefusedAndChangesNothing) {
  MakeConflict();
  const uint64_t committed = engine_->committed_seq();
  // The value's own text is clean; its escape spells a NUL into the record.
  EXPECT_THAT(Resolve("can-bo-xa", v1::Resolution::CHOICE_VALUE, R"("Đã xác minh\000")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "resolutions[0]: collaborator_note: has a NUL character at byte 14"));
  EXPECT_THAT(Resolve("can-bo-xa", v1::Resolution::CHOICE_VALUE, R"("chu\x07ông")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("resolutions[0]: collaborator_note: has the control character "
                                 "U+0007")));
  EXPECT_THAT(Resolve("can-bo-xa", v1::Resolution::CHOICE_VALUE, std::string("\"A\0\"", 4)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "resolutions[0].value: has a NUL character at byte 2"));
  EXPECT_EQ(engine_->committed_seq(), committed);
  const v1::GetHouseholdResponse household = Get("h2");
  EXPECT_EQ(household.state().version(), 3u);
  EXPECT_THAT(household.state().conflicts(), SizeIs(1));

  // A line break in a note is free text.
  EXPECT_OK(Resolve("can-bo-xa", v1::Resolution::CHOICE_VALUE, R"("dòng 1\ndòng 2")"));
  EXPECT_EQ(Get("h2").state().record().collaborator_note(), "dòng 1\ndòng 2");
}

TEST_F(DecisionTextTest, AResolutionIsAttributedToTheReviewerWhoResolvedNotToTheRequestsField) {
  MakeConflict();
  ASSERT_OK(Resolve("kẻ lạ mặt (anonymous)", v1::Resolution::CHOICE_INCOMING, "",
                    Reviewer("le.thi.thu")));
  const v1::GetHouseholdResponse household = Get("h2");
  ASSERT_GE(household.history_size(), 1);
  const v1::HistoryEntry& resolution = household.history(0);
  EXPECT_EQ(resolution.kind(), v1::HistoryEntry::KIND_RESOLUTION);
  EXPECT_EQ(resolution.version(), 4u);
  EXPECT_EQ(resolution.author(), "le.thi.thu");
}

// The issue's report: an approval "as" anyone, by naming them in the request. The request's
// reviewer field is ignored, whatever it holds; the decision is the caller's.
TEST_F(DecisionTextTest, AnApprovalNamesTheCallerWhateverTheRequestsReviewerSays) {
  ASSERT_OK(Approve("kẻ lạ mặt (anonymous)", Reviewer("canbo.thu")));
  const v1::GetHouseholdResponse household = Get("h1");
  EXPECT_EQ(household.approved_by(), "canbo.thu");
  ASSERT_GE(household.history_size(), 1);
  EXPECT_EQ(household.history(0).kind(), v1::HistoryEntry::KIND_APPROVED);
  EXPECT_EQ(household.history(0).author(), "canbo.thu");
  // Nor does unstorable text in the ignored field matter.
  EXPECT_OK(Approve(kNulName, Reviewer("canbo.thu")));
}

// A reviewer decides only in their communes; nothing is written otherwise.
TEST_F(DecisionTextTest, AReviewerOfAnotherCommuneIsRefusedAndChangesNothing) {
  identity::Principal elsewhere = Reviewer("canbo.khac");
  elsewhere.scopes[0].set_commune_code("99999");
  const uint64_t committed = engine_->committed_seq();
  EXPECT_THAT(Approve("", elsewhere),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("commune 00001")));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_EQ(Get("h1").approved_version(), 0u);
}

}  // namespace
}  // namespace rasoat
