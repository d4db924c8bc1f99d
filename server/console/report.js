// report.js — "Tổng hợp": a commune's report over its recognised households (CommuneReport):
// figures against its targets as tables and charts (poverty rate against its target, outcomes
// against the round before, classes by village), printable; then the posting list.
import { reports } from "./api.js";
import { h, defs, replace, table } from "./dom.js";
import { t } from "./i18n.js";
import { date, dec, num, percent } from "./format.js";
import { label } from "./labels.js";
import { translate } from "./reasons.js";
import { busy, fail, settle } from "./status.js";
import { barChart } from "./charts.js";
import { villageClasses } from "./report_villages.js";
import { postingSection } from "./posting.js";
import { current, picker } from "./workspace.js";

// The class figures side by side: national, local (where one applies), the round before.
function figuresTable(report) {
  const columns = [[t("national_standard"), report.national]];
  if (report.local_standard_name) {
    columns.push([t("local_standard", { name: report.local_standard_name }), report.local]);
  }
  if (report.previous_round_id) {
    columns.push([t("previous_round", { round: report.previous_round_id }), report.previous]);
  }
  const row = (title, value) => [title, ...columns.map(([, figures]) => value(figures || {}))];
  return table([t("figure"), ...columns.map(([title]) => title)], [
    row(t("poor_households"), (f) => num(f.poor_households)),
    row(t("poor_rate"), (f) => percent(f.poor_rate_percent)),
    row(t("poor_members"), (f) => num(f.poor_members)),
    row(t("near_poor_households"), (f) => num(f.near_poor_households)),
    row(t("near_poor_rate"), (f) => percent(f.near_poor_rate_percent)),
    row(t("near_poor_members"), (f) => num(f.near_poor_members)),
  ], { class: "data", id: "report-figures" });
}

function targetsSection(report) {
  const targets = report.targets || [];
  const result = (x) => h("span", { class: `badge ${x.met ? "met" : "missed"}` },
    x.met ? t("target_met") : t("target_missed"));
  return h("section", { class: "card", id: "report-targets" },
    h("h2", null, t("targets_heading")),
    targets.length
      ? table([t("target"), t("goal"), t("actual"), t("result")],
        targets.map((x) => [translate(x.target), dec(x.goal, 2), dec(x.actual, 2), result(x)]),
        { class: "data" })
      : h("p", { class: "muted" }, t("targets_none")));
}

// The poor rate (national, local, the round before) and the near-poor rate, against the
// "poor rate at most" target when there is one.
function rateChart(report) {
  const national = report.national || {};
  const goal = (report.targets || []).find((x) => /^poor rate at most/.test(x.target || ""));
  const bars = [{ label: t("poor_rate_now"), value: national.poor_rate_percent, cls: "c-poor" }];
  if (report.local_standard_name) {
    bars.push({ label: t("poor_rate_local"), value: (report.local || {}).poor_rate_percent,
      cls: "c-local" });
  }
  if (report.previous_round_id) {
    bars.push({ label: t("poor_rate_previous", { round: report.previous_round_id }),
      value: (report.previous || {}).poor_rate_percent, cls: "c-previous" });
  }
  bars.push({ label: t("near_poor_rate_now"), value: national.near_poor_rate_percent,
    cls: "c-near-poor" });
  const target = goal
    ? { value: goal.goal, label: t("target_line", { value: percent(goal.goal) }) } : null;
  return barChart({ id: "chart-rate", title: t("chart_rate"), bars, format: percent, target });
}

function previousChart(report) {
  if (!report.previous_round_id) return h("p", { class: "muted" }, t("no_previous_round"));
  const before = report.previous_round_id;
  const prev = report.previous || {};
  const now = report.national || {};
  return barChart({ id: "chart-previous", title: t("chart_previous"), format: num, bars: [
    { label: t("poor_in_round", { round: before }), value: prev.poor_households, cls: "c-previous" },
    { label: t("poor_in_round", { round: report.round_id }), value: now.poor_households,
      cls: "c-poor" },
    { label: t("near_poor_in_round", { round: before }), value: prev.near_poor_households,
      cls: "c-previous" },
    { label: t("near_poor_in_round", { round: report.round_id }), value: now.near_poor_households,
      cls: "c-near-poor" },
  ] });
}

