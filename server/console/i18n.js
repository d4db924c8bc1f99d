// i18n.js — the console's two languages: Vietnamese first, English on request. The choice is
// kept in localStorage; t() looks up a UI string of messages*.js, pick() one [vi, en] pair.
import { MESSAGES as FRAME_MESSAGES } from "./messages.js";
import { STEP_MESSAGES } from "./messages_steps.js";

const MESSAGES = { ...FRAME_MESSAGES, ...STEP_MESSAGES };

const STORAGE_KEY = "rasoat.lang";
const listeners = [];
let current = stored();

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export function lang() {
  return current;
}

export function setLang(next) {
  current = next === "en" ? "en" : "vi";
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Private mode: the choice lasts this page only.
  }
  document.documentElement.lang = current;
  for (const listener of listeners) listener();
}

export function onLangChange(listener) {
  listeners.push(listener);
}

// One of a [vi, en] pair.
export function pick(pair) {
  return pair[current === "en" ? 1 : 0];
}

// t("approve_version", {n: 4}) → "Phê duyệt phiên bản 4". {name} placeholders take params.
export function t(key, params) {
  const pair = MESSAGES[key];
  let text = pair ? pick(pair) : key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }
  return text;
}
