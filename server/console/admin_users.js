// admin_users.js — the users (AdminService ListUsers, CreateUser, UpdateUser): who they are,
// their role and the communes or villages they answer for; add one, disable or enable one,
// give or take away a scope, set a password.
import { admin } from "./api.js";
import { h, field, replace, table } from "./dom.js";
import { t } from "./i18n.js";
import { dateTimeMicros } from "./format.js";
import { label, values } from "./labels.js";
import { busy, done, fail, problem, settle } from "./status.js";

const MIN_PASSWORD = 10;

// "00127" → {commune_code}; "00127/thon-1" → {commune_code, village_code}.
export function parseScope(text) {
  const [commune, village = ""] = text.trim().split("/").map((s) => s.trim());
  return { commune_code: commune, village_code: village };
}

export function scopeText(scope) {
  return scope.village_code ? `${scope.commune_code}/${scope.village_code}` : scope.commune_code;
}

// One UpdateUser change; says `what` once the list shows it.
async function update(request, what, reload) {
  busy(t("saving"));
  try {
    await admin("UpdateUser", request);
    await reload();
    done(what);
  } catch (e) {
    fail(e, t("user_update_failed"));
  }
}

// The editing box of one user: scopes, password, disable or enable.
function editor(u, reload) {
  const scope = h("input", { id: `scope-${u.login}`, size: 14, autocomplete: "off",
    placeholder: "00127 / 00127/thon-1" });
  const password = h("input", { id: `password-${u.login}`, type: "password", minlength: MIN_PASSWORD,
    autocomplete: "new-password" });
  const removeScope = (s) => update({ login: u.login, unassign_scope: s },
    t("scope_removed", { scope: scopeText(s) }), reload);
  const addScope = () => {
    if (!scope.value.trim()) return scope.focus();
    return update({ login: u.login, assign_scope: parseScope(scope.value) },
      t("scope_added", { scope: scope.value.trim() }), reload);
  };
  const setPassword = () => {
    if (password.value.length < MIN_PASSWORD) {
      problem(t("password_too_short"));
      return password.focus();
    }
    return update({ login: u.login, password: password.value },
      t("password_set", { login: u.login }), reload);
  };
  const toggle = () => update({ login: u.login, disabled: !u.disabled },
    t(u.disabled ? "user_enabled" : "user_disabled", { login: u.login }), reload);
  return h("form", { class: "user-editor", onsubmit: (event) => event.preventDefault() },
    h("div", { class: "scopes" }, (u.scopes || []).map((s) => h("span", { class: "chip" }, scopeText(s),
      h("button", { type: "button", class: "chip-remove", onclick: () => removeScope(s),
        "aria-label": t("remove_scope", { scope: scopeText(s) }) }, "×")))),
    h("div", { class: "inline" }, field(t("add_scope"), scope),
      h("button", { type: "button", onclick: addScope }, t("add"))),
    h("div", { class: "inline" }, field(t("new_password"), password),
      h("button", { type: "button", onclick: setPassword }, t("set_password"))),
    h("button", { type: "button", class: u.disabled ? "" : "danger", onclick: toggle },
      u.disabled ? t("enable_user") : t("disable_user")));
}

function createForm(reload) {
  const login = h("input", { id: "new-user-login", required: true, size: 14, autocomplete: "off",
    pattern: "[a-z0-9._\\-]{1,64}" });
  const name = h("input", { id: "new-user-name", size: 22, autocomplete: "off" });
  const role = h("select", { id: "new-user-role", required: true },
    values("Role").map((r) =>
      h("option", { value: r, selected: r === "ROLE_REVIEWER" }, label("Role", r))));
  const scopes = h("input", { id: "new-user-scopes", size: 22, autocomplete: "off",
    placeholder: "00127, 00127/thon-1" });
  const password = h("input", { id: "new-user-password", type: "password", minlength: MIN_PASSWORD,
    autocomplete: "new-password" });
  const form = h("form", { class: "card", id: "new-user-form" },
    h("h3", null, t("create_user")),
    h("div", { class: "form-grid" },
      field(t("login_name"), login, t("login_hint")),
      field(t("display_name"), name),
      field(t("role"), role),
      field(t("scopes"), scopes, t("scopes_hint")),
      field(t("password_optional"), password, t("password_hint"))),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary" }, t("create_user"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const created = login.value.trim();
    const user = {
      login: created, display_name: name.value.trim(), role: role.value,
      scopes: scopes.value.split(",").map((s) => s.trim()).filter(Boolean).map(parseScope),
    };
    busy(t("saving"));
    try {
      await admin("CreateUser", { user, password: password.value });
      form.reset();
      await reload();
      done(t("user_created", { login: created }));
    } catch (e) {
      fail(e, t("user_create_failed"));
    }
  });
  return form;
}

export function usersPanel() {
  const list = h("div", { class: "table-wrap", id: "users-list" });
  let editing = "";

  function row(u) {
    const open = editing === u.login;
    const toggle = () => {
      editing = open ? "" : u.login;
      reload();
    };
    const cells = [u.login, u.display_name || "—", label("Role", u.role),
      (u.scopes || []).map(scopeText).join(", ") || "—",
      u.disabled ? t("user_state_disabled") : t("user_state_active"),
      u.has_password ? t("yes") : t("no"), dateTimeMicros(u.created_at_unix_micros),
      h("button", { type: "button", "aria-expanded": open ? "true" : "false", onclick: toggle },
        open ? t("close") : t("edit"))];
    return h("tr", { dataset: { login: u.login }, class: u.disabled ? "disabled" : "" },
      cells.map((cell) => h("td", null, cell)));
  }

  async function reload() {
    const ticket = busy();
    try {
      const { users = [] } = await admin("ListUsers", {});
      const rows = [];
      for (const u of users) {
        rows.push(row(u));
        if (editing === u.login) {
          rows.push(h("tr", { class: "editor-row" }, h("td", { colspan: "8" }, editor(u, reload))));
        }
      }
      replace(list, table([t("login_name"), t("display_name"), t("role"), t("scopes"), t("state"),
        t("has_password"), t("created_at"), ""], rows, { class: "data", id: "users-table" }));
      settle(ticket);
    } catch (e) {
      fail(e, t("users_load_failed"));
    }
  }

  reload();
  return h("div", null, h("h2", null, t("users_heading")), list, createForm(reload));
}
