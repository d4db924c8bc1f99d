// classification.js — a household's class with its explanation: the per-capita income against
// the income line, and which indicators are deprived and why; for the national standard and,
// where one applies, the province's local standard.
import { h, defs } from "./dom.js";
import { t } from "./i18n.js";
import { num, vnd } from "./format.js";
import { label } from "./labels.js";
import { translate } from "./reasons.js";

// The explanation as sentences built from the classification's figures.
function explain(c) {
  const income = BigInt(c.per_capita_monthly_income_vnd || "0");
  const line = BigInt(c.poor_income_line_vnd || "0");
  const average = BigInt(c.average_income_line_vnd || "0");
  const area = label("Area", c.area);
  const count = Number(c.deprivation_count || 0);
  const needed = Number(c.deprivations_for_poor || 0);
  const total = (c.indicators || []).length;
  if (!c.member_count) return [t("explain_no_members")];
  if (!c.area || c.area === "AREA_UNSPECIFIED") return [t("explain_no_area")];
  const sentences = [t("explain_income", {
    income: vnd(income.toString()), annual: vnd(c.counted_annual_income_vnd || "0"),
    members: num(c.member_count),
  })];
  if (income <= line) {
    sentences.push(t("explain_under_line", { line: vnd(line.toString()), area }));
    sentences.push(t(count >= needed ? "explain_poor" : "explain_near_poor", { count, total, needed }));
  } else {
    sentences.push(t("explain_over_line", { line: vnd(line.toString()), area }));
    if (c.poverty_class === "POVERTY_CLASS_AVERAGE_LIVING_STANDARD") {
      sentences.push(t("explain_average", { line: vnd(average.toString()) }));
    } else if (count > 0) {
      sentences.push(t("explain_deprivations_ignored", { count }));
    }
  }
  if (c.low_income_worker_household) sentences.push(t("explain_low_income_worker"));
  return sentences;
}

function indicatorTable(c) {
  const indicators = c.indicators || [];
  if (!indicators.length) return null;
  return h("table", { class: "data indicators" },
    h("thead", null, h("tr", null,
      [t("indicator"), t("deprived"), t("reason")].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", null, indicators.map((i) => h("tr", { class: i.deprived ? "deprived" : "",
      dataset: { indicator: i.indicator } },
    h("td", null, label("Indicator", i.indicator)),
    h("td", null, i.deprived ? h("strong", null, t("deprived_yes")) : t("deprived_no")),
    h("td", null, translate(i.reason))))));
}

function block(c, title, id) {
  const css = String(c.poverty_class || "").toLowerCase().replace(/_/g, "-");
  const name = label("PovertyClass", c.poverty_class) === "—" ? t("not_classified")
    : label("PovertyClass", c.poverty_class);
  const counted = t("n_of_m", { n: c.deprivation_count || 0, m: (c.indicators || []).length });
  return h("div", { class: "classification", id },
    h("h3", null, title),
    h("p", { class: "class-result" }, h("span", { class: `badge class ${css}` }, name)),
    h("ul", { class: "explanation" }, explain(c).map((s) => h("li", null, s))),
    defs([
      [t("standard"), c.standard_name || "—"],
      [t("members_counted"), num(c.member_count || 0)],
      [t("income_counted_year"), vnd(c.counted_annual_income_vnd || "0")],
      [t("income_per_capita_month"), vnd(c.per_capita_monthly_income_vnd || "0")],
      [t("poor_line"), vnd(c.poor_income_line_vnd || "0")],
      [t("deprivations_count"), counted],
    ]),
    indicatorTable(c));
}

export function renderClassification(classification) {
  const c = classification || {};
  const local = c.local && c.local.standard_name ? c.local : null;
  return h("section", { class: "card", id: "classification" },
    h("h2", null, t("classification_heading")),
    h("div", { class: local ? "two-columns" : "" },
      block(c, t("national_standard"), "classification-national"),
      local ? block(local, t("local_standard", { name: local.standard_name }),
        "classification-local") : null));
}
