// reasons.js — the server's English sentences that explain a classification, a target or a
// validation issue, put into Vietnamese for the Vietnamese console. A sentence this console does
// not know is shown as the server wrote it.
import { lang, t } from "./i18n.js";
import { dec } from "./format.js";

const n = (text) => dec(Number(text), 2);

// [pattern, Vietnamese replacement (a function of the groups)].
const SENTENCES = [
  [/^unhygienic water source$/, () => "nguồn nước không hợp vệ sinh"],
  [/^hygienic water source or not recorded$/, () => "nguồn nước hợp vệ sinh hoặc chưa ghi nhận"],
  [/^no hygienic latrine$/, () => "không có nhà tiêu hợp vệ sinh"],
  [/^hygienic latrine or not recorded$/, () => "có nhà tiêu hợp vệ sinh hoặc chưa ghi nhận"],
  [/^household waste not collected or treated$/, () => "rác thải không được thu gom, xử lý"],
  [/^waste handled or not recorded$/, () => "rác thải được xử lý hoặc chưa ghi nhận"],
  [/^no member uses telephone or internet$/, () => "không thành viên nào dùng điện thoại hay internet"],
  [/^uses telephone or internet, or not recorded$/,
    () => "có dùng điện thoại hoặc internet, hoặc chưa ghi nhận"],
  [/^no TV, radio, computer or smartphone$/,
    () => "không có ti vi, đài, máy vi tính hay điện thoại thông minh"],
  [/^has an information device or not recorded$/,
    () => "có phương tiện tiếp cận thông tin hoặc chưa ghi nhận"],
  [/^uses neither internet nor digital services$/, () => "không dùng internet và dịch vụ số"],
  [/^uses digital services or not recorded$/, () => "có dùng dịch vụ số hoặc chưa ghi nhận"],
  [/^indicator not known to this version: not counted$/,
    () => "chỉ số chưa được phiên bản này hỗ trợ: không tính"],
  [/^a member aged (\d+) is unemployed$/, (m) => `một thành viên ${m[1]} tuổi thất nghiệp`],
  [/^a member aged (\d+) works for pay without a contract$/,
    (m) => `một thành viên ${m[1]} tuổi làm công không có hợp đồng lao động`],
  [/^no working-age member unemployed or without contract$/,
    () => "không thành viên trong tuổi lao động nào thất nghiệp hay làm công không hợp đồng"],
  [/^(\d+) of (\d+) members are dependants$/,
    (m) => `${m[1]} trên ${m[2]} thành viên là người phụ thuộc`],
  [/^a child aged (\d+) is stunted or underweight$/,
    (m) => `một trẻ ${m[1]} tuổi bị thấp còi hoặc nhẹ cân`],
  [/^no child stunted or underweight$/, () => "không trẻ nào thấp còi hay nhẹ cân"],
  [/^a member aged (\d+) has no health insurance$/,
    (m) => `một thành viên ${m[1]} tuổi không có bảo hiểm y tế`],
  [/^every member aged (\d+)\+ insured or not recorded$/,
    (m) => `mọi thành viên từ ${m[1]} tuổi có bảo hiểm y tế hoặc chưa ghi nhận`],
  [/^a member aged (\d+) not in training lacks the required schooling$/,
    (m) => `một thành viên ${m[1]} tuổi không đi học nghề và chưa đạt trình độ yêu cầu`],
  [/^adults have the required schooling or are in training$/,
    () => "người lớn đạt trình độ yêu cầu hoặc đang học nghề"],
  [/^a child aged (\d+) is not at school at the level for their age$/,
    (m) => `một trẻ ${m[1]} tuổi không đi học đúng cấp theo độ tuổi`],
  [/^children attend school at their level$/, () => "trẻ em đi học đúng cấp theo độ tuổi"],
  [/^(\d+) of walls, columns, roof not durable$/,
    (m) => `${m[1]} trong 3 bộ phận tường, cột, mái không bền chắc`],
  [/^floor area not recorded$/, () => "chưa ghi nhận diện tích nhà ở"],
  [/^([\d.]+) m² per person, under ([\d.]+)$/,
    (m) => `${n(m[1])} m²/người, dưới mức ${n(m[2])} m²`],
  [/^([\d.]+) m² per person$/, (m) => `${n(m[1])} m²/người`],
  // Targets (ReportService).
  [/^poor rate at most ([\d.]+) %$/, (m) => `tỷ lệ hộ nghèo không quá ${n(m[1])} %`],
  [/^(poor|near-poor) rate down by at least ([\d.]+) points( \(no previous round\))?$/,
    (m) => `tỷ lệ hộ ${m[1] === "poor" ? "nghèo" : "cận nghèo"} giảm ít nhất ${n(m[2])} điểm phần trăm` +
      (m[3] ? " (chưa có số liệu kỳ trước)" : "")],
  [/^at least (\d+) fewer (poor|near-poor) households?( \(no previous round\))?$/,
    (m) => `giảm ít nhất ${m[1]} hộ ${m[2] === "poor" ? "nghèo" : "cận nghèo"}` +
      (m[3] ? " (chưa có số liệu kỳ trước)" : "")],
  [/^no recently escaped household falls back$/,
    () => "100 % hộ mới thoát nghèo, thoát cận nghèo không tái nghèo"],
];

// `sentence` in the console's language.
export function translate(sentence) {
  if (!sentence || lang() === "en") return sentence || "";
  for (const [pattern, make] of SENTENCES) {
    const m = pattern.exec(sentence);
    if (m) return make(m);
  }
  return sentence;
}

const ISSUE_CODES = {
  REQUIRED: ["Thiếu thông tin", "Missing"],
  BAD_FORMAT: ["Sai định dạng", "Bad format"],
  BAD_DATE: ["Ngày không hợp lệ", "Not a real date"],
  OUT_OF_RANGE: ["Ngoài khoảng cho phép", "Out of range"],
  UNKNOWN_CODE: ["Mã không có trong danh mục", "Unknown code"],
  DUPLICATE_ID: ["Trùng mã", "Duplicate id"],
  HEAD_NOT_A_MEMBER: ["Chủ hộ không có trong danh sách thành viên", "Head is not a member"],
  HEAD_RELATIONSHIP: ["Quan hệ với chủ hộ không khớp", "Head's relationship does not match"],
  HEAD_TOO_YOUNG: ["Chủ hộ chưa đủ tuổi", "Head too young"],
  SECOND_HEAD: ["Có hơn một chủ hộ", "A second head"],
  IMPLAUSIBLE: ["Giá trị khó tin, cần kiểm tra", "Implausible value"],
  IN_FUTURE: ["Ngày ở tương lai", "Date in the future"],
  EMPLOYMENT_TOO_YOUNG: ["Ghi việc làm cho người chưa đủ tuổi", "Employment for a child"],
  SCHOOL_TOO_YOUNG: ["Ghi đi học cho trẻ chưa đủ tuổi", "School for a child too young"],
  NUTRITION_NOT_A_CHILD: ["Ghi dinh dưỡng cho người không phải trẻ em", "Nutrition for an adult"],
  TOO_MANY_MEMBERS: ["Quá nhiều thành viên", "Too many members"],
  UNKNOWN_MEMBER: ["Thành viên không có trong hộ", "Unknown member"],
};

// A validation issue's code in words ("Thiếu thông tin").
export function issueTitle(code) {
  const pair = ISSUE_CODES[code];
  if (!pair) return t("issue_other");
  return lang() === "en" ? pair[1] : pair[0];
}
