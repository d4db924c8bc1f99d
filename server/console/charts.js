// charts.js — small inline-SVG charts drawn by hand (no library): horizontal bars with an
// optional target line, and stacked bars. Colours come from classes in style.css; every chart
// has a <title> and sits beside a table holding the same figures.
import { svg } from "./dom.js";

const WIDTH = 640;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 80;
const ROW = 28;
const BAR = 18;

// A row's name, right-aligned before the bars.
function rowLabel(y, text) {
  return svg("text", { x: LABEL_WIDTH - 8, y: y + BAR - 4, "text-anchor": "end",
    class: "chart-label" }, text);
}

function frame(id, title, height, children) {
  return svg("svg", { id, class: "chart", viewBox: `0 0 ${WIDTH} ${height}`, role: "img",
    "aria-label": title, preserveAspectRatio: "xMinYMin meet" },
  svg("title", null, title), children);
}

// Horizontal bars: bars [{label, value, cls}], format(value) for the figures, an optional
// target {value, label} drawn as a dashed line.
export function barChart({ id, title, bars, format = String, target }) {
  const top = target ? 22 : 6;
  const height = top + bars.length * ROW + 6;
  const max = Math.max(1e-9, ...bars.map((b) => Number(b.value) || 0),
    target ? Number(target.value) : 0);
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (v) => LABEL_WIDTH + (Math.max(0, Number(v) || 0) / max) * span;
  const rows = bars.map((b, i) => {
    const y = top + i * ROW;
    return svg("g", { class: "bar-row" },
      rowLabel(y, b.label),
      svg("rect", { x: LABEL_WIDTH, y, width: Math.max(1, x(b.value) - LABEL_WIDTH), height: BAR,
        class: `bar ${b.cls || ""}` }),
      svg("text", { x: x(b.value) + 6, y: y + BAR - 4, class: "chart-value" }, format(b.value)));
  });
  let line = null;
  if (target) {
    const at = x(target.value);
    line = svg("g", { class: "target" },
      svg("line", { x1: at, x2: at, y1: 14, y2: height - 2, class: "target-line" }),
      svg("text", { x: Math.min(at, WIDTH - 4), y: 11, class: "chart-label",
        "text-anchor": at > WIDTH - 150 ? "end" : "middle" }, target.label));
  }
  return frame(id, title, height, [svg("line", { x1: LABEL_WIDTH, x2: LABEL_WIDTH, y1: top - 2,
    y2: height - 4, class: "axis" }), rows, line]);
}

// Stacked horizontal bars: rows [{label, parts: [{value, cls, name}]}], all scaled to the
// largest row total; a legend of series [{name, cls}] on top.
export function stackedChart({ id, title, rows, series, format = String }) {
  // The legend, in as many lines as it needs.
  let legendX = LABEL_WIDTH;
  let legendY = 4;
  const legend = series.map((s) => {
    const width = 30 + s.name.length * 7.5;
    if (legendX + width > WIDTH && legendX > LABEL_WIDTH) {
      legendX = LABEL_WIDTH;
      legendY += 18;
    }
    const g = svg("g", null,
      svg("rect", { x: legendX, y: legendY, width: 12, height: 12, class: `bar ${s.cls}` }),
      svg("text", { x: legendX + 16, y: legendY + 10, class: "chart-label" }, s.name));
    legendX += width;
    return g;
  });
  const legendHeight = legendY + 20;
  const height = legendHeight + rows.length * ROW + 6;
  const totals = rows.map((r) => r.parts.reduce((sum, p) => sum + (Number(p.value) || 0), 0));
  const max = Math.max(1, ...totals);
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const bars = rows.map((r, i) => {
    const y = legendHeight + i * ROW;
    let x = LABEL_WIDTH;
    const segments = r.parts.map((p) => {
      const w = ((Number(p.value) || 0) / max) * span;
      const rect = svg("rect", { x, y, width: w, height: BAR, class: `bar ${p.cls}` },
        svg("title", null, `${r.label} — ${p.name}: ${format(p.value)}`));
      x += w;
      return rect;
    });
    return svg("g", { class: "bar-row" },
      rowLabel(y, r.label),
      segments,
      svg("text", { x: x + 6, y: y + BAR - 4, class: "chart-value" }, format(totals[i])));
  });
  return frame(id, title, height, [legend, bars]);
}
