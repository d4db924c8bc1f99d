// api.js — rasoatd's HTTP API as the console uses it: the session (cookie plus CSRF token), the
// JSON calls /api/v1/SERVICE/METHOD, the QR code, document links. Failures become ApiError; a
// 401 on any call but the session's own means the session ended, and the handler set with
// onSessionEnded replaces the page.

let csrfToken = "";
let sessionEnded = () => {};

export class ApiError extends Error {
  constructor(httpStatus, body) {
    super((body && body.message) || `HTTP ${httpStatus}`);
    this.name = "ApiError";
    this.httpStatus = httpStatus;
    this.code = body && body.code;
    this.status = (body && body.status) || (httpStatus === 0 ? "UNAVAILABLE" : "UNKNOWN");
    this.serverMessage = (body && body.message) || "";
    this.fieldViolations = (body && body.field_violations) || [];
    this.sessionEnded = false;
  }
}

export function onSessionEnded(handler) {
  sessionEnded = handler;
}

async function send(method, url, body, { text = false, session = false } = {}) {
  const headers = { Accept: text ? "image/svg+xml" : "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response;
  try {
    response = await fetch(url, {
      method, headers, credentials: "same-origin", cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, { status: "UNAVAILABLE", message: String(cause && cause.message) });
  }
  if (!response.ok) {
    let payload = {};
    try {
      payload = await response.json();
    } catch {
      payload = {};
    }
    const error = new ApiError(response.status, payload);
    if (response.status === 401 && !session) {
      error.sessionEnded = true;
      csrfToken = "";
      sessionEnded();
    }
    throw error;
  }
  const content = await response.text();
  if (text) return content;
  return content ? JSON.parse(content) : {};
}

// The current session {user, token, csrf_token}, or null when there is none.
export async function currentSession() {
  try {
    const session = await send("GET", "api/session", undefined, { session: true });
    csrfToken = session.csrf_token || "";
    return session;
  } catch (error) {
    if (error.httpStatus === 401) return null;
    throw error;
  }
}

// Logs in; throws ApiError (401 for a wrong login or password, 429 after too many attempts).
export async function login(name, password) {
  const session = await send("POST", "api/session", { login: name, password }, { session: true });
  csrfToken = session.csrf_token || "";
  return session;
}

export async function logout() {
  try {
    await send("DELETE", "api/session", undefined, { session: true });
  } finally {
    csrfToken = "";
  }
}

// POST /api/v1/SERVICE/METHOD with the request message; resolves to the response message.
export function call(service, method, request = {}) {
  return send("POST", `api/v1/${service}/${method}`, request);
}

export const review = (method, request) => call("ReviewService", method, request);
export const reports = (method, request) => call("ReportService", method, request);
export const admin = (method, request) => call("AdminService", method, request);

// The SVG text of the QR code of `text`.
export function qrSvg(text) {
  return send("POST", "api/qr", { text }, { text: true });
}

// The address of a document (posting-list.csv, posting-list.html) with its query.
export function documentUrl(name, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return `api/documents/${name}?${query}`;
}
