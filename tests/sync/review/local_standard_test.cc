// A province's local standard evaluated alongside the national one (DOMAIN.md), through the
// engine on a real RocksDB and the embedded SQLite program store: the Bắc Ninh household at
// 1,700,000 đồng a month, rural, with 3 deprivations is not poor by the national standard and
// poor by the local one, and both classes are shown, queued, counted and published.
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
using testing::MakeMutation;

class LocalStandardTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    Open();
    PushOk({MakeMutation("bn", "m-bn", 0, testing::ThreeDeprivationHousehold("24", 1'700'000)),
            MakeMutation("hn", "m-hn", 0, testing::ThreeDeprivationHousehold("01", 1'700'000))});
  }

  v1::GetHouseholdResponse Household(const std::string& household_id) {
    v1::GetHouseholdRequest request;
    *request.mutable_key() = KeyOf(household_id);
    v1::GetHouseholdResponse response;
    EXPECT_OK(engine_->review().GetHousehold(TestAdmin(), request, &response));
    return response;
  }
};

TEST_F(LocalStandardTest, ABacNinhHouseholdIsNotPoorNationallyAndPoorLocallyBothKept) {
  const v1::GetHouseholdResponse bn = Household("bn");
  ASSERT_EQ(bn.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW) << bn.DebugString();
  const v1::Classification& national = bn.classification();
  EXPECT_EQ(national.standard_name(), "decree-07-2021");
  EXPECT_EQ(national.poverty_class(), v1::POVERTY_CLASS_NOT_POOR) << national.explanation();
  EXPECT_EQ(national.deprivation_count(), 3);
  EXPECT_EQ(national.poor_income_line_vnd(), 1'500'000);
  ASSERT_TRUE(national.has_local());
  const v1::Classification& local = national.local();
  EXPECT_EQ(local.standard_name(), "bac-ninh-2025");
  EXPECT_EQ(local.poverty_class(), v1::POVERTY_CLASS_POOR) << local.explanation();
  EXPECT_EQ(local.poor_income_line_vnd(), 1'750'000);
  EXPECT_THAT(local.explanation(), HasSubstr("1,700,000 <= 1,750,000"));
  EXPECT_FALSE(local.has_local());

  // The same household in another province has the national class only.
  const v1::GetHouseholdResponse hn = Household("hn");
  EXPECT_EQ(hn.classification().poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  EXPECT_FALSE(hn.classification().has_local());
}

TEST_F(LocalStandardTest, TheQueueAndTheSummaryCarryBothClasses) {
  v1::ListQueueRequest queue_request;
  queue_request.set_round_id("2026");
  queue_request.set_commune_code("00001");
  v1::ListQueueResponse queue;
  ASSERT_OK(engine_->review().ListQueue(TestAdmin(), queue_request, &queue));
  ASSERT_EQ(queue.entries_size(), 2);
  EXPECT_EQ(queue.entries(0).key().household_id(), "bn");
  EXPECT_EQ(queue.entries(0).poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  EXPECT_EQ(queue.entries(0).local_poverty_class(), v1::POVERTY_CLASS_POOR);
  EXPECT_EQ(queue.entries(1).local_poverty_class(), v1::POVERTY_CLASS_UNSPECIFIED);

  v1::CommuneSummaryRequest summary_request;
  summary_request.set_round_id("2026");
  summary_request.set_commune_code("00001");
  v1::CommuneSummaryResponse summary;
  ASSERT_OK(engine_->review().CommuneSummary(TestAdmin(), summary_request, &summary));
  ASSERT_EQ(summary.by_class_size(), 1);
  EXPECT_EQ(summary.by_class(0).poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  EXPECT_EQ(summary.by_class(0).households(), 2u);
  ASSERT_EQ(summary.by_local_class_size(), 1);
  EXPECT_EQ(summary.by_local_class(0).poverty_class(), v1::POVERTY_CLASS_POOR);
  EXPECT_EQ(summary.by_local_class(0).households(), 1u);
}

TEST_F(LocalStandardTest, BothClassesArePublished) {
  RecogniseOk({"bn", "hn"}, 1);
  const std::map<std::string, v1::PublishedHousehold> rows = PublishedOk();
  ASSERT_EQ(rows.size(), 2u);
  const v1::PublishedHousehold& bn = rows.at("bn");
  EXPECT_EQ(bn.poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  EXPECT_EQ(bn.standard_name(), "decree-07-2021");
  EXPECT_EQ(bn.local_poverty_class(), v1::POVERTY_CLASS_POOR);
  EXPECT_EQ(bn.local_standard_name(), "bac-ninh-2025");
  const v1::PublishedHousehold& hn = rows.at("hn");
  EXPECT_EQ(hn.local_poverty_class(), v1::POVERTY_CLASS_UNSPECIFIED);
  EXPECT_EQ(hn.local_standard_name(), "");
}

}  // namespace
}  // namespace rasoat
