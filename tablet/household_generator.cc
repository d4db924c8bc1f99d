#include "tablet/household_generator.h"

#include <string_view>

#include "absl/strings/str_cat.h"

namespace rasoat::tablet {
namespace {

constexpr std::string_view kFamilyNames[] = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                             "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                             "Hồ",     "Ngô",  "Dương", "Lý"};
constexpr std::string_view kMiddleMale[] = {"Văn", "Đức", "Minh", "Quang", "Hữu", "Công"};
constexpr std::string_view kMiddleFemale[] = {"Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ"};
constexpr std::string_view kGivenMale[] = {"An",    "Bảo",   "Cường", "Dũng", "Đạt",  "Hải",
                                           "Hùng",  "Khoa",  "Long",  "Nam",  "Phúc", "Sơn",
                                           "Thắng", "Trung", "Tuấn",  "Vinh"};
constexpr std::string_view kGivenFemale[] = {"Anh",   "Bình",   "Chi",  "Dung", "Giang", "Hà",
                                             "Hoa",   "Hương",  "Lan",  "Linh", "Mai",   "Ngân",
                                             "Nhung", "Phương", "Thảo", "Yến"};
constexpr std::string_view kStreets[] = {"Đường Lê Lợi",   "Ngõ Chùa", "Xóm Bãi",
                                         "Đường Trần Phú", "Xóm Đồng", "Ngõ Giếng"};
constexpr std::string_view kNotes[] = {
    "Hộ có người già neo đơn, cần hỗ trợ thêm.",
    "Chủ hộ đi làm ăn xa, phỏng vấn vợ chủ hộ.",
    "Nhà dột nát, mùa mưa phải sơ tán.",
    "Hộ mới tách từ hộ bố mẹ năm ngoái.",
};

template <typename T, size_t N>
std::string Pick(const T (&items)[N], uint64_t r) {
  return std::string(items[r % N]);
}

}  // namespace

std::string HouseholdGenerator::GivenName(bool female) {
  return female ? absl::StrCat(Pick(kMiddleFemale, rng_()), " ", Pick(kGivenFemale, rng_()))
                : absl::StrCat(Pick(kMiddleMale, rng_()), " ", Pick(kGivenMale, rng_()));
}

void HouseholdGenerator::AddMember(v1::Household& household, const std::string& member_id,
                                   bool head, const std::string& family_name) {
  v1::Member* member = household.add_members();
  const bool female = Below(2) == 0;
  member->set_member_id(member_id);
  member->set_full_name(absl::StrCat(family_name, " ", GivenName(female)));
  // CCCD: province of birth (3 digits), century and sex, year, then 6 random digits.
  member->set_national_id(
      absl::StrCat("027", female ? 1 : 0, Below(90) + 10, 100000 + Below(900000)));
  // The head and spouse are adults; the others span children to grandparents.
  const int birth_year =
      head ? 1950 + static_cast<int>(Below(50)) : 1940 + static_cast<int>(Below(82));
  member->mutable_birth_date()->set_year(birth_year);
  member->mutable_birth_date()->set_month(1 + static_cast<int>(Below(12)));
  member->mutable_birth_date()->set_day(1 + static_cast<int>(Below(28)));
  member->set_sex(female ? v1::SEX_FEMALE : v1::SEX_MALE);
  member->set_relationship(head ? v1::RELATIONSHIP_HEAD
                                : static_cast<v1::Relationship>(2 + Below(7)));
  member->set_ethnicity_code(Below(5) == 0 ? absl::StrCat(10 + Below(44)) : "01");
  member->set_has_disability(Below(20) == 0);
  member->set_receives_social_allowance(Below(10) == 0);
  member->set_has_health_insurance(Below(6) != 0);
  member->set_person_of_merit(Below(50) == 0);
  if (birth_year > 2008) {
    // Of school age in 2026: attends, does not work.
    member->set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
    member->set_education(birth_year > 2018 ? v1::EDUCATION_NONE : v1::EDUCATION_PRIMARY);
    member->set_school_attendance(Below(8) == 0 ? v1::SCHOOL_ATTENDANCE_BELOW_AGE_LEVEL
                                                : v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
    if (birth_year > 2010)
      member->set_nutrition(Below(6) == 0 ? v1::NUTRITION_STUNTED : v1::NUTRITION_NORMAL);
  } else {
    member->set_employment(static_cast<v1::Employment>(1 + Below(5)));
    member->set_education(static_cast<v1::Education>(1 + Below(6)));
    member->set_in_vocational_training(Below(15) == 0);
  }
}

v1::Household HouseholdGenerator::Make(const std::string& commune_code,
                                       const std::string& village_code) {
  v1::Household household;
  v1::Location* location = household.mutable_location();
  location->set_province_code("27");
  location->set_commune_code(commune_code);
  location->set_village_code(village_code);
  location->set_area(Below(4) == 0 ? v1::AREA_URBAN : v1::AREA_RURAL);
  location->set_address(
      absl::StrCat("Số ", Below(300) + 1, ", ", Pick(kStreets, rng_()), ", thôn ", village_code));

  const std::string family = Pick(kFamilyNames, rng_());
  const int members = 4 + static_cast<int>(Below(4));
  for (int i = 0; i < members; ++i) AddMember(household, absl::StrCat("m", i + 1), i == 0, family);
  household.set_head_member_id("m1");

  int income_lines = 0;
  for (const v1::Member& member : household.members()) {
    if (member.employment() == v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE ||
        member.employment() == v1::EMPLOYMENT_UNEMPLOYED) {
      continue;
    }
    v1::IncomeItem* income = household.add_incomes();
    income->set_income_id(absl::StrCat("i", ++income_lines));
    income->set_source(member.employment() == v1::EMPLOYMENT_SELF_EMPLOYED
                           ? v1::INCOME_SOURCE_BUSINESS
                           : v1::INCOME_SOURCE_WAGES);
    income->set_member_id(member.member_id());
    income->set_annual_amount_vnd(static_cast<int64_t>(6'000'000 + Below(90'000'000)));
    income->set_note("Thu nhập 12 tháng qua theo lời khai");
  }
  for (v1::IncomeSource source :
       {v1::INCOME_SOURCE_CROPS, v1::INCOME_SOURCE_LIVESTOCK, v1::INCOME_SOURCE_REMITTANCES}) {
    if (Below(2) == 0) continue;
    v1::IncomeItem* income = household.add_incomes();
    income->set_income_id(absl::StrCat("i", ++income_lines));
    income->set_source(source);
    income->set_annual_amount_vnd(static_cast<int64_t>(2'000'000 + Below(30'000'000)));
    income->set_note("Ước tính của hộ sau khi trừ chi phí sản xuất");
  }
  household.set_agricultural_household(Below(2) == 0);

  v1::Housing* housing = household.mutable_housing();
  housing->set_durable_walls(Below(3) != 0);
  housing->set_durable_columns(Below(3) != 0);
  housing->set_durable_roof(Below(3) != 0);
  housing->set_floor_area_m2(static_cast<double>(18 + Below(100)));
  housing->set_water_source(static_cast<v1::WaterSource>(1 + Below(6)));
  housing->set_latrine(static_cast<v1::Latrine>(1 + Below(4)));
  housing->set_waste_handling(static_cast<v1::WasteHandling>(1 + Below(3)));

  v1::Information* information = household.mutable_information();
  information->set_uses_telecom(Below(10) != 0);
  information->set_uses_internet(Below(3) != 0);
  information->set_uses_digital_public_services(Below(4) == 0);
  information->set_has_tv(Below(4) != 0);
  information->set_has_radio(Below(5) == 0);
  information->set_has_computer(Below(6) == 0);
  information->set_has_smartphone(Below(3) != 0);

  // The income-proxy form (điểm B1): sixteen questions on assets and living conditions.
  for (int q = 1; q <= 16; ++q) {
    v1::ScoreAnswer* answer = household.add_score_answers();
    answer->set_question_code(absl::StrCat("B1.", q < 10 ? "0" : "", q));
    answer->set_answer_code(absl::StrCat("B1.", q < 10 ? "0" : "", q, ".", 1 + Below(4)));
  }
  household.set_surveyed_at_unix(1'788'000'000 + static_cast<int64_t>(Below(2'000'000)));
  household.set_collaborator_note(absl::StrCat(Pick(kNotes, rng_()), " ", Pick(kNotes, rng_()),
                                               " Người trả lời: ", household.members(0).full_name(),
                                               "."));
  return household;
}

std::string HouseholdGenerator::Edit(v1::Household& household, const std::string& unique_tag) {
  switch (Below(6)) {
    case 0:
      household.mutable_housing()->set_floor_area_m2(static_cast<double>(18 + Below(100)));
      return "housing.floor_area_m2";
    case 1: {
      v1::IncomeItem* income = household.add_incomes();
      income->set_income_id(absl::StrCat("i-", unique_tag));
      income->set_source(v1::INCOME_SOURCE_OTHER);
      income->set_annual_amount_vnd(static_cast<int64_t>(1'000'000 + Below(10'000'000)));
      income->set_note("Bổ sung khi phúc tra");
      return absl::StrCat("incomes[", income->income_id(), "]");
    }
    case 2: {
      const std::string family =
          household.members(0).full_name().substr(0, household.members(0).full_name().find(' '));
      const std::string member_id = absl::StrCat("m-", unique_tag);
      AddMember(household, member_id, false, family);
      return absl::StrCat("members[", member_id, "]");
    }
    case 3:
      household.mutable_information()->set_uses_internet(Below(2) == 0);
      return "information.uses_internet";
    case 4: {
      const int m = static_cast<int>(Below(household.members_size()));
      household.mutable_members(m)->set_has_health_insurance(Below(2) == 0);
      return absl::StrCat("members[", household.members(m).member_id(), "].has_health_insurance");
    }
    default:
      household.set_collaborator_note(absl::StrCat("Phúc tra lần ", unique_tag));
      return "collaborator_note";
  }
}

}  // namespace rasoat::tablet
