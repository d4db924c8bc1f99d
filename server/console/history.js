// history.js — a household's history (who, from which tablet, when, what) and the differences
// between any two of its versions (DiffVersions), shown as field / before / after in words.
import { review } from "./api.js";
import { h, field, replace } from "./dom.js";
import { t } from "./i18n.js";
import { date, dateTimeMicros, num } from "./format.js";
import { label } from "./labels.js";
import { pathLabel } from "./schema.js";
import { busy, done, fail } from "./status.js";
import { describeValue } from "./values.js";

// What an entry adds to its kind: the comment, the paths resolved, the minutes or decision.
function details(entry, record) {
  const parts = [];
  if (entry.kind === "KIND_PUSH" && Number(entry.base_version) > 0) {
    parts.push(t("merged_from", { base: num(entry.base_version) }));
  }
  if (Number(entry.conflicts_opened) > 0) {
    parts.push(t("conflicts_opened_n", { n: entry.conflicts_opened }));
  }
  if ((entry.resolved_paths || []).length) {
    const paths = entry.resolved_paths.map((p) => pathLabel(p, record)).join("; ");
    parts.push(`${t("resolved")}: ${paths}`);
  }
  if (entry.reference) parts.push(`${t("reference")}: ${entry.reference}`);
  if (entry.on && Number(entry.on.year)) parts.push(`${t("on_day")}: ${date(entry.on)}`);
  if (entry.comment) parts.push(`${t("comment")}: ${entry.comment}`);
  return parts.join(" · ");
}

function historyTable(history, record) {
  return h("table", { class: "data", id: "history-table" },
    h("thead", null, h("tr", null,
      [t("when"), t("what"), t("version"), t("who"), t("tablet"), t("details")]
        .map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", null, history.map((e) => h("tr", { dataset: { kind: e.kind, version: e.version } },
      h("td", { class: "nowrap" }, dateTimeMicros(e.at_unix_micros)),
      h("td", null, label("HistoryKind", e.kind)),
      h("td", { class: "num" }, num(e.version)),
      h("td", null, e.author || "—"),
      h("td", null, e.device_id || "—"),
      h("td", null, details(e, record))))));
}

function diffTable(changes, record) {
  if (!changes.length) return h("p", { class: "muted", id: "diff-empty" }, t("diff_none"));
  return h("table", { class: "data", id: "diff-table" },
    h("thead", null, h("tr", null,
      [t("field"), t("before"), t("after")].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", null, changes.map((c) => h("tr", { dataset: { path: c.path } },
      h("td", null, pathLabel(c.path, record)),
      h("td", { class: "before" }, describeValue(c.path, c.from_value, c.from_present, record)),
      h("td", { class: "after" }, describeValue(c.path, c.to_value, c.to_present, record))))));
}

export function renderHistory(state, history) {
  const record = state.record || {};
  const made = history.filter((e) => e.kind === "KIND_PUSH" || e.kind === "KIND_RESOLUTION");
  const versions = [...new Set(made.map((e) => Number(e.version)))].sort((a, b) => a - b);
  const latest = Number(state.version);
  if (!versions.includes(latest)) versions.push(latest);
  const options = (selected) => versions.map((v) => h("option", { value: v, selected: v === selected },
    t("version_n", { n: num(v) })));
  const before = versions.length > 1 ? versions[versions.length - 2] : latest;
  const from = h("select", { id: "diff-from" }, options(before));
  const to = h("select", { id: "diff-to" }, options(latest));
  const result = h("div", { id: "diff-result", "aria-live": "polite" });
  const form = h("form", { class: "filters no-print", id: "diff-form" },
    field(t("diff_from"), from), field(t("diff_to"), to),
    h("div", { class: "field actions" },
      h("button", { type: "submit", id: "diff-run" }, t("compare"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    busy(t("diff_loading"));
    try {
      const response = await review("DiffVersions", {
        key: state.key, from_version: String(from.value), to_version: String(to.value) });
      replace(result,
        h("h3", null, t("diff_heading", { from: num(from.value), to: num(to.value) })),
        diffTable(response.changes || [], record));
      done(t("diff_done", { n: (response.changes || []).length }));
    } catch (e) {
      fail(e, t("diff_failed"));
    }
  });
  return h("section", { class: "card", id: "history" },
    h("h2", null, t("history_heading")),
    history.length ? historyTable(history, record) : h("p", { class: "muted" }, t("history_empty")),
    h("h3", null, t("diff_title")),
    versions.length > 1 ? form : h("p", { class: "muted" }, t("diff_single_version")),
    result);
}
