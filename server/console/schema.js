// schema.js — the household record's fields (household.proto) with their types and labels, and
// merge paths ("members[m2].birth_date") read against it: which field a path names, its type,
// and a label a person reads ("Thành viên Trần Thị Bình › Ngày sinh").
import { pick, t } from "./i18n.js";

// [type, label [vi, en], target]: type string|int|int64|double|bool|obool (optional bool)|
// enum (target: the enum)|message (target: the message)|list (repeated message).
const FIELDS = {
  Household: {
    location: ["message", ["Địa chỉ", "Location"], "Location"],
    head_member_id: ["string", ["Mã chủ hộ", "Head member id"]],
    members: ["list", ["Thành viên", "Members"], "Member"],
    incomes: ["list", ["Thu nhập", "Income"], "IncomeItem"],
    housing: ["message", ["Nhà ở", "Housing"], "Housing"],
    information: ["message", ["Tiếp cận thông tin", "Information"], "Information"],
    score_answers: ["list", ["Câu trả lời chấm điểm", "Scoring answers"], "ScoreAnswer"],
    agricultural_household: ["obool", ["Hộ nông, lâm, ngư, diêm nghiệp",
      "Farm, forestry, fishery or salt household"]],
    surveyed_at_unix: ["int64", ["Thời điểm phỏng vấn", "Interviewed at"]],
    collaborator_note: ["string", ["Ghi chú của cộng tác viên", "Collaborator's note"]],
  },
  Location: {
    province_code: ["string", ["Mã tỉnh", "Province code"]],
    commune_code: ["string", ["Mã xã", "Commune code"]],
    village_code: ["string", ["Thôn", "Village"]],
    area: ["enum", ["Khu vực", "Area"], "Area"],
    address: ["string", ["Địa chỉ", "Address"]],
  },
  Date: {
    year: ["int", ["Năm", "Year"]],
    month: ["int", ["Tháng", "Month"]],
    day: ["int", ["Ngày", "Day"]],
  },
  Member: {
    member_id: ["string", ["Mã thành viên", "Member id"]],
    full_name: ["string", ["Họ và tên", "Full name"]],
    national_id: ["string", ["Số CCCD", "National ID (CCCD)"]],
    birth_date: ["message", ["Ngày sinh", "Birth date"], "Date"],
    sex: ["enum", ["Giới tính", "Sex"], "Sex"],
    relationship: ["enum", ["Quan hệ với chủ hộ", "Relationship to head"], "Relationship"],
    ethnicity_code: ["string", ["Dân tộc", "Ethnicity"]],
    has_disability: ["obool", ["Khuyết tật", "Disability"]],
    receives_social_allowance: ["obool", ["Hưởng trợ cấp xã hội", "Receives social allowance"]],
    has_health_insurance: ["obool", ["Có thẻ BHYT", "Health insurance"]],
    employment: ["enum", ["Việc làm", "Employment"], "Employment"],
    education: ["enum", ["Trình độ học vấn", "Education"], "Education"],
    school_attendance: ["enum", ["Tình trạng đi học", "School attendance"], "SchoolAttendance"],
    in_vocational_training: ["obool", ["Đang học nghề", "In vocational training"]],
    nutrition: ["enum", ["Dinh dưỡng (trẻ dưới 16 tuổi)", "Nutrition (under 16)"], "Nutrition"],
    person_of_merit: ["obool", ["Người có công với cách mạng", "Person of merit"]],
  },
  IncomeItem: {
    income_id: ["string", ["Mã khoản thu", "Income line id"]],
    source: ["enum", ["Nguồn thu", "Source"], "IncomeSource"],
    member_id: ["string", ["Thành viên", "Member"]],
    annual_amount_vnd: ["int64", ["Thu nhập 12 tháng qua", "Income, last 12 months"]],
    note: ["string", ["Ghi chú", "Note"]],
  },
  Housing: {
    durable_walls: ["obool", ["Tường bền chắc", "Durable walls"]],
    durable_columns: ["obool", ["Cột bền chắc", "Durable columns"]],
    durable_roof: ["obool", ["Mái bền chắc", "Durable roof"]],
    floor_area_m2: ["double", ["Diện tích ở (m²)", "Floor area (m²)"]],
    water_source: ["enum", ["Nguồn nước sinh hoạt", "Water source"], "WaterSource"],
    latrine: ["enum", ["Nhà tiêu", "Latrine"], "Latrine"],
    waste_handling: ["enum", ["Xử lý rác thải", "Waste handling"], "WasteHandling"],
  },
  Information: {
    uses_telecom: ["obool", ["Sử dụng điện thoại", "Uses telephone"]],
    uses_internet: ["obool", ["Sử dụng internet", "Uses internet"]],
    uses_digital_public_services: ["obool", ["Dùng dịch vụ công trực tuyến",
      "Uses digital public services"]],
    has_tv: ["obool", ["Có ti vi", "Has a TV"]],
    has_radio: ["obool", ["Có đài", "Has a radio"]],
    has_computer: ["obool", ["Có máy vi tính", "Has a computer"]],
    has_smartphone: ["obool", ["Có điện thoại thông minh", "Has a smartphone"]],
  },
  ScoreAnswer: {
    question_code: ["string", ["Câu hỏi", "Question"]],
    answer_code: ["string", ["Câu trả lời", "Answer"]],
  },
};

