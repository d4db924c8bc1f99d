// The poverty report as a pure function, against figures computed by hand: a small commune of
// 8 recognised households out of 200 (classes by both standards, outcomes, priority groups at
// their age edges, deprivations, the 36-month recently-escaped window with one fall back, and
// targets met and missed), a commune set up like Chơn Thành ("reduce 3 poor households =
// 0.01 %"), and the roll-up of two communes into their province.
#include "sync/review/poverty_report.h"

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/report.pb.h"
#include "tests/support/households.h"

namespace rasoat::testing {
namespace {

constexpr v1::PovertyClass kPoor = v1::POVERTY_CLASS_POOR;
constexpr v1::PovertyClass kNear = v1::POVERTY_CLASS_NEAR_POOR;
constexpr v1::PovertyClass kAverage = v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD;
constexpr v1::PovertyClass kNot = v1::POVERTY_CLASS_NOT_POOR;
constexpr v1::PovertyClass kNone = v1::POVERTY_CLASS_UNSPECIFIED;
constexpr v1::Sex kF = v1::SEX_FEMALE;
constexpr v1::Sex kM = v1::SEX_MALE;
constexpr v1::Indicator kEmployment = v1::INDICATOR_EMPLOYMENT;
constexpr v1::Indicator kInsurance = v1::INDICATOR_HEALTH_INSURANCE;
constexpr v1::Indicator kWater = v1::INDICATOR_WATER;
constexpr v1::Indicator kLatrine = v1::INDICATOR_LATRINE;
constexpr char kLocalStandard[] = "tinh-24-2026";

// Four indicators; children under 16, working age 15..60; recently escaped for 36 months.
v1::PovertyStandard TestStandard() {
  v1::PovertyStandard standard;
  standard.set_name("test-standard");
  for (const auto& [id, name] :
       {std::pair{kEmployment, "việc làm"}, std::pair{kInsurance, "bảo hiểm y tế"},
        std::pair{kWater, "nguồn nước sinh hoạt"}, std::pair{kLatrine, "nhà tiêu hợp vệ sinh"}}) {
    v1::IndicatorRule* rule = standard.add_indicators();
    rule->set_id(id);
    rule->set_name(name);
  }
  standard.mutable_thresholds()->set_working_age_min(15);
  standard.mutable_thresholds()->set_working_age_max(60);
  standard.mutable_thresholds()->set_dependant_child_age_under(16);
  standard.mutable_procedure()->set_recently_escaped_months(36);
  return standard;
}

v1::Member Person(const std::string& id, v1::Sex sex, v1::Date born,
                  const std::string& ethnicity = "01") {
  v1::Member member;
  member.set_member_id(id);
  member.set_sex(sex);
  *member.mutable_birth_date() = std::move(born);
  member.set_ethnicity_code(ethnicity);
  return member;
}

v1::Member Disabled(v1::Member member) {
  member.set_has_disability(true);
  return member;
}

v1::Member OfMerit(v1::Member member) {
  member.set_person_of_merit(true);
  return member;
}

// A household of `members`, the first its head.
v1::Household Record(std::vector<v1::Member> members) {
  v1::Household household;
  household.set_head_member_id(members.front().member_id());
  for (v1::Member& member : members) *household.add_members() = std::move(member);
  return household;
}

// Classified `national` (deprived in `deprived`), `local` by kLocalStandard unless kNone.
v1::Classification Classified(v1::PovertyClass national, std::vector<v1::Indicator> deprived,
                              v1::PovertyClass local, bool low_income_workers = false) {
  v1::Classification classification;
  classification.set_poverty_class(national);
  for (v1::Indicator indicator : deprived) {
    v1::IndicatorResult* result = classification.add_indicators();
    result->set_indicator(indicator);
    result->set_deprived(true);
  }
  classification.set_low_income_worker_household(low_income_workers);
  if (local != kNone) {
    classification.mutable_local()->set_poverty_class(local);
    classification.mutable_local()->set_standard_name(kLocalStandard);
  }
  return classification;
}

// An area's inputs, owning the records its recognised households point to.
class Area {
 public:
  Area(const std::string& code, uint32_t households) {
    inputs_.round_id = "2026";
    inputs_.area_code = code;
    inputs_.area_name = "Xã " + code;
    inputs_.households = households;
    inputs_.standard = &standard_;
    inputs_.as_of = Day(2026, 12, 1);
  }