function outcomesSection(report) {
  const outcomes = report.by_outcome || [];
  const name = (o) => label("HouseholdOutcome", o.outcome);
  return h("section", { class: "card", id: "report-outcomes" },
    h("h2", null, t("outcomes_heading")),
    outcomes.length ? h("div", { class: "two-columns" },
      barChart({ id: "chart-outcomes", title: t("chart_outcomes"), format: num,
        bars: outcomes.map((o) => ({ label: name(o), value: o.households, cls: "c-outcome" })) }),
      table([t("outcome"), t("households")], outcomes.map((o) => [name(o), num(o.households)]),
        { class: "data" }))
      : h("p", { class: "muted" }, t("outcomes_none")),
    previousChart(report));
}

function groupsAndDeprivations(report) {
  const indicator = (d) => (label("Indicator", d.indicator) === "—" ? d.name
    : label("Indicator", d.indicator));
  return h("section", { class: "card two-columns", id: "report-groups" },
    h("div", null, h("h2", null, t("groups_heading")),
      table([t("group"), t("in_poor"), t("in_near_poor"), t("low_income_workers")],
        (report.by_group || []).map((g) => [label("PriorityGroup", g.group), num(g.in_poor),
          num(g.in_near_poor), num(g.low_income_workers)]),
        { class: "data" })),
    h("div", null, h("h2", null, t("deprivations_heading")),
      table([t("indicator"), t("deprived_households")],
        (report.deprivations || []).map((d) => [indicator(d), num(d.deprived_households)]),
        { class: "data" })));
}

function escapedSection(report) {
  const list = report.recently_escaped || [];
  return h("section", { class: "card", id: "report-escaped" },
    h("h2", null, t("escaped_heading", { day: date(report.as_of) })),
    h("p", null, t("escaped_summary", { n: num(list.length), fell: num(report.fell_back || 0) })),
    list.length ? table([t("household_id"), t("escaped_on"), t("class_now")],
      list.map((e) => [e.household_id, date(e.escaped_on), label("PovertyClass", e.poverty_class)]),
      { class: "data" }) : null);
}

function overview(report, round, commune) {
  const name = report.area_name || t("commune_n", { code: commune });
  return h("section", { class: "card", id: "report-overview" },
    h("h2", null, t("report_of", { name, round })),
    defs([
      [t("commune_code"), report.area_code || commune],
      [t("households_all"), report.households ? num(report.households) : t("households_unknown")],
      [t("households_recognised"), num(report.recognised_households || 0)],
      [t("as_of"), date(report.as_of)],
    ]),
    figuresTable(report),
    rateChart(report));
}

export function renderReport(root, _params, { user }) {
  const body = h("div", { id: "report-body" });
  const posting = h("div", { id: "posting-section" });
  async function load() {
    const { round, commune } = current(user);
    if (!commune) {
      replace(body, h("p", null, t("choose_commune")));
      return;
    }
    const ticket = busy(t("report_loading"));
    try {
      const { report = {} } = await reports("CommuneReport",
        { round_id: round, commune_code: commune });
      if (!root.isConnected) return;
      replace(body,
        overview(report, round, commune),
        targetsSection(report),
        outcomesSection(report),
        villageClasses({ round, commune }),
        groupsAndDeprivations(report),
        escapedSection(report));
      replace(posting, postingSection({ round, commune }));
      settle(ticket);
    } catch (e) {
      fail(e, t("report_failed"));
    }
  }
  const print = h("button", { type: "button", class: "no-print", id: "print-report",
    onclick: () => window.print() }, t("print"));
  replace(root, h("div", { class: "title-row" }, h("h1", null, t("report_title")), print),
    picker(user, load), body, posting);
  load();
}
