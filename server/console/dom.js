// dom.js — builds DOM nodes safely: every string becomes a text node or an attribute value, so
// server text never reaches innerHTML. h() is used by every screen.

// Properties set as properties rather than attributes (live form state).
const PROPERTIES = new Set(["value", "checked", "disabled", "selected", "hidden", "indeterminate"]);

// h("button", {class: "primary", onclick: f}, "Lưu") → <button class="primary">Lưu</button>.
// props: "class", "text", "dataset" (object), on<event> (function), PROPERTIES, any attribute.
// children: strings, numbers, nodes, arrays of them; null, undefined and false are skipped.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

// The same for SVG elements (charts, the QR code).
export function svg(tag, props, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setProps(el, props);
  append(el, children);
  return el;
}

function setProps(el, props) {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") {
      el.setAttribute("class", value);
    } else if (key === "text") {
      el.textContent = String(value);
    } else if (key === "dataset") {
      for (const [name, data] of Object.entries(value)) el.dataset[name] = String(data);
    } else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
  return el;
}

// Replaces the children of `el` with `children`.
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// A labelled form field: <div class="field"><label for=id>text</label>control hint</div>.
let fieldSerial = 0;
export function field(labelText, control, hint) {
  if (!control.id) control.id = `f${++fieldSerial}`;
  return h("div", { class: "field" },
    h("label", { for: control.id }, labelText),
    control,
    hint ? h("div", { class: "hint" }, hint) : null);
}

// A table from a header row and body rows (arrays of cells: strings or nodes).
export function table(headers, rows, props = {}) {
  return h("table", props,
    h("thead", null, h("tr", null, headers.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", null, rows.map((cells) => cells instanceof Node ? cells
      : h("tr", null, cells.map((cell) => h("td", null, cell))))));
}

// A definition list of [term, description] pairs, for records read as a form.
export function defs(pairs, props = {}) {
  return h("dl", { class: "defs", ...props },
    pairs.filter(Boolean).map(([term, description, extra = {}]) =>
      h("div", { class: "def", ...extra }, h("dt", null, term), h("dd", null, description))));
}
