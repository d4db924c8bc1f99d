// format.js — numbers, đồng, percentages and dates the Vietnamese way (1.250.000 đ, 14/03/2026),
// whatever the language: 64-bit values arrive as JSON strings and are formatted exactly.
import { t } from "./i18n.js";

const ZONE = "Asia/Ho_Chi_Minh";
const INTEGER = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const DATE_TIME = new Intl.DateTimeFormat("vi-VN", {
  timeZone: ZONE, day: "2-digit", month: "2-digit", year: "numeric",
  hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});
const DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit",
});

// An integer (number, or a 64-bit JSON string) with Vietnamese separators: 20.000.
export function num(value) {
  if (value === undefined || value === null || value === "") return "0";
  if (typeof value === "string" && /^-?\d+$/.test(value)) return INTEGER.format(BigInt(value));
  const n = Number(value);
  return Number.isFinite(n) ? INTEGER.format(n) : String(value);
}

// A decimal with at most `digits` fraction digits: 12,5.
export function dec(value, digits = 2) {
  const n = Number(value ?? 0);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat("vi-VN", { maximumFractionDigits: digits }).format(n);
}

// "1.250.000 đ".
export function vnd(value) {
  return `${num(value)} đ`;
}

// "1,93 %".
export function percent(value) {
  return `${dec(value, 2)} %`;
}

const pad = (n) => String(n).padStart(2, "0");

// A Date message {year, month, day} as dd/mm/yyyy; "—" when unset.
export function date(d) {
  if (!d || !Number(d.year)) return "—";
  return `${pad(d.day)}/${pad(d.month)}/${d.year}`;
}

function parts(formatter, ms) {
  const out = {};
  for (const part of formatter.formatToParts(new Date(ms))) out[part.type] = part.value;
  return out;
}

function dateTimeMs(ms) {
  const p = parts(DATE_TIME, ms);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

// Microseconds since the epoch (a JSON string) as dd/mm/yyyy HH:MM in Vietnam; "—" for 0.
export function dateTimeMicros(micros) {
  if (!micros || micros === "0") return "—";
  return dateTimeMs(Number(BigInt(micros) / 1000n));
}

// Seconds since the epoch as dd/mm/yyyy HH:MM; "—" for 0.
export function dateTimeSeconds(seconds) {
  if (!seconds || seconds === "0") return "—";
  return dateTimeMs(Number(seconds) * 1000);
}

// Today in Vietnam as a Date message.
export function today() {
  const p = parts(DAY, Date.now());
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day) };
}

// "dd/mm/yyyy" (or d/m/yyyy, with / . or -) → a Date message; null when it is no real day.
export function parseDate(text) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text || "");
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 ||
      check.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

// Negative, zero or positive as a is before, on or after b.
export function compareDates(a, b) {
  return (a.year - b.year) || (a.month - b.month) || (a.day - b.day);
}

// An optional bool answer: yes, no, or not answered (absent).
export function yesNo(value) {
  if (value === true) return t("yes");
  if (value === false) return t("no");
  return t("not_answered");
}

// A count of seconds as "3 giờ 5 phút" / "3 h 5 min".
export function duration(seconds) {
  const s = Math.round(Number(seconds) || 0);
  if (s < 60) return t("seconds_n", { n: s });
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return t("minutes_n", { n: minutes });
  return t("hours_minutes_n", { h: Math.floor(minutes / 60), m: minutes % 60 });
}
