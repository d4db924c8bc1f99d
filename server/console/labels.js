// labels.js — words for every enum value the console shows (household.proto, sync.proto,
// review.proto, standard.proto, identity.proto, report.proto), in Vietnamese and English. People
// read these labels, never the enum names.
import { pick, t } from "./i18n.js";

const LABELS = {
  ReviewStatus: {
    REVIEW_STATUS_READY_FOR_REVIEW: ["Chờ duyệt", "Ready for review"],
    REVIEW_STATUS_NEEDS_CORRECTION: ["Cần sửa", "Needs correction"],
    REVIEW_STATUS_CONFLICT: ["Xung đột", "Conflict"],
    REVIEW_STATUS_RETURNED: ["Đã trả lại", "Returned"],
    REVIEW_STATUS_APPROVED: ["Đã phê duyệt", "Approved"],
  },
  ProcedureStep: {
    PROCEDURE_STEP_UNSPECIFIED: ["Chưa vào quy trình", "Not in the procedure"],
    PROCEDURE_STEP_AWAITING_MEETING: ["Chờ họp thôn", "Awaiting village meeting"],
    PROCEDURE_STEP_AGREED_AT_MEETING: ["Họp thôn đã thống nhất", "Agreed at village meeting"],
    PROCEDURE_STEP_POSTED: ["Đang niêm yết", "Posted publicly"],
    PROCEDURE_STEP_RECOGNISED: ["Đã công nhận", "Recognised"],
  },
  PovertyClass: {
    POVERTY_CLASS_POOR: ["Hộ nghèo", "Poor"],
    POVERTY_CLASS_NEAR_POOR: ["Hộ cận nghèo", "Near-poor"],
    POVERTY_CLASS_AVERAGE_LIVING_STANDARD: ["Hộ có mức sống trung bình", "Average living standard"],
    POVERTY_CLASS_NOT_POOR: ["Hộ không nghèo", "Not poor"],
  },
  HouseholdOutcome: {
    HOUSEHOLD_OUTCOME_FIRST_REVIEWED: ["Rà soát lần đầu", "First reviewed"],
    HOUSEHOLD_OUTCOME_NEW_POOR: ["Hộ nghèo mới", "Newly poor"],
    HOUSEHOLD_OUTCOME_NEW_NEAR_POOR: ["Hộ cận nghèo mới", "Newly near-poor"],
    HOUSEHOLD_OUTCOME_RE_POOR: ["Tái nghèo", "Poor again"],
    HOUSEHOLD_OUTCOME_ESCAPED_POOR: ["Thoát nghèo", "Escaped poverty"],
    HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR: ["Thoát cận nghèo", "Escaped near-poverty"],
    HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR: ["Từ nghèo sang cận nghèo", "Poor to near-poor"],
    HOUSEHOLD_OUTCOME_NEAR_POOR_TO_POOR: ["Từ cận nghèo sang nghèo", "Near-poor to poor"],
    HOUSEHOLD_OUTCOME_UNCHANGED: ["Không đổi", "Unchanged"],
  },
  Area: {
    AREA_RURAL: ["Nông thôn", "Rural"],
    AREA_URBAN: ["Thành thị", "Urban"],
  },
  Sex: {
    SEX_MALE: ["Nam", "Male"],
    SEX_FEMALE: ["Nữ", "Female"],
  },
  Relationship: {
    RELATIONSHIP_HEAD: ["Chủ hộ", "Head of household"],
    RELATIONSHIP_SPOUSE: ["Vợ/chồng", "Spouse"],
    RELATIONSHIP_CHILD: ["Con", "Child"],
    RELATIONSHIP_PARENT: ["Bố/mẹ", "Parent"],
    RELATIONSHIP_GRANDCHILD: ["Cháu", "Grandchild"],
    RELATIONSHIP_SIBLING: ["Anh/chị/em", "Sibling"],
    RELATIONSHIP_OTHER_RELATIVE: ["Họ hàng khác", "Other relative"],
    RELATIONSHIP_NON_RELATIVE: ["Không có quan hệ họ hàng", "Not related"],
  },
  Employment: {
    EMPLOYMENT_WAGED_WITH_CONTRACT: ["Làm công, có hợp đồng lao động", "Waged, with a contract"],
    EMPLOYMENT_WAGED_WITHOUT_CONTRACT: ["Làm công, không có hợp đồng lao động",
      "Waged, without a contract"],
    EMPLOYMENT_SELF_EMPLOYED: ["Tự làm", "Self-employed"],
    EMPLOYMENT_UNEMPLOYED: ["Thất nghiệp", "Unemployed"],
    EMPLOYMENT_NOT_IN_LABOUR_FORCE: ["Không tham gia lực lượng lao động",
      "Not in the labour force"],
  },
  Education: {
    EDUCATION_NONE: ["Chưa đi học", "No schooling"],
    EDUCATION_PRIMARY: ["Tiểu học", "Primary"],
    EDUCATION_LOWER_SECONDARY: ["Trung học cơ sở", "Lower secondary"],
    EDUCATION_UPPER_SECONDARY: ["Trung học phổ thông", "Upper secondary"],
    EDUCATION_VOCATIONAL: ["Trung cấp, học nghề", "Vocational"],
    EDUCATION_TERTIARY: ["Cao đẳng, đại học trở lên", "Tertiary"],
  },
  SchoolAttendance: {
    SCHOOL_ATTENDANCE_AT_AGE_LEVEL: ["Đi học đúng cấp theo độ tuổi", "At the level for their age"],
    SCHOOL_ATTENDANCE_BELOW_AGE_LEVEL: ["Đi học thấp hơn cấp theo độ tuổi",
      "Below the level for their age"],
    SCHOOL_ATTENDANCE_NOT_ATTENDING: ["Không đi học", "Not attending"],
  },
  Nutrition: {
    NUTRITION_NORMAL: ["Bình thường", "Normal"],
    NUTRITION_STUNTED: ["Thấp còi", "Stunted"],
    NUTRITION_UNDERWEIGHT: ["Nhẹ cân", "Underweight"],
  },
  IncomeSource: {
    INCOME_SOURCE_WAGES: ["Tiền lương, tiền công", "Wages"],
    INCOME_SOURCE_CROPS: ["Trồng trọt", "Crops"],
    INCOME_SOURCE_LIVESTOCK: ["Chăn nuôi", "Livestock"],
    INCOME_SOURCE_FORESTRY: ["Lâm nghiệp", "Forestry"],
    INCOME_SOURCE_FISHERY: ["Thủy sản", "Fishery"],
    INCOME_SOURCE_SALT: ["Làm muối", "Salt"],
    INCOME_SOURCE_BUSINESS: ["Kinh doanh, dịch vụ", "Business, services"],
    INCOME_SOURCE_REMITTANCES: ["Tiền gửi về", "Remittances"],
    INCOME_SOURCE_PENSION: ["Lương hưu", "Pension"],
    INCOME_SOURCE_SOCIAL_ALLOWANCE: ["Trợ cấp xã hội", "Social allowance"],
    INCOME_SOURCE_OTHER: ["Nguồn khác", "Other"],
  },
  WaterSource: {
    WATER_SOURCE_PIPED: ["Nước máy", "Piped water"],
    WATER_SOURCE_PROTECTED_WELL: ["Giếng đào được bảo vệ", "Protected dug well"],
    WATER_SOURCE_RAINWATER: ["Nước mưa", "Rainwater"],
    WATER_SOURCE_UNPROTECTED_WELL: ["Giếng đào không được bảo vệ", "Unprotected dug well"],
    WATER_SOURCE_SURFACE: ["Nước mặt (sông, suối, ao, hồ)", "Surface water"],
    WATER_SOURCE_OTHER: ["Nguồn khác", "Other"],
    WATER_SOURCE_DRILLED_WELL: ["Giếng khoan", "Drilled well"],
    WATER_SOURCE_PROTECTED_SPRING: ["Nước khe, suối, mó được bảo vệ", "Protected spring"],
    WATER_SOURCE_UNPROTECTED_SPRING: ["Nước khe, suối, mó không được bảo vệ", "Unprotected spring"],
    WATER_SOURCE_BOTTLED: ["Nước đóng bình, đóng chai", "Bottled water"],
  },
  Latrine: {
    LATRINE_FLUSH: ["Tự hoại, bán tự hoại", "Septic flush"],
    LATRINE_IMPROVED_PIT: ["Hố xí cải tiến có ống thông hơi", "Ventilated improved pit"],
    LATRINE_UNIMPROVED_PIT: ["Hố xí không hợp vệ sinh", "Unimproved pit"],
    LATRINE_NONE: ["Không có nhà tiêu", "None"],
    LATRINE_POUR_FLUSH: ["Thấm dội nước", "Pour-flush"],
    LATRINE_DOUBLE_VAULT: ["Khô hai ngăn", "Double-vault"],
  },
  WasteHandling: {
    WASTE_HANDLING_COLLECTED: ["Được thu gom", "Collected"],
    WASTE_HANDLING_TREATED_ON_SITE: ["Tự xử lý hợp vệ sinh", "Treated on site"],
    WASTE_HANDLING_UNTREATED: ["Không được xử lý", "Untreated"],
  },
  Indicator: {
    INDICATOR_EMPLOYMENT: ["Việc làm", "Employment"],
    INDICATOR_DEPENDANTS: ["Người phụ thuộc trong hộ", "Dependants"],
    INDICATOR_NUTRITION: ["Dinh dưỡng", "Nutrition"],
    INDICATOR_HEALTH_INSURANCE: ["Bảo hiểm y tế", "Health insurance"],
    INDICATOR_ADULT_EDUCATION: ["Trình độ giáo dục của người lớn", "Adult education"],
    INDICATOR_CHILD_SCHOOLING: ["Tình trạng đi học của trẻ em", "Child school attendance"],
    INDICATOR_HOUSING_QUALITY: ["Chất lượng nhà ở", "Housing quality"],
    INDICATOR_FLOOR_AREA: ["Diện tích nhà ở bình quân đầu người", "Floor area per person"],
    INDICATOR_WATER: ["Nguồn nước sinh hoạt", "Domestic water"],
    INDICATOR_LATRINE: ["Nhà tiêu hợp vệ sinh", "Hygienic latrine"],
    INDICATOR_TELECOM: ["Sử dụng dịch vụ viễn thông", "Telecom services"],
    INDICATOR_INFORMATION_DEVICES: ["Phương tiện tiếp cận thông tin", "Information devices"],
    INDICATOR_DIGITAL_SERVICES: ["Sử dụng dịch vụ số, internet", "Digital services, internet"],
    INDICATOR_WASTE: ["Xử lý rác thải sinh hoạt", "Household waste"],
  },
  Role: {
    ROLE_COLLABORATOR: ["Cộng tác viên", "Collaborator"],
    ROLE_REVIEWER: ["Cán bộ rà soát xã", "Commune reviewer"],
    ROLE_CHAIRMAN: ["Chủ tịch UBND xã", "Commune chairman"],
    ROLE_ADMIN: ["Quản trị hệ thống", "Administrator"],
  },
  TokenKind: {
    TOKEN_KIND_API: ["Mã truy cập chương trình", "API token"],
    TOKEN_KIND_DEVICE: ["Mã máy tính bảng", "Tablet token"],
    TOKEN_KIND_SESSION: ["Phiên đăng nhập", "Session"],
  },
  HistoryKind: {
    KIND_PUSH: ["Máy tính bảng gửi bản ghi", "Sent from a tablet"],
    KIND_RESOLUTION: ["Giải quyết xung đột", "Conflict resolved"],
    KIND_APPROVED: ["Phê duyệt", "Approved"],
    KIND_RETURNED: ["Trả lại để sửa", "Returned for correction"],
    KIND_MEETING_AGREED: ["Họp thôn thống nhất", "Agreed at village meeting"],
    KIND_MEETING_RESURVEY: ["Họp thôn yêu cầu rà soát lại", "Re-survey asked by village meeting"],
    KIND_POSTED: ["Niêm yết công khai", "Posted publicly"],
    KIND_OBJECTION: ["Có ý kiến phản ánh", "Objection received"],
    KIND_RECOGNISED: ["Chủ tịch xã công nhận", "Recognised by the chairman"],
  },
  PriorityGroup: {
    PRIORITY_GROUP_ETHNIC_MINORITY_HOUSEHOLDS: ["Hộ dân tộc thiểu số", "Ethnic-minority households"],
    PRIORITY_GROUP_PERSON_OF_MERIT_HOUSEHOLDS: ["Hộ có người có công với cách mạng",
      "Households with a person of merit"],
    PRIORITY_GROUP_FEMALE_HEADED_HOUSEHOLDS: ["Hộ có chủ hộ là nữ", "Female-headed households"],
    PRIORITY_GROUP_CHILDREN: ["Trẻ em (dưới 16 tuổi)", "Children (under 16)"],
    PRIORITY_GROUP_PEOPLE_WITH_DISABILITIES: ["Người khuyết tật", "People with disabilities"],
    PRIORITY_GROUP_WOMEN: ["Phụ nữ", "Women"],
    PRIORITY_GROUP_LOW_INCOME_WORKERS: ["Người lao động có thu nhập thấp", "Low-income workers"],
  },
};

