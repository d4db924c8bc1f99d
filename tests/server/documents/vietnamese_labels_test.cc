// The Vietnamese words of server/documents/vietnamese_labels.h: each class, outcome, area and
// procedure step as the commune writes it, the indicators by the names the standard files give
// them, and an empty cell or the number for values that have no word.
#include "server/documents/vietnamese_labels.h"

#include <fstream>
#include <sstream>
#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::documents {
namespace {

TEST(VietnameseLabelsTest, PovertyClasses) {
  EXPECT_EQ(PovertyClassLabel(v1::POVERTY_CLASS_POOR), "Hộ nghèo");
  EXPECT_EQ(PovertyClassLabel(v1::POVERTY_CLASS_NEAR_POOR), "Hộ cận nghèo");
  EXPECT_EQ(PovertyClassLabel(v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD),
            "Hộ có mức sống trung bình");
  EXPECT_EQ(PovertyClassLabel(v1::POVERTY_CLASS_NOT_POOR), "Hộ không nghèo");
}

TEST(VietnameseLabelsTest, Outcomes) {
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED), "Rà soát lần đầu");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_NEW_POOR), "Hộ nghèo mới");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR), "Hộ cận nghèo mới");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_RE_POOR), "Tái nghèo");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR), "Thoát nghèo");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR), "Thoát cận nghèo");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR), "Từ nghèo sang cận nghèo");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_NEAR_POOR_TO_POOR), "Từ cận nghèo sang nghèo");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_UNCHANGED), "Không đổi");
}

TEST(VietnameseLabelsTest, AreasAndProcedureSteps) {
  EXPECT_EQ(AreaLabel(v1::AREA_RURAL), "Nông thôn");
  EXPECT_EQ(AreaLabel(v1::AREA_URBAN), "Thành thị");
  EXPECT_EQ(ProcedureStepLabel(v1::PROCEDURE_STEP_AWAITING_MEETING), "Chờ họp thôn");
  EXPECT_EQ(ProcedureStepLabel(v1::PROCEDURE_STEP_AGREED_AT_MEETING), "Họp thôn đã thống nhất");
  EXPECT_EQ(ProcedureStepLabel(v1::PROCEDURE_STEP_POSTED), "Đang niêm yết");
  EXPECT_EQ(ProcedureStepLabel(v1::PROCEDURE_STEP_RECOGNISED), "Đã công nhận");
}

TEST(VietnameseLabelsTest, UnspecifiedIsAnEmptyCellAndAnUnknownValueItsNumber) {
  EXPECT_EQ(PovertyClassLabel(v1::POVERTY_CLASS_UNSPECIFIED), "");
  EXPECT_EQ(OutcomeLabel(v1::HOUSEHOLD_OUTCOME_UNSPECIFIED), "");
  EXPECT_EQ(AreaLabel(v1::AREA_UNSPECIFIED), "");
  EXPECT_EQ(ProcedureStepLabel(v1::PROCEDURE_STEP_UNSPECIFIED), "");
  EXPECT_EQ(IndicatorLabel(v1::INDICATOR_UNSPECIFIED), "");
  // Values a newer server may send.
  EXPECT_EQ(PovertyClassLabel(static_cast<v1::PovertyClass>(17)), "17");
  EXPECT_EQ(OutcomeLabel(static_cast<v1::HouseholdOutcome>(40)), "40");
  EXPECT_EQ(AreaLabel(static_cast<v1::Area>(3)), "3");
  EXPECT_EQ(ProcedureStepLabel(static_cast<v1::ProcedureStep>(9)), "9");
  EXPECT_EQ(IndicatorLabel(static_cast<v1::Indicator>(99)), "99");
}

// Every value this build knows has a word: a value added to the wire without one shows up here.
TEST(VietnameseLabelsTest, EveryKnownValueHasAWord) {
  const auto expect_words = [](const google::protobuf::EnumDescriptor* type, auto label) {
    for (int i = 1; i < type->value_count(); ++i) {
      const int number = type->value(i)->number();
      const std::string word = label(number);
      EXPECT_FALSE(word.empty()) << type->value(i)->name();
      EXPECT_NE(word, std::to_string(number)) << type->value(i)->name();
    }
  };
  expect_words(v1::PovertyClass_descriptor(),
               [](int n) { return PovertyClassLabel(static_cast<v1::PovertyClass>(n)); });
  expect_words(v1::HouseholdOutcome_descriptor(),
               [](int n) { return OutcomeLabel(static_cast<v1::HouseholdOutcome>(n)); });
  expect_words(v1::Area_descriptor(), [](int n) { return AreaLabel(static_cast<v1::Area>(n)); });
  expect_words(v1::ProcedureStep_descriptor(),
               [](int n) { return ProcedureStepLabel(static_cast<v1::ProcedureStep>(n)); });
  expect_words(v1::Indicator_descriptor(),
               [](int n) { return IndicatorLabel(static_cast<v1::Indicator>(n)); });
}

// The indicators' words are the standard files' names, so the list and the standard say the same.
TEST(VietnameseLabelsTest, IndicatorsAreNamedAsInTheStandardFiles) {
  int named = 0;
  for (const char* file : {"decree-07-2021.textproto", "decree-351-2025.textproto"}) {
    std::ifstream in(absl::StrCat(RASOAT_STANDARDS_DIR, "/", file));
    ASSERT_TRUE(in) << file;
    std::ostringstream text;
    text << in.rdbuf();
    v1::PovertyStandard standard;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text.str(), &standard)) << file;
    for (const v1::IndicatorRule& indicator : standard.indicators()) {
      EXPECT_EQ(IndicatorLabel(indicator.id()), indicator.name()) << file;
      ++named;
    }
  }
  EXPECT_GT(named, 0);
  EXPECT_EQ(IndicatorLabel(v1::INDICATOR_EMPLOYMENT), "việc làm");
  EXPECT_EQ(IndicatorLabel(v1::INDICATOR_WASTE), "xử lý rác thải sinh hoạt");
}

}  // namespace
}  // namespace rasoat::documents
