// admin.js — "Quản trị" (admins only): users, tablets, publishing to the program store, and the
// audit log, one tab each (admin_users.js, admin_devices.js, admin_ops.js).
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { tabView } from "./tabs.js";
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
  const view = tabView({ tabs: TABS, prefix: "admin", selected: params[0],
    label: t("admin_sections"), renderPanel: (tab) => tab.make({ user }) });
  replace(root, h("h1", null, t("admin_title")), view.tabList, view.panel);
  view.show();
}
