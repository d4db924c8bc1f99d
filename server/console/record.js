// record.js — a household record read as a form: location, members, income in đồng, housing,
// water and sanitation, information, scoring answers. Every value carries its merge path in
// data-path, so that validation issues can be shown next to the field they concern.
import { h, defs } from "./dom.js";
import { t } from "./i18n.js";
import { vnd } from "./format.js";
import { fieldOf, fieldsOf } from "./schema.js";
import { describeField } from "./values.js";

// The value of a field of `message` in words; an optional bool left unanswered says so.
function valueOf(message, name, object, record) {
  const field = fieldOf(message, name);
  const value = object ? object[name] : undefined;
  if (field.type === "obool" && (value === undefined || value === null)) return t("not_answered");
  if (value === undefined || value === null || value === "") return "—";
  return describeField(field, value, record);
}

// [label, value, {data-path}] rows of `names` of a message at `prefix`.
function rows(message, names, object, prefix, record) {
  return names.map((name) => [fieldOf(message, name).label, valueOf(message, name, object, record),
    { dataset: { path: `${prefix}${name}` } }]);
}

function memberCard(member, record, isHead) {
  const path = `members[${member.member_id}]`;
  const names = fieldsOf("Member").map((f) => f.name)
    .filter((n) => n !== "full_name" && n !== "member_id");
  return h("article", { class: "member", dataset: { path } },
    h("h4", { dataset: { path: `${path}.full_name` } }, member.full_name || member.member_id,
      isHead ? h("span", { class: "badge head" }, t("head_of_household")) : null),
    defs(rows("Member", names, member, `${path}.`, record)));
}

function incomeTable(record) {
  const incomes = record.incomes || [];
  if (!incomes.length) return h("p", { class: "muted", dataset: { path: "incomes" } }, t("no_incomes"));
  let total = 0n;
  const body = incomes.map((item) => {
    const path = `incomes[${item.income_id}]`;
    const allowance = item.source === "INCOME_SOURCE_SOCIAL_ALLOWANCE";
    if (!allowance) total += BigInt(item.annual_amount_vnd || "0");
    return h("tr", { dataset: { path } },
      h("td", { dataset: { path: `${path}.source` } }, valueOf("IncomeItem", "source", item, record),
        allowance ? h("div", { class: "hint" }, t("allowance_excluded")) : null),
      h("td", { dataset: { path: `${path}.member_id` } },
        item.member_id ? valueOf("IncomeItem", "member_id", item, record) : t("whole_household")),
      h("td", { class: "num", dataset: { path: `${path}.annual_amount_vnd` } },
        vnd(item.annual_amount_vnd || "0")),
      h("td", { dataset: { path: `${path}.note` } }, item.note || ""));
  });
  return h("table", { class: "data", dataset: { path: "incomes" } },
    h("thead", null, h("tr", null,
      [t("income_source"), t("earned_by"), t("income_12_months"), t("note")]
        .map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", null, body),
    h("tfoot", null, h("tr", null, h("th", { scope: "row", colspan: "2" }, t("income_total_counted")),
      h("td", { class: "num" }, vnd(total.toString())), h("td"))));
}

function scoreAnswers(record) {
  const answers = record.score_answers || [];
  if (!answers.length) return h("p", { class: "muted" }, t("no_score_answers"));
  return h("details", { dataset: { path: "score_answers" } },
    h("summary", null, t("score_answers_n", { n: answers.length })),
    h("table", { class: "data compact" },
      h("thead", null, h("tr", null,
        h("th", { scope: "col" }, t("question")), h("th", { scope: "col" }, t("answer")))),
      h("tbody", null, answers.map((a) =>
        h("tr", { dataset: { path: `score_answers[${a.question_code}]` } },
          h("td", null, a.question_code), h("td", null, a.answer_code))))));
}

export function renderRecord(record) {
  const r = record || {};
  const members = r.members || [];
  return h("div", { class: "record" },
    h("section", { class: "card" },
      h("h3", null, t("section_location")),
      defs([
        ...rows("Location", ["province_code", "commune_code", "village_code", "area", "address"],
          r.location || {}, "location.", r),
        ...rows("Household", ["agricultural_household", "surveyed_at_unix", "collaborator_note"],
          r, "", r),
      ])),
    h("section", { class: "card", dataset: { path: "members" } },
      h("h3", { dataset: { path: "head_member_id" } }, t("section_members", { n: members.length })),
      members.length ? h("div", { class: "members" },
        members.map((m) => memberCard(m, r, m.member_id === r.head_member_id)))
        : h("p", { class: "muted" }, t("no_members"))),
    h("section", { class: "card" }, h("h3", null, t("section_income")), incomeTable(r)),
    h("section", { class: "card", dataset: { path: "housing" } },
      h("h3", null, t("section_housing")),
      defs(rows("Housing", fieldsOf("Housing").map((f) => f.name), r.housing || {}, "housing.", r))),
    h("section", { class: "card", dataset: { path: "information" } },
      h("h3", null, t("section_information")),
      defs(rows("Information", fieldsOf("Information").map((f) => f.name), r.information || {},
        "information.", r))),
    h("section", { class: "card" }, h("h3", null, t("section_scoring")), scoreAnswers(r)));
}