  void Add(v1::Household record, v1::Classification classification, v1::HouseholdOutcome outcome) {
    records_.push_back(std::move(record));
    inputs_.recognised.push_back(
        RecognisedHousehold{&records_.back(), std::move(classification), outcome});
  }

  ReportInputs& inputs() { return inputs_; }
  v1::PovertyReport Report() const { return BuildPovertyReport(inputs_); }

 private:
  v1::PovertyStandard standard_ = TestStandard();
  std::deque<v1::Household> records_;  // stable addresses
  ReportInputs inputs_;
};

EscapeRecord Escape(const std::string& id, v1::Date on, v1::PovertyClass now,
                    v1::PovertyClass from) {
  return EscapeRecord{id, std::move(on), now, from};
}

void ExpectClassFigures(const v1::ClassFigures& figures, uint32_t poor, uint32_t poor_members,
                        double poor_rate, uint32_t near, uint32_t near_members, double near_rate) {
  EXPECT_EQ(figures.poor_households(), poor);
  EXPECT_EQ(figures.poor_members(), poor_members);
  EXPECT_DOUBLE_EQ(figures.poor_rate_percent(), poor_rate);
  EXPECT_EQ(figures.near_poor_households(), near);
  EXPECT_EQ(figures.near_poor_members(), near_members);
  EXPECT_DOUBLE_EQ(figures.near_poor_rate_percent(), near_rate);
}

void ExpectTarget(const v1::TargetResult& result, const std::string& text, double goal,
                  double actual, bool met) {
  EXPECT_EQ(result.target(), text);
  EXPECT_DOUBLE_EQ(result.goal(), goal) << text;
  EXPECT_DOUBLE_EQ(result.actual(), actual) << text;
  EXPECT_EQ(result.met(), met) << text;
}

std::vector<std::pair<v1::HouseholdOutcome, uint32_t>> Outcomes(const v1::PovertyReport& r) {
  std::vector<std::pair<v1::HouseholdOutcome, uint32_t>> outcomes;
  for (const v1::OutcomeFigures& o : r.by_outcome())
    outcomes.emplace_back(o.outcome(), o.households());
  return outcomes;
}

// {in_poor, in_near_poor, low_income_workers} of each group, in enum order.
std::vector<std::vector<uint32_t>> Groups(const v1::PovertyReport& report) {
  std::vector<std::vector<uint32_t>> groups;
  for (int i = 0; i < report.by_group_size(); ++i) {
    const v1::GroupFigures& g = report.by_group(i);
    EXPECT_EQ(g.group(), static_cast<v1::PriorityGroup>(i + 1));
    groups.push_back({g.in_poor(), g.in_near_poor(), g.low_income_workers()});
  }
  return groups;
}

std::vector<std::pair<std::string, uint32_t>> Deprivations(const v1::PovertyReport& report) {
  std::vector<std::pair<std::string, uint32_t>> deprivations;
  for (const auto& d : report.deprivations()) {
    deprivations.emplace_back(d.name(), d.deprived_households());
  }
  return deprivations;
}

std::vector<std::string> EscapedIds(const v1::PovertyReport& report) {
  std::vector<std::string> ids;
  for (const v1::RecentlyEscaped& e : report.recently_escaped()) ids.push_back(e.household_id());
  return ids;
}

// Commune 00001: 200 households, 8 recognised. As of 2026-12-01 (children: born after
// 2010-12-01; working age: born 1965-12-02 .. 2011-12-01).
void FillSmallCommune(Area& area) {
  // H1 poor, 4 members, female head: 2 women, 2 children (11 and 6).
  area.Add(Record({Person("m1", kF, Day(1980, 5, 1)), Person("m2", kM, Day(1978, 2, 1)),
                   Person("m3", kF, Day(2015, 3, 10)), Person("m4", kM, Day(2020, 6, 1))}),
           Classified(kPoor, {kEmployment, kWater, kLatrine}, kPoor),
           v1::HOUSEHOLD_OUTCOME_UNCHANGED);
  // H2 poor, 3 members, ethnic minority ("19"), person of merit, 1 disabled woman, 1 child
  // (15: 16 the day after as_of).
  area.Add(Record({OfMerit(Person("m1", kM, Day(1960, 1, 1), "19")),
                   Disabled(Person("m2", kF, Day(1962, 1, 1), "19")),
                   Person("m3", kM, Day(2010, 12, 2), "19")}),
           Classified(kPoor, {kInsurance, kWater, kLatrine}, kPoor), v1::HOUSEHOLD_OUTCOME_RE_POOR);
  // H3 near-poor, 5 members, female head with no ethnicity code (not a minority): 3 women,
  // 2 children (16 on as_of is not a child).
  area.Add(Record({Person("m1", kF, Day(1985, 1, 1), ""), Person("m2", kM, Day(1983, 1, 1)),
                   Person("m3", kF, Day(2010, 12, 1)), Person("m4", kM, Day(2018, 1, 1)),
                   Person("m5", kF, Day(2022, 1, 1))}),
           Classified(kNear, {kEmployment, kWater}, kNear), v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR);
  // H4 near-poor, 2 members, ethnic minority ("05"), 1 disabled woman.
  area.Add(Record({Person("m1", kM, Day(1950, 1, 1), "05"),
                   Disabled(Person("m2", kF, Day(1952, 1, 1), "05"))}),
           Classified(kNear, {kLatrine}, kNear), v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR);
  // H5 near-poor, 3 members, female head, person of merit: 2 women, 1 child; a water answer
  // that is no deprivation.
  v1::Classification h5 = Classified(kNear, {}, kNear);
  h5.add_indicators()->set_indicator(kWater);  // deprived: false
  area.Add(Record({Person("m1", kF, Day(1990, 1, 1)), OfMerit(Person("m2", kM, Day(1945, 1, 1))),
                   Person("m3", kF, Day(2019, 1, 1))}),
           h5, v1::HOUSEHOLD_OUTCOME_UNCHANGED);
  // H6 neither, a low-income worker household: 3 of working age (51, 49, 18; not 14). Its
  // minority, disability and deprivation are in no poor or near-poor figure.
  area.Add(Record({Person("m1", kM, Day(1975, 1, 1), "19"), Person("m2", kF, Day(1977, 1, 1)),
                   Person("m3", kM, Day(2008, 1, 1)), Disabled(Person("m4", kF, Day(2012, 1, 1)))}),
           Classified(kNot, {kEmployment}, kNear, true), v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR);
  // H7 average living standard, female head, no low-income workers.
  area.Add(Record({Person("m1", kF, Day(1970, 1, 1)), Person("m2", kM, Day(1968, 1, 1)),
                   Person("m3", kM, Day(2000, 1, 1))}),
           Classified(kAverage, {}, kNear), v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR);
  // H8 neither, low-income workers: 60 (the last working age) counts, 61 does not.
  area.Add(Record({Person("m1", kM, Day(1966, 1, 1)), Person("m2", kF, Day(1965, 6, 1))}),
           Classified(kNot, {}, kNot, true), v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED);

  area.inputs().previous = PreviousFigures{"2025", 4, 2, 15, 6, 196};
  area.inputs().escapes = {
      Escape("h6", Day(2026, 11, 20), kNot, kPoor),      // escaped this round
      Escape("h7", Day(2026, 11, 20), kAverage, kNear),  // escaped this round
      Escape("h4", Day(2026, 11, 20), kNear, kPoor),     // poor to near-poor: no fall back
      Escape("h2", Day(2024, 11, 15), kPoor, kNear),     // fell back
      Escape("h10", Day(2023, 12, 2), kNone, kPoor),     // last day of its 36 months
      Escape("h11", Day(2023, 12, 1), kPoor, kPoor),     // window over: neither
      Escape("h12", Day(2026, 2, 30), kPoor, kPoor),     // no such day: neither
  };
}

TEST(PovertyReportTest, SmallCommuneByHand) {
  Area area("00001", 200);
  FillSmallCommune(area);
  v1::PovertyTargets targets;
  targets.set_max_poor_rate_percent(1.0);
  targets.set_poor_rate_reduction_points(1.5);
  targets.set_poor_households_reduction(2);
  targets.set_near_poor_households_reduction(1);
  targets.set_no_recently_escaped_falls_back(true);
  area.inputs().targets = &targets;
  const v1::PovertyReport report = area.Report();

  EXPECT_EQ(report.round_id(), "2026");
  EXPECT_EQ(report.area_code(), "00001");
  EXPECT_EQ(report.households(), 200u);
  EXPECT_EQ(report.recognised_households(), 8u);
  // National: poor H1, H2 (4 + 3 members), 2 of 200 = 1 %; near-poor H3, H4, H5 (5 + 2 + 3),
  // 3 of 200 = 1.5 %.
  ExpectClassFigures(report.national(), 2, 7, 1.0, 3, 10, 1.5);
  // Local: poor H1, H2 (7 members) = 1 %; near-poor H3..H7 (5 + 2 + 3 + 4 + 3) = 2.5 %.
  EXPECT_EQ(report.local_standard_name(), kLocalStandard);
  ExpectClassFigures(report.local(), 2, 7, 1.0, 5, 17, 2.5);
  // The round before: 4 and 2 of 196.
  EXPECT_EQ(report.previous_round_id(), "2025");
  EXPECT_EQ(report.previous_households(), 196u);
  ExpectClassFigures(report.previous(), 4, 15, 400.0 / 196, 2, 6, 200.0 / 196);

  using O = v1::HouseholdOutcome;
  EXPECT_THAT(Outcomes(report),
              ::testing::ElementsAre(std::pair{O::HOUSEHOLD_OUTCOME_FIRST_REVIEWED, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_RE_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_ESCAPED_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_UNCHANGED, 2u}));

  // {in poor, in near-poor, low-income workers}:
  const std::vector<std::vector<uint32_t>> groups = {
      {1, 1, 0},  // ethnic-minority households: H2 | H4
      {1, 1, 0},  // person of merit: H2 | H5
      {1, 2, 0},  // female-headed: H1 | H3, H5
      {3, 3, 0},  // children: 2 + 1 | 2 + 0 + 1
      {1, 1, 0},  // disabilities: H2 | H4
      {3, 6, 0},  // women: 2 + 1 | 3 + 1 + 2
      {0, 0, 4},  // low-income workers: 3 (H6) + 1 (H8)
  };
  EXPECT_EQ(Groups(report), groups);

  // Over H1..H5 only.
  EXPECT_THAT(
      Deprivations(report),
      ::testing::ElementsAre(std::pair{std::string("việc làm"), 2u},                // H1, H3
                             std::pair{std::string("bảo hiểm y tế"), 1u},           // H2
                             std::pair{std::string("nguồn nước sinh hoạt"), 3u},    // H1-3
                             std::pair{std::string("nhà tiêu hợp vệ sinh"), 3u}));  // H1,2,4
  EXPECT_EQ(report.deprivations(0).indicator(), kEmployment);

  EXPECT_THAT(EscapedIds(report), ::testing::ElementsAre("h6", "h7", "h4", "h10"));
  EXPECT_EQ(report.recently_escaped(2).poverty_class(), kNear);
  EXPECT_EQ(report.recently_escaped(3).poverty_class(), kNone);
  EXPECT_EQ(report.recently_escaped(3).escaped_on().year(), 2023);
  EXPECT_EQ(report.fell_back(), 1u);
  EXPECT_EQ(report.as_of().year(), 2026);

  ASSERT_EQ(report.targets_size(), 5);
  ExpectTarget(report.targets(0), "poor rate at most 1.00 %", 1.0, 1.0, true);
  // 400 / 196 - 1 = 1.04081..., rounded to 1.0408.
  ExpectTarget(report.targets(1), "poor rate down by at least 1.50 points", 1.5, 1.0408, false);
  ExpectTarget(report.targets(2), "at least 2 fewer poor households", 2, 2, true);
  ExpectTarget(report.targets(3), "at least 1 fewer near-poor household", 1, -1, false);
  ExpectTarget(report.targets(4), "no recently escaped household falls back", 0, 1, false);
}

TEST(PovertyReportTest, ReductionsWithoutPreviousRoundAreMissed) {
  Area area("00001", 0);
  FillSmallCommune(area);
  area.inputs().previous.reset();
  v1::PovertyTargets targets;
  targets.set_poor_rate_reduction_points(0);
  targets.set_near_poor_households_reduction(0);
  area.inputs().targets = &targets;
  const v1::PovertyReport report = area.Report();
  EXPECT_FALSE(report.has_previous());
  EXPECT_EQ(report.previous_round_id(), "");
  // No denominator: every rate 0.
  ExpectClassFigures(report.national(), 2, 7, 0, 3, 10, 0);
  ASSERT_EQ(report.targets_size(), 2);
  ExpectTarget(report.targets(0), "poor rate down by at least 0.00 points (no previous round)", 0,
               0, false);
  ExpectTarget(report.targets(1), "at least 0 fewer near-poor households (no previous round)", 0, 0,
               false);
}

// 30,000 households: one household is 0.00333 points, three are 0.01.
void FillChonThanh(Area& area, uint32_t poor, uint32_t near_poor) {
  for (uint32_t i = 0; i < poor + near_poor; ++i) {
    area.Add(Record({Person("m1", kM, Day(1970, 1, 1))}),
             Classified(i < poor ? kPoor : kNear, {}, kNone), v1::HOUSEHOLD_OUTCOME_UNCHANGED);
  }
}

TEST(PovertyReportTest, ChonThanhThreeFewerPoorHouseholdsAreAHundredthOfAPoint) {
  Area area("25000", 30'000);
  FillChonThanh(area, 117, 102);
  area.inputs().previous = PreviousFigures{"2025", 120, 105, 120, 105, 30'000};
  v1::PovertyTargets targets;
  targets.set_poor_rate_reduction_points(0.01);
  targets.set_poor_households_reduction(3);
  targets.set_near_poor_rate_reduction_points(0.01);
  targets.set_no_recently_escaped_falls_back(true);
  area.inputs().targets = &targets;
  const v1::PovertyReport report = area.Report();

  ExpectClassFigures(report.national(), 117, 117, 0.39, 102, 102, 0.34);
  EXPECT_FALSE(report.has_local());
  EXPECT_EQ(report.local_standard_name(), "");
  ASSERT_EQ(report.targets_size(), 4);
  // 0.4 - 0.39 = 0.01.
  ExpectTarget(report.targets(0), "poor rate down by at least 0.01 points", 0.01, 0.01, true);
  ExpectTarget(report.targets(1), "at least 3 fewer poor households", 3, 3, true);
  // 0.35 - 0.34 is 0.009999999999999953 in doubles: met once rounded to 4 decimals.
  ASSERT_LT(report.previous().near_poor_rate_percent() - report.national().near_poor_rate_percent(),
            0.01);
  ExpectTarget(report.targets(2), "near-poor rate down by at least 0.01 points", 0.01, 0.01, true);
  ExpectTarget(report.targets(3), "no recently escaped household falls back", 0, 0, true);
}

// Commune 00002: 300 households; poor HB1 (2 members), near-poor HB2 (3), HB3 (4).
v1::PovertyReport SecondCommune() {
  Area area("00002", 300);
  area.Add(Record({Person("m1", kF, Day(1990, 1, 1)), Person("m2", kM, Day(2020, 1, 1))}),
           Classified(kPoor, {kEmployment, kWater, kLatrine}, kPoor),
           v1::HOUSEHOLD_OUTCOME_UNCHANGED);
  area.Add(Record({Person("m1", kM, Day(1980, 1, 1), "30"), Person("m2", kF, Day(1982, 1, 1), "30"),
                   Person("m3", kF, Day(2016, 1, 1), "30")}),
           Classified(kNear, {kWater}, kNear), v1::HOUSEHOLD_OUTCOME_UNCHANGED);
  area.Add(Record({OfMerit(Person("m1", kM, Day(1955, 1, 1))), Person("m2", kF, Day(1958, 1, 1)),
                   Person("m3", kM, Day(1990, 1, 1)), Person("m4", kF, Day(2014, 1, 1))}),
           Classified(kNear, {kLatrine}, kNear), v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR);
  area.inputs().previous = PreviousFigures{"2025", 2, 2, 5, 6, 300};
  area.inputs().escapes = {Escape("b3", Day(2026, 11, 25), kNear, kPoor)};
  return area.Report();
}

TEST(PovertyReportTest, ProvinceSumsItsCommunes) {
  Area first("00001", 200);
  FillSmallCommune(first);
  const std::vector<v1::PovertyReport> communes = {first.Report(), SecondCommune()};
  v1::PovertyTargets targets;
  targets.set_max_poor_rate_percent(0.5);
  targets.set_poor_rate_reduction_points(0.6);
  targets.set_no_recently_escaped_falls_back(true);
  const v1::PovertyReport report = SumPovertyReports("2026", "24", "Tỉnh 24", communes, &targets);

  EXPECT_EQ(report.round_id(), "2026");
  EXPECT_EQ(report.area_code(), "24");
  EXPECT_EQ(report.area_name(), "Tỉnh 24");
  EXPECT_EQ(report.households(), 500u);
  EXPECT_EQ(report.recognised_households(), 11u);
  // Poor 2 + 1 (7 + 2 members), near-poor 3 + 2 (10 + 7), over 500: 0.6 % and 1 %, not the
  // communes' mean (1 % and 0.33 %).
  ExpectClassFigures(report.national(), 3, 9, 0.6, 5, 17, 1.0);
  EXPECT_EQ(report.local_standard_name(), kLocalStandard);
  ExpectClassFigures(report.local(), 3, 9, 0.6, 7, 24, 1.4);
  // The round before: 4 + 2 and 2 + 2 of 196 + 300.
  EXPECT_EQ(report.previous_round_id(), "2025");
  EXPECT_EQ(report.previous_households(), 496u);
  ExpectClassFigures(report.previous(), 6, 20, 600.0 / 496, 4, 12, 400.0 / 496);

  using O = v1::HouseholdOutcome;
  EXPECT_THAT(Outcomes(report),
              ::testing::ElementsAre(std::pair{O::HOUSEHOLD_OUTCOME_FIRST_REVIEWED, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_RE_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_ESCAPED_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR, 1u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR, 2u},
                                     std::pair{O::HOUSEHOLD_OUTCOME_UNCHANGED, 4u}));
  const std::vector<std::vector<uint32_t>> groups = {
      {1, 2, 0},   // ethnic minority: + HB2
      {1, 2, 0},   // person of merit: + HB3
      {2, 2, 0},   // female-headed: + HB1
      {4, 5, 0},   // children: + 1 | + 1 + 1
      {1, 1, 0},   // disabilities
      {4, 10, 0},  // women: + 1 | + 2 + 2
      {0, 0, 4},   // low-income workers
  };
  EXPECT_EQ(Groups(report), groups);
  EXPECT_THAT(Deprivations(report),
              ::testing::ElementsAre(std::pair{std::string("việc làm"), 3u},
                                     std::pair{std::string("bảo hiểm y tế"), 1u},
                                     std::pair{std::string("nguồn nước sinh hoạt"), 5u},
                                     std::pair{std::string("nhà tiêu hợp vệ sinh"), 5u}));
  EXPECT_THAT(EscapedIds(report), ::testing::ElementsAre("h6", "h7", "h4", "h10", "b3"));
  EXPECT_EQ(report.fell_back(), 1u);
  EXPECT_EQ(report.as_of().month(), 12);

  ASSERT_EQ(report.targets_size(), 3);
  ExpectTarget(report.targets(0), "poor rate at most 0.50 %", 0.5, 0.6, false);
  // 600 / 496 - 0.6 = 0.60967..., rounded to 0.6097.
  ExpectTarget(report.targets(1), "poor rate down by at least 0.60 points", 0.6, 0.6097, true);
  ExpectTarget(report.targets(2), "no recently escaped household falls back", 0, 1, false);
}

TEST(PovertyReportTest, ProvinceHasNoPreviousWhenACommuneWithHouseholdsLacksIt) {
  Area first("00001", 200);
  FillSmallCommune(first);
  Area without("00003", 100);
  FillChonThanh(without, 1, 0);
  Area empty("00004", 50);  // nothing recognised and no round before: it does not count
  std::vector<v1::PovertyReport> communes = {first.Report(), empty.Report()};
  v1::PovertyTargets targets;
  targets.set_poor_households_reduction(1);

  v1::PovertyReport report = SumPovertyReports("2026", "24", "Tỉnh 24", communes, &targets);
  EXPECT_EQ(report.previous_households(), 196u);
  ASSERT_EQ(report.targets_size(), 1);
  ExpectTarget(report.targets(0), "at least 1 fewer poor household", 1, 2, true);

  communes.push_back(without.Report());
  report = SumPovertyReports("2026", "24", "Tỉnh 24", communes, &targets);
  EXPECT_EQ(report.households(), 350u);
  EXPECT_FALSE(report.has_previous());
  EXPECT_EQ(report.previous_round_id(), "");
  EXPECT_EQ(report.previous_households(), 0u);
  ASSERT_EQ(report.targets_size(), 1);
  ExpectTarget(report.targets(0), "at least 1 fewer poor household (no previous round)", 1, 0,
               false);

  EXPECT_EQ(SumPovertyReports("2026", "24", "Tỉnh 24", {}, nullptr).households(), 0u);
}

}  // namespace
}  // namespace rasoat::testing
