// procedure_lists.js — the household lists of the procedure screen: the households a step
// covers (with a checkbox each and the step's own inputs), and the others grouped by why they
// are not ready, both read from ListQueue.
import { review } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { date, num } from "./format.js";
import { label } from "./labels.js";
import { householdHash } from "./queue.js";

// At most this many households are read for one list (a village or a commune filter narrows it).
export const SCAN_LIMIT = 2000;

// Pages through ListQueue; resolves to {entries, truncated}.
export async function scanQueue({ round, commune, village = "", steps = [], statuses = [] }) {
  const entries = [];
  let token = "";
  do {
    const page = await review("ListQueue", {
      round_id: round, commune_code: commune, village_code: village,
      procedure_steps: steps, statuses, page_size: 500, page_token: token,
    });
    entries.push(...(page.entries || []));
    token = page.next_page_token || "";
  } while (token && entries.length < SCAN_LIMIT);
  return { entries, truncated: Boolean(token) };
}

// Why `entry` is not ready for a step that wants `wanted` (a ProcedureStep).
export function whyNotReady(entry, wanted) {
  const step = entry.procedure_step || "PROCEDURE_STEP_UNSPECIFIED";
  if (step === "PROCEDURE_STEP_UNSPECIFIED") {
    return t("why_not_approved", { status: label("ReviewStatus", entry.status) });
  }
  const order = ["PROCEDURE_STEP_AWAITING_MEETING", "PROCEDURE_STEP_AGREED_AT_MEETING",
    "PROCEDURE_STEP_POSTED", "PROCEDURE_STEP_RECOGNISED"];
  if (step === "PROCEDURE_STEP_POSTED" && wanted === "PROCEDURE_STEP_POSTED") {
    return t("why_still_posted", { day: date(entry.posting_last_day) });
  }
  const key = order.indexOf(step) < order.indexOf(wanted) ? "why_earlier_step" : "why_later_step";
  return t(key, { step: label("ProcedureStep", step) });
}

function link(entry, round) {
  return h("a", { href: householdHash(round, entry.key.household_id) }, entry.key.household_id);
}

// The households a step covers: a checkbox each (checked), id, village, head, version, class,
// and `extra(entry)` cells under `extraHeaders`. Read the choice back with selectedRows.
export function coveredTable(entries, round,
  { id, extraHeaders = [], extra = () => [], radio = false }) {
  if (!entries.length) return h("p", { class: "empty", id: `${id}-empty` }, t("covered_none"));
  const headers = [t("include"), t("household_id"), t("village"), t("head_name"), t("version"),
    t("class_national"), ...extraHeaders];
  return h("table", { class: "data", id },
    h("thead", null, h("tr", null, headers.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", null, entries.map((e) => h("tr",
      { dataset: { household: e.key.household_id, version: e.version } },
      h("td", null, h("input", { type: radio ? "radio" : "checkbox", name: `${id}-pick`,
        checked: !radio, class: "pick",
        "aria-label": t("include_household", { id: e.key.household_id }) })),
      h("td", null, link(e, round)),
      h("td", null, e.village_code),
      h("td", null, e.head_name || "—"),
      h("td", { class: "num" }, num(e.version)),
      h("td", null, label("PovertyClass", e.poverty_class)),
      extra(e).map((cell) => h("td", null, cell))))));
}

// The rows of a coveredTable whose checkbox is ticked.
export function selectedRows(container) {
  return [...container.querySelectorAll("tbody tr")].filter((row) => {
    const pick = row.querySelector("input.pick");
    return pick !== null && pick.checked;
  });
}

// The other households, grouped by why they are not ready: reason, count, the first few.
export function notReadyTable(entries, round, wanted, truncated) {
  const groups = new Map();
  for (const e of entries) {
    const reason = whyNotReady(e, wanted);
    if (!groups.has(reason)) groups.set(reason, []);
    groups.get(reason).push(e);
  }
  const body = [...groups.entries()].map(([reason, list]) => h("tr", null,
    h("td", null, reason),
    h("td", { class: "num" }, num(list.length)),
    h("td", null, list.slice(0, 8).map((e, i) => [i ? ", " : "", link(e, round)]),
      list.length > 8 ? ` … (+${num(list.length - 8)})` : "")));
  return h("details", { class: "not-ready", open: groups.size > 0 && groups.size < 6 },
    h("summary", null, t("not_ready_heading", { n: num(entries.length) })),
    groups.size ? h("table", { class: "data" },
      h("thead", null, h("tr", null,
        [t("why"), t("households"), t("examples")].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", null, body)) : h("p", { class: "muted" }, t("not_ready_none")),
    truncated ? h("p", { class: "hint" }, t("scan_truncated", { n: num(SCAN_LIMIT) })) : null);
}
