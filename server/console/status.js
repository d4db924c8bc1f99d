// status.js — the status line under the header: every action says what it is doing ("Đang
// tải…"), what it did, or why it failed, in words a commune clerk can act on.
import { t } from "./i18n.js";
import { replace, h } from "./dom.js";

let line = null;
let serial = 0;

export function initStatus(element) {
  line = element;
}

function show(kind, text) {
  if (!line) return 0;
  serial += 1;
  line.className = `status status-${kind}`;
  line.setAttribute("role", kind === "error" ? "alert" : "status");
  replace(line, kind === "busy" ? h("span", { class: "spinner", "aria-hidden": "true" }) : null,
    h("span", { class: "status-text" }, text));
  line.hidden = false;
  return serial;
}

// Shows `text` (default "Đang tải…") until the next message; returns its ticket for doneIf.
export function busy(text) {
  return show("busy", text || t("loading"));
}

export function done(text) {
  show("ok", text);
}

export function info(text) {
  show("info", text);
}

// Clears the line if nothing was shown since `ticket` (a load that finished quietly).
export function settle(ticket) {
  if (line && ticket === serial) {
    line.hidden = true;
    replace(line);
  }
}

export function clear() {
  if (line) {
    line.hidden = true;
    replace(line);
  }
}

// Reports a failed call; nothing when the session ended (that page is showing instead).
export function fail(error, what) {
  if (error && error.sessionEnded) return;
  show("error", describeError(error, what));
}

const STATUS_KEYS = {
  INVALID_ARGUMENT: "err_invalid",
  FAILED_PRECONDITION: "err_precondition",
  OUT_OF_RANGE: "err_invalid",
  UNAUTHENTICATED: "err_unauthenticated",
  PERMISSION_DENIED: "err_permission",
  NOT_FOUND: "err_not_found",
  ALREADY_EXISTS: "err_exists",
  ABORTED: "err_aborted",
  RESOURCE_EXHAUSTED: "err_busy",
  UNAVAILABLE: "err_unavailable",
};

// "Không lưu được: Dữ liệu chưa hợp lệ. Chi tiết từ máy chủ: …"
export function describeError(error, what) {
  const status = error && error.status;
  const head = t(STATUS_KEYS[status] || "err_other");
  let text = what ? `${what}: ${head}` : head;
  const details = [];
  if (error && error.serverMessage) details.push(error.serverMessage);
  for (const v of (error && error.fieldViolations) || []) {
    details.push(v.field ? `${v.field}: ${v.description}` : v.description);
  }
  if (details.length) text += ` ${t("server_details")} ${details.join("; ")}`;
  return text;
}

// A problem the console found itself (a missing comment, a bad date), in words.
export function problem(text) {
  show("error", text);
}