// The field definition {name, type, label, target} of `field` in `message`, or null.
export function fieldOf(message, field) {
  const def = FIELDS[message] && FIELDS[message][field];
  return def ? { name: field, type: def[0], label: pick(def[1]), target: def[2] } : null;
}

// The fields of a message in declaration order.
export function fieldsOf(message) {
  return Object.keys(FIELDS[message] || {}).map((name) => fieldOf(message, name));
}

// "members[m2].birth_date" → [{field: "members", id: "m2"}, {field: "birth_date"}]; null when it
// is no path. Ids may hold dots ("score_answers[B1.01]"), never brackets.
export function parsePath(path) {
  const steps = [];
  let rest = path || "";
  while (rest.length) {
    const m = /^([a-z_][a-z0-9_]*)(?:\[([^\][]*)\])?(?:\.|$)/.exec(rest);
    if (!m) return null;
    steps.push(m[2] === undefined ? { field: m[1] } : { field: m[1], id: m[2] });
    rest = rest.slice(m[0].length);
  }
  return steps;
}

// What `path` names: {kind, field, message}. kind: the field's type, "element" for one element
// of a list ("members[m2]"), or "unknown". field: its definition; message: the message holding
// it (or, for an element, the element's message).
export function resolvePath(path) {
  const steps = parsePath(path);
  let message = "Household";
  let result = { kind: "unknown", field: null, message: null };
  if (!steps || !steps.length) return result;
  for (let i = 0; i < steps.length; i += 1) {
    const field = fieldOf(message, steps[i].field);
    if (!field) return { kind: "unknown", field: null, message: null };
    const last = i === steps.length - 1;
    if (field.type === "list" && steps[i].id !== undefined) {
      if (last) return { kind: "element", field, message: field.target };
      message = field.target;
    } else if (field.type === "message") {
      if (last) {
        result = { kind: field.target === "Date" ? "date" : "message", field, message: field.target };
      }
      message = field.target;
    } else {
      if (!last) return { kind: "unknown", field: null, message: null };
      result = { kind: field.type, field, message };
    }
  }
  return result;
}

// How a person names one element of a list of `record`.
function elementLabel(listField, id, record) {
  if (listField === "members") {
    const member = ((record && record.members) || []).find((m) => m.member_id === id);
    return member && member.full_name ? `${t("member")} ${member.full_name}`
      : `${t("member")} (${t("code").toLowerCase()} ${id})`;
  }
  if (listField === "incomes") return `${t("income_line")} ${id}`;
  if (listField === "score_answers") return `${t("question")} ${id}`;
  return id;
}

// "members[m2].birth_date" → "Thành viên Trần Thị Bình › Ngày sinh"; "" → "Cả hộ".
export function pathLabel(path, record) {
  if (!path) return t("whole_record");
  const steps = parsePath(path);
  if (!steps) return path;
  const parts = [];
  let message = "Household";
  for (const step of steps) {
    const field = message && fieldOf(message, step.field);
    if (!field) {
      parts.push(step.id === undefined ? step.field : `${step.field} ${step.id}`);
      message = null;
      continue;
    }
    if (step.id !== undefined) {
      parts.push(elementLabel(step.field, step.id, record));
    } else {
      parts.push(field.label);
    }
    message = field.target || null;
  }
  return parts.join(" › ");
}
