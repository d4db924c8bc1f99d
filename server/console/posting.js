// posting.js — the public posting list of a commune (ReportService.PostingList) as a table,
// with links to the CSV download and the printable A4 page the server makes.
import { documentUrl, reports } from "./api.js";
import { h, field, replace, table } from "./dom.js";
import { t } from "./i18n.js";
import { num } from "./format.js";
import { label } from "./labels.js";
import { busy, fail, settle } from "./status.js";

function postingTable(entries) {
  const headers = [t("row_number"), t("household_id"), t("village"), t("head_name"), t("members"),
    t("class_national"), t("class_local"), t("outcome"), t("procedure_step")];
  return table(headers, entries.map((e, i) => [
    num(i + 1), e.household_id, e.village_code, e.head_name, num(e.member_count),
    label("PovertyClass", e.poverty_class), label("PovertyClass", e.local_poverty_class),
    label("HouseholdOutcome", e.outcome), label("ProcedureStep", e.procedure_step),
  ]), { class: "data", id: "posting-table" });
}

export function postingSection({ round, commune }) {
  const village = h("input", { id: "posting-list-village", size: 10, autocomplete: "off" });
  const links = h("p", { class: "links no-print" });
  const out = h("div", { id: "posting-list" });
  const form = h("form", { class: "filters no-print" }, field(t("village_optional"), village),
    h("div", { class: "field actions" }, h("button", { type: "submit" }, t("show"))));

  async function load() {
    const params = { round_id: round, commune_code: commune, village_code: village.value.trim() };
    replace(links,
      h("a", { href: documentUrl("posting-list.csv", params), download: `niem-yet-${commune}.csv`,
        id: "posting-csv" }, t("posting_csv")),
      " · ",
      h("a", { href: documentUrl("posting-list.html", params), target: "_blank", rel: "noopener",
        id: "posting-html" }, t("posting_html")));
    const ticket = busy(t("posting_loading"));
    try {
      const list = await reports("PostingList", params);
      const entries = list.entries || [];
      replace(out,
        h("p", null, t("posting_list_of",
          { name: list.commune_name || commune, round, n: num(entries.length) })),
        entries.length ? postingTable(entries) : h("p", { class: "muted" }, t("posting_empty")));
      settle(ticket);
    } catch (e) {
      fail(e, t("posting_list_failed"));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  load();
  return h("section", { class: "card posting" }, h("h2", null, t("posting_list_heading")),
    form, links, out);
}