// The label of `value` (an enum name as the JSON API prints it) of enum `enumName`: "—" for an
// unset value, "(khác)" for a value this console does not know (a newer server).
export function label(enumName, value) {
  if (value === undefined || value === null || value === "" || value === 0 ||
      (typeof value === "string" && value.endsWith("_UNSPECIFIED") &&
       !(LABELS[enumName] && LABELS[enumName][value]))) {
    return "—";
  }
  const pair = LABELS[enumName] && LABELS[enumName][value];
  return pair ? pick(pair) : t("other_value");
}

// The values of an enum this console has labels for, in enum order (for select boxes).
export function values(enumName) {
  return Object.keys(LABELS[enumName] || {});
}

// The 54 ethnic groups by their code (General Statistics Office list): "01" → "Kinh".
const ETHNIC_GROUPS = [
  "Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "Hmông", "Dao", "Gia-rai", "Ngái",
  "Ê-đê", "Ba-na", "Xơ-đăng", "Sán Chay", "Cơ-ho", "Chăm", "Sán Dìu", "Hrê", "Mnông",
  "Ra-glai", "Xtiêng", "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ-tu", "Gié-Triêng", "Mạ", "Khơ-mú",
  "Co", "Tà-ôi", "Chơ-ro", "Kháng", "Xinh-mun", "Hà Nhì", "Chu-ru", "Lào", "La Chí", "La Ha",
  "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ-lao", "Cống", "Bố Y",
  "Si La", "Pu Péo", "Brâu", "Ơ-đu", "Rơ-măm",
];

export function ethnicity(code) {
  if (!code) return "—";
  const name = /^\d{2}$/.test(code) ? ETHNIC_GROUPS[Number(code) - 1] : undefined;
  return name ? `${name} (${code})` : `${t("code")} ${code}`;
}
