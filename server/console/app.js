// app.js — the console's entry point: checks the session, shows the login form or the header
// with the screens the user's role may use, routes #/queue, #/household/ROUND/ID, #/procedure,
// #/report and #/admin to them, and replaces everything with the "session ended" page when a
// call finds the session gone.
import { currentSession, login, logout, onSessionEnded } from "./api.js";
import { h, field, replace } from "./dom.js";
import { lang, onLangChange, setLang, t } from "./i18n.js";
import { label } from "./labels.js";
import { busy, clear, done, fail, initStatus } from "./status.js";
import { renderQueue } from "./queue.js";
import { renderHousehold } from "./household.js";
import { renderProcedure } from "./procedure.js";
import { renderReport } from "./report.js";
import { renderAdmin } from "./admin.js";

const STAFF = ["ROLE_REVIEWER", "ROLE_CHAIRMAN", "ROLE_ADMIN"];
const SCREENS = [
  { route: "queue", title: "nav_queue", roles: STAFF, render: renderQueue },
  { route: "procedure", title: "nav_procedure", roles: STAFF, render: renderProcedure },
  { route: "report", title: "nav_report", roles: STAFF, render: renderReport },
  { route: "admin", title: "nav_admin", roles: ["ROLE_ADMIN"], render: renderAdmin },
];
const HOUSEHOLD = { route: "household", roles: STAFF, render: renderHousehold };

const headerEl = document.getElementById("header");
const mainEl = document.getElementById("main");
let session = null;
let ended = false;

function allowed(screen) {
  return session && screen.roles.includes(session.user.role);
}

function parseHash() {
  const parts = (location.hash || "").replace(/^#\/?/, "").split("/").filter((p) => p !== "");
  return parts.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
}

function languageButton() {
  return h("button", { type: "button", id: "lang-switch", class: "link-button",
    lang: lang() === "vi" ? "en" : "vi",
    onclick: () => setLang(lang() === "vi" ? "en" : "vi") }, t("switch_language"));
}

function renderHeader() {
  const [current] = parseHash();
  const user = session.user;
  headerEl.hidden = false;
  replace(headerEl,
    h("div", { class: "brand" }, t("app_name")),
    h("nav", { "aria-label": t("nav_label") },
      SCREENS.filter(allowed).map((s) => h("a", {
        href: `#/${s.route}`, id: `nav-${s.route}`,
        "aria-current": s.route === (current === "household" ? "queue" : current || "queue")
          ? "page" : null,
      }, t(s.title)))),
    h("div", { class: "who" },
      h("span", { id: "user-name" }, user.display_name || user.login),
      h("span", { class: "role" }, label("Role", user.role))),
    languageButton(),
    h("button", { type: "button", id: "logout", onclick: onLogout }, t("logout")));
}

function route() {
  if (!session || ended) return;
  const [name, ...params] = parseHash();
  const screen = name === "household" ? HOUSEHOLD : SCREENS.find((s) => s.route === name);
  renderHeader();
  const root = h("section", { class: "screen" });
  replace(mainEl, root);
  clear();
  if (!SCREENS.some(allowed)) {
    replace(root, h("h1", { tabindex: "-1" }, t("no_console_title")),
      h("p", null, t("no_console_text")));
    return;
  }
  if (!screen) {
    history.replaceState(null, "", "#/queue");
    route();
    return;
  }
  if (!allowed(screen)) {
    replace(root, h("h1", { tabindex: "-1" }, t("forbidden_title")),
      h("p", null, t("forbidden_text")));
    return;
  }
  screen.render(root, params, { user: session.user });
  const heading = root.querySelector("h1");
  if (heading && !mainEl.contains(document.activeElement)) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
}

function enter() {
  ended = false;
  if (!location.hash || location.hash === "#" || location.hash === "#/login") {
    history.replaceState(null, "", "#/queue");
  }
  route();
}

function showLogin(message) {
  session = null;
  headerEl.hidden = true;
  const name = h("input", { id: "login-name", name: "login", autocomplete: "username", required: true,
    autocapitalize: "none", spellcheck: "false" });
  const password = h("input", { id: "login-password", name: "password", type: "password",
    autocomplete: "current-password", required: true });
  const error = h("p", { id: "login-error", class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit", id: "login-submit", class: "primary" }, t("login"));
  const form = h("form", { id: "login-form", class: "card login" },
    h("h1", null, t("login_title")),
    h("p", { class: "muted" }, t("login_intro")),
    field(t("login_name"), name),
    field(t("password"), password),
    error,
    h("div", { class: "actions" }, submit, languageButton()));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = "";
    busy(t("logging_in"));
    try {
      session = await login(name.value.trim(), password.value);
      enter();
    } catch (e) {
      clear();
      error.textContent = e.httpStatus === 401 ? t("login_failed")
        : e.httpStatus === 429 ? t("login_throttled") : t("login_error");
      submit.disabled = false;
      password.select();
    }
  });
  replace(mainEl, h("section", { class: "screen" }, form));
  if (message) done(message);
  name.focus();
}

function showSessionEnded() {
  session = null;
  ended = true;
  headerEl.hidden = true;
  clear();
  const again = h("button", { type: "button", id: "relogin", class: "primary",
    onclick: () => { ended = false; showLogin(); } }, t("login_again"));
  replace(mainEl, h("section", { class: "screen" },
    h("div", { id: "session-ended", class: "card ended", role: "alert" },
      h("h1", null, t("session_ended_title")),
      h("p", null, t("session_ended_text")),
      h("div", { class: "actions" }, again, languageButton()))));
  again.focus();
}

async function onLogout() {
  busy(t("logging_out"));
  try {
    await logout();
  } catch (e) {
    if (e.httpStatus !== 401) {
      fail(e, t("logout"));
      return;
    }
  }
  showLogin(t("logged_out"));
}

async function start() {
  document.documentElement.lang = lang();
  document.querySelector(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    mainEl.focus();
  });
  document.title = t("app_name");
  initStatus(document.getElementById("status"));
  onSessionEnded(showSessionEnded);
  onLangChange(() => {
    document.title = t("app_name");
    if (ended) showSessionEnded();
    else if (!session) showLogin();
    else route();
  });
  window.addEventListener("hashchange", route);
  busy();
  try {
    session = await currentSession();
  } catch (e) {
    fail(e, t("start_failed"));
    replace(mainEl, h("section", { class: "screen" }, h("p", null,
      h("button", { type: "button", onclick: () => location.reload() }, t("retry")))));
    return;
  }
  clear();
  if (session) enter();
  else showLogin();
}

start();
