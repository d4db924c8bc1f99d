// workspace.js — the round and commune the screens work on, kept for the browser tab, and the
// small form that changes them: a reviewer picks one of their communes, an admin types a code.
import { h, field } from "./dom.js";
import { t } from "./i18n.js";

const KEY = "rasoat.workspace";
const state = load();

function load() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || "{}");
    return { round: saved.round || "2026", commune: saved.commune || "" };
  } catch {
    return { round: "2026", commune: "" };
  }
}

function save() {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Without storage the choice lasts this page only.
  }
}

// The communes of the user's scopes, in code order.
export function communesOf(user) {
  const codes = new Set(((user && user.scopes) || []).map((s) => s.commune_code).filter(Boolean));
  return [...codes].sort();
}

export function isAdmin(user) {
  return user && user.role === "ROLE_ADMIN";
}

// The round and commune now: {round, commune}; a reviewer's commune defaults to their first.
export function current(user) {
  const communes = communesOf(user);
  const missing = isAdmin(user) ? !state.commune : !communes.includes(state.commune);
  if (missing) state.commune = communes[0] || "";
  return { round: state.round, commune: state.commune };
}

export function set(round, commune) {
  state.round = round;
  state.commune = commune;
  save();
}

// The form choosing round and commune; calls onApply({round, commune}) after a change.
export function picker(user, onApply, extra) {
  const now = current(user);
  const round = h("input", { id: "pick-round", value: now.round, size: 8, autocomplete: "off",
    required: true, pattern: "[A-Za-z0-9._\\-]+" });
  let commune;
  const communes = communesOf(user);
  if (isAdmin(user)) {
    commune = h("input", { id: "pick-commune", value: now.commune, size: 8, inputmode: "numeric",
      pattern: "\\d{5}", required: true, placeholder: "00127", autocomplete: "off" });
  } else {
    commune = h("select", { id: "pick-commune" },
      communes.map((code) => h("option", { value: code, selected: code === now.commune }, code)));
  }
  const form = h("form", { class: "picker no-print", role: "search" },
    field(t("round"), round),
    field(t("commune_code"), commune, isAdmin(user) ? t("commune_code_hint") : null),
    extra || null,
    h("div", { class: "field actions" }, h("button", { type: "submit" }, t("show"))));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    set(round.value.trim(), commune.value.trim());
    onApply(current(user));
  });
  return form;
}
