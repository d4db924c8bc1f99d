// queue.js — "Hàng chờ": the households of a commune to review, with the counts per status and
// per class (CommuneSummary), filters by village, status and procedure step, and pages of 50
// (ListQueue's page tokens, kept on a stack for "Trang trước"). A row opens the household.
import { review } from "./api.js";
import { h, field, replace } from "./dom.js";
import { t } from "./i18n.js";
import { num } from "./format.js";
import { label, values } from "./labels.js";
import { busy, fail, settle } from "./status.js";
import { current, picker } from "./workspace.js";

const PAGE_SIZE = 50;
// The filters and the page stack, kept while the user opens households and comes back.
const view = {
  key: "", village: "", status: "", step: "", tokens: [""], page: 0, villages: new Set(),
};

export function householdHash(round, householdId) {
  return `#/household/${encodeURIComponent(round)}/${encodeURIComponent(householdId)}`;
}

export function statusBadge(status) {
  return h("span", { class: `badge ${String(status || "").toLowerCase().replace(/_/g, "-")}` },
    label("ReviewStatus", status));
}

export function renderQueue(root, _params, { user }) {
  const summaryEl = h("section", { id: "queue-summary", class: "summary", "aria-live": "polite" });
  const filtersEl = h("div");
  const tableEl = h("div", { class: "table-wrap" });
  const pagerEl = h("nav", { class: "pager no-print", "aria-label": t("pages") });
  replace(root,
    h("h1", null, t("queue_title")),
    picker(user, () => { view.key = ""; load(); }),
    summaryEl, filtersEl, tableEl, pagerEl);

  function ensureView() {
    const { round, commune } = current(user);
    const key = `${round}/${commune}`;
    if (view.key !== key) {
      Object.assign(view, { key, village: "", status: "", step: "", tokens: [""], page: 0,
        villages: new Set() });
    }
    return { round, commune };
  }

  function restart() {
    view.tokens = [""];
    view.page = 0;
    load();
  }

  function renderFilters() {
    const village = h("input", { id: "filter-village", value: view.village, list: "village-list",
      size: 10, autocomplete: "off" });
    const status = h("select", { id: "filter-status" },
      h("option", { value: "" }, t("all")),
      values("ReviewStatus").map((s) => h("option", { value: s, selected: s === view.status },
        label("ReviewStatus", s))));
    const step = h("select", { id: "filter-step" },
      h("option", { value: "" }, t("all")),
      values("ProcedureStep").map((s) => h("option", { value: s, selected: s === view.step },
        label("ProcedureStep", s))));
    const form = h("form", { class: "filters no-print", id: "queue-filters" },
      field(t("village"), village),
      h("datalist", { id: "village-list" },
        [...view.villages].sort().map((v) => h("option", { value: v }))),
      field(t("status"), status),
      field(t("procedure_step"), step),
      h("div", { class: "field actions" },
        h("button", { type: "submit" }, t("filter")),
        h("button", { type: "button", onclick: () => {
          Object.assign(view, { village: "", status: "", step: "" });
          restart();
        } }, t("clear_filters"))));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      Object.assign(view,
        { village: village.value.trim(), status: status.value, step: step.value });
      restart();
    });
    replace(filtersEl, form);
  }

  function renderSummary(summary, round, commune) {
    const byStatus = Object.fromEntries(
      (summary.by_status || []).map((s) => [s.status, s.households]));
    const cards = values("ReviewStatus").map((s) => {
      const count = byStatus[s] || 0;
      return h("li", null, h("button", {
        type: "button", class: `count-card${view.status === s ? " active" : ""}`,
        dataset: { status: s }, "aria-pressed": view.status === s ? "true" : "false",
        title: t("filter_by_status"),
        onclick: () => { view.status = view.status === s ? "" : s; restart(); },
      }, h("span", { class: "count", dataset: { count } }, num(count)),
      h("span", { class: "count-label" }, label("ReviewStatus", s))));
    });
    const classRows = (list) => (list || []).map((c) =>
      h("tr", { dataset: { class: c.poverty_class } },
        h("td", null, label("PovertyClass", c.poverty_class)),
        h("td", { class: "num" }, num(c.households))));
    replace(summaryEl,
      h("h2", null, t("queue_summary_heading", { commune, round,
        village: view.village ? ` — ${t("village").toLowerCase()} ${view.village}` : "" })),
      h("p", null, t("households_total"), " ",
        h("strong", { id: "households-total" }, num(summary.households || 0))),
      h("ul", { class: "count-cards", id: "status-counts" }, cards),
      h("div", { class: "class-tables" },
        h("table", { id: "class-counts" },
          h("caption", null, t("classes_national", { name: summary.standard_name || "" })),
          h("tbody", null, classRows(summary.by_class))),
        (summary.by_local_class || []).length ? h("table", { id: "local-class-counts" },
          h("caption", null, t("classes_local")),
          h("tbody", null, classRows(summary.by_local_class))) : null));
  }

  function renderTable(entries, round) {
    if (!entries.length) {
      replace(tableEl, h("p", { class: "empty", id: "queue-empty" }, t("queue_empty")));
      return;
    }
    const rows = entries.map((e) => {
      const hash = householdHash(round, e.key.household_id);
      const open = () => { location.hash = hash; };
      return h("tr", {
        class: "clickable", tabindex: "0", dataset: { household: e.key.household_id },
        onclick: (event) => { if (!event.target.closest("a")) open(); },
        onkeydown: (event) => { if (event.key === "Enter" && !event.target.closest("a")) open(); },
      },
      h("td", null, h("a", { href: hash }, e.key.household_id)),
      h("td", null, e.village_code),
      h("td", null, e.head_name || "—"),
      h("td", null, statusBadge(e.status)),
      h("td", null, label("ProcedureStep", e.procedure_step)),
      h("td", null, label("PovertyClass", e.poverty_class)),
      h("td", null, label("PovertyClass", e.local_poverty_class)),
      h("td", { class: "num" }, num(e.validation_issues)),
      h("td", { class: "num" }, num(e.open_conflicts)),
      h("td", { class: "num" }, num(e.version)));
    });
    const headers = ["household_id", "village", "head_name", "status", "procedure_step",
      "class_national", "class_local", "issues", "conflicts", "version"];
    replace(tableEl, h("table", { id: "queue-table", class: "data" },
      h("caption", { class: "visually-hidden" }, t("queue_title")),
      h("thead", null, h("tr", null, headers.map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", null, rows)));
  }

  function renderPager(hasNext) {
    replace(pagerEl,
      h("button", { type: "button", id: "page-prev", disabled: view.page === 0,
        onclick: () => { view.page -= 1; load(); } }, t("page_prev")),
      h("span", { id: "page-number" }, t("page_n", { n: view.page + 1 })),
      h("button", { type: "button", id: "page-next", disabled: !hasNext,
        onclick: () => { view.page += 1; load(); } }, t("page_next")));
  }

  async function load() {
    const { round, commune } = ensureView();
    renderFilters();
    if (!commune) {
      replace(summaryEl, h("p", null, t("choose_commune")));
      replace(tableEl);
      replace(pagerEl);
      return;
    }
    const ticket = busy();
    const request = {
      round_id: round, commune_code: commune, village_code: view.village,
      statuses: view.status ? [view.status] : [],
      procedure_steps: view.step ? [view.step] : [],
      page_size: PAGE_SIZE, page_token: view.tokens[view.page] || "",
    };
    try {
      const [summary, page] = await Promise.all([
        review("CommuneSummary",
          { round_id: round, commune_code: commune, village_code: view.village }),
        review("ListQueue", request),
      ]);
      if (!root.isConnected) return;
      const entries = page.entries || [];
      for (const e of entries) if (e.village_code) view.villages.add(e.village_code);
      view.tokens[view.page + 1] = page.next_page_token || "";
      view.tokens.length = view.page + 2;
      renderFilters();
      renderSummary(summary, round, commune);
      renderTable(entries, round);
      renderPager(Boolean(page.next_page_token));
      settle(ticket);
    } catch (e) {
      fail(e, t("queue_load_failed"));
    }
  }

  load();
}
