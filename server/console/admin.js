// admin.js — "Quản trị" (admins only): users, tablets, publishing to the program store, and the
// audit log, one tab each (admin_users.js, admin_devices.js, admin_ops.js).
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { usersPanel } from "./admin_users.js";
import { devicesPanel } from "./admin_devices.js";
import { auditPanel, publishPanel } from "./admin_ops.js";

const TABS = [
  { id: "users", title: "tab_users", make: usersPanel },
  { id: "devices", title: "tab_devices", make: devicesPanel },
  { id: "publish", title: "tab_publish", make: publishPanel },
  { id: "audit", title: "tab_audit", make: auditPanel },
];

// #/admin/TAB names the tab shown; #/admin shows the users.
export function renderAdmin(root, params, { user }) {
  let selected = TABS.some((tab) => tab.id === params[0]) ? params[0] : "users";
  const choose = (id) => {
    selected = id;
    history.replaceState(null, "", `#/admin/${id}`);
    show(true);
  };
  const tabList = h("div", { class: "tabs", role: "tablist", "aria-label": t("admin_sections") });
  const panel = h("div", { class: "tab-panel", role: "tabpanel", id: "admin-panel" });
  function show(focus) {
    replace(tabList, TABS.map((tab) => h("button", {
      type: "button", role: "tab", id: `tab-${tab.id}`, class: tab.id === selected ? "active" : "",
      "aria-selected": tab.id === selected ? "true" : "false", "aria-controls": "admin-panel",
      onclick: () => choose(tab.id),
      onkeydown: (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const index = TABS.findIndex((x) => x.id === selected);
        choose(TABS[(index + step + TABS.length) % TABS.length].id);
      },
    }, t(tab.title))));
    panel.setAttribute("aria-labelledby", `tab-${selected}`);
    replace(panel, TABS.find((tab) => tab.id === selected).make({ user }));
    if (focus) document.getElementById(`tab-${selected}`).focus();
  }
  replace(root, h("h1", null, t("admin_title")), tabList, panel);
  show(false);
}
