// values.js — a field's value in words: the text-format values of conflicts and diffs
// (textformat.js) read against the record's schema (schema.js) and labelled (labels.js); and a
// reviewer's typed value turned into the text format ResolveConflict takes.
import { t } from "./i18n.js";
import { date, dateTimeSeconds, dec, num, parseDate, vnd, yesNo } from "./format.js";
import { ethnicity, label } from "./labels.js";
import { fieldOf, fieldsOf, resolvePath } from "./schema.js";
import { parseText, quote } from "./textformat.js";

function memberName(id, record) {
  const member = ((record && record.members) || []).find((m) => m.member_id === id);
  return member && member.full_name ? member.full_name : id;
}

// One field's value (as parsed, or as the JSON API gives it) in words.
export function describeField(field, value, record) {
  if (value === undefined || value === null) return t("empty_value");
  switch (field.type) {
    case "enum":
      return label(field.target, value);
    case "bool":
    case "obool":
      return yesNo(value === true || value === "true");
    case "int":
      return num(value);
    case "int64":
      if (field.name === "surveyed_at_unix") return dateTimeSeconds(value);
      if (field.name === "annual_amount_vnd") return vnd(value);
      return num(value);
    case "double":
      return dec(value, 2);
    case "message":
      if (field.target === "Date") return date(numbers(value));
      return describeMessage(field.target, value, record);
    case "list":
      return [].concat(value).map((item) => describeMessage(field.target, item, record)).join(" | ");
    default:
      if (field.name === "ethnicity_code") return ethnicity(value);
      if (field.name === "member_id" || field.name === "head_member_id") {
        return memberName(value, record);
      }
      return String(value);
  }
}

function numbers(d) {
  return d && typeof d === "object"
    ? { year: Number(d.year || 0), month: Number(d.month || 0), day: Number(d.day || 0) } : d;
}

// A message's set fields in words: "Trần Thị Bình · Con · Nữ · 14/03/1980" for a member,
// "Nguồn thu: Trồng trọt; Thu nhập 12 tháng qua: 12.000.000 đ" for others.
export function describeMessage(message, value, record) {
  if (!value || typeof value !== "object") return String(value ?? "");
  if (message === "Date") return date(numbers(value));
  if (message === "Member") {
    const parts = [value.full_name || value.member_id];
    for (const name of ["relationship", "sex"]) {
      if (value[name] !== undefined) parts.push(describeField(fieldOf("Member", name), value[name]));
    }
    if (value.birth_date) parts.push(date(numbers(value.birth_date)));
    return parts.filter(Boolean).join(" · ");
  }
  const parts = [];
  for (const field of fieldsOf(message)) {
    if (value[field.name] === undefined) continue;
    parts.push(`${field.label}: ${describeField(field, value[field.name], record)}`);
  }
  return parts.join("; ") || t("empty_value");
}

// The value of `path` as the server printed it (`text`, `present`), in words.
export function describeValue(path, text, present, record) {
  if (!present) return t("empty_value");
  const target = resolvePath(path);
  let parsed;
  try {
    parsed = parseText(text);
  } catch {
    return text;
  }
  let value = "scalar" in parsed ? parsed.scalar : parsed.message;
  // A field may print as "name: value" or "name { … }": take the value inside.
  if (target.field && "message" in parsed) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === target.field.name && target.kind !== "element") {
      value = value[keys[0]];
    }
  }
  if (target.kind === "element") return describeMessage(target.message, value, record);
  if (target.field) return describeField(target.field, value, record);
  if (typeof value === "object") {
    return Object.entries(value).map(([k, v]) => `${k}: ${typeof v === "object" ? "…" : v}`).join("; ");
  }
  return String(value);
}

// What a reviewer may type for `path`: {kind, field} with kind string, int, int64, double, bool,
// enum or date; null for a path whose new value cannot be typed (a whole member, income line).
export function inputKind(path) {
  const target = resolvePath(path);
  if (!target.field) return null;
  const kind = target.kind === "obool" ? "bool" : target.kind;
  if (["string", "int", "int64", "double", "bool", "enum", "date"].includes(kind)) {
    return { kind, field: target.field };
  }
  return null;
}

// The typed value `raw` of an input of `kind` as text format; throws Error(message in words)
// when it is not a value of that kind.
export function toTextFormat(kind, raw) {
  const value = String(raw ?? "").trim();
  switch (kind) {
    case "string":
      return quote(String(raw ?? ""));
    case "int":
    case "int64": {
      const digits = value.replace(/[\s.]/g, "");
      if (!/^-?\d+$/.test(digits)) throw new Error(t("need_integer"));
      return digits.replace(/^(-?)0+(?=\d)/, "$1");
    }
    case "double": {
      const normal = value.includes(",") ? value.replace(/[\s.]/g, "").replace(",", ".")
        : value.replace(/\s/g, "");
      if (!/^-?\d+(\.\d+)?$/.test(normal)) throw new Error(t("need_number"));
      return normal;
    }
    case "bool":
      if (value !== "true" && value !== "false") throw new Error(t("need_choice"));
      return value;
    case "enum":
      if (!/^[A-Z][A-Z0-9_]*$/.test(value)) throw new Error(t("need_choice"));
      return value;
    case "date": {
      const d = parseDate(value);
      if (!d) throw new Error(t("need_date"));
      return `year: ${d.year} month: ${d.month} day: ${d.day}`;
    }
    default:
      throw new Error(t("value_not_typable"));
  }
}
