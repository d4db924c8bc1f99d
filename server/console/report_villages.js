// report_villages.js — the classes of a commune's households by village, counted from the
// queue (ListQueue): the recognised households by default, or all of them; a stacked-bar chart
// and its table, with progress while the pages load.
import { review } from "./api.js";
import { h, replace, table } from "./dom.js";
import { t } from "./i18n.js";
import { num } from "./format.js";
import { label } from "./labels.js";
import { fail } from "./status.js";
import { stackedChart } from "./charts.js";

const CLASSES = [
  ["POVERTY_CLASS_POOR", "c-poor"],
  ["POVERTY_CLASS_NEAR_POOR", "c-near-poor"],
  ["POVERTY_CLASS_AVERAGE_LIVING_STANDARD", "c-average"],
  ["POVERTY_CLASS_NOT_POOR", "c-not-poor"],
];
const UNCLASSIFIED = "POVERTY_CLASS_UNSPECIFIED";

export function villageClasses({ round, commune }) {
  const all = h("input", { type: "checkbox", id: "villages-all" });
  const out = h("div", { "aria-live": "polite" });
  const section = h("section", { class: "card", id: "report-villages" },
    h("h2", null, t("villages_heading")),
    h("label", { class: "no-print" }, all, " ", t("villages_include_all")),
    out);

  async function load() {
    const counts = new Map();
    let token = "";
    let seen = 0;
    replace(out, h("p", { class: "progress" }, t("loading")));
    try {
      do {
        const page = await review("ListQueue", {
          round_id: round, commune_code: commune, page_size: 1000, page_token: token,
          procedure_steps: all.checked ? [] : ["PROCEDURE_STEP_RECOGNISED"],
        });
        for (const e of page.entries || []) {
          if (!counts.has(e.village_code)) counts.set(e.village_code, {});
          const row = counts.get(e.village_code);
          const cls = e.poverty_class || UNCLASSIFIED;
          row[cls] = (row[cls] || 0) + 1;
        }
        seen += (page.entries || []).length;
        token = page.next_page_token || "";
        if (!section.isConnected) return;
        replace(out, h("p", { class: "progress" }, t("loading_n", { n: num(seen) })));
      } while (token);
    } catch (e) {
      replace(out);
      fail(e, t("villages_failed"));
      return;
    }
    const villages = [...counts.keys()].sort();
    if (!villages.length) {
      replace(out, h("p", { class: "muted" },
        all.checked ? t("villages_none_all") : t("villages_none_recognised")));
      return;
    }
    const series = CLASSES.map(([cls, css]) => ({ name: label("PovertyClass", cls), cls: css }));
    replace(out,
      stackedChart({ id: "chart-villages", title: t("chart_villages"), series, format: num,
        rows: villages.map((v) => ({ label: v, parts: CLASSES.map(([cls, css]) => ({
          value: counts.get(v)[cls] || 0, cls: css, name: label("PovertyClass", cls) })) })) }),
      table([t("village"), ...series.map((s) => s.name), t("not_classified"), t("total")],
        villages.map((v) => {
          const row = counts.get(v);
          const total = Object.values(row).reduce((a, b) => a + b, 0);
          return [v, ...CLASSES.map(([cls]) => num(row[cls] || 0)), num(row[UNCLASSIFIED] || 0),
            num(total)];
        }), { class: "data", id: "villages-table" }));
  }

  all.addEventListener("change", load);
  load();
  return section;
}
