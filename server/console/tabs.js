// tabs.js — the tab list of the admin and procedure screens (ARIA tabs): one button per tab,
// ArrowLeft/ArrowRight move between them, one panel shows the chosen tab, and the address keeps
// it as #/PREFIX/TAB so that a reload or a link opens the same tab.
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

// tabs: [{id, title}], title a message key; the buttons are #tab-ID, the panel #PREFIX-panel.
// selected: the tab asked for (the first tab when it is none of them); label: the tablist's
// accessible name; listClass: the tablist's class. renderPanel(tab) builds the panel's content
// on every show. Returns {tabList, panel, show}: the caller places both nodes, then calls
// show(), and again whenever the panel's content would change (the workspace picker).
export function tabView({ tabs, prefix, selected, label, listClass = "tabs", renderPanel }) {
  let chosen = tabs.some((tab) => tab.id === selected) ? selected : tabs[0].id;
  const panelId = `${prefix}-panel`;
  const tabList = h("div", { class: listClass, role: "tablist", "aria-label": label });
  const panel = h("div", { class: "tab-panel", role: "tabpanel", id: panelId });

  const choose = (id) => {
    chosen = id;
    history.replaceState(null, "", `#/${prefix}/${id}`);
    show();
    document.getElementById(`tab-${id}`).focus();
  };
  const move = (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const index = tabs.findIndex((tab) => tab.id === chosen);
    choose(tabs[(index + step + tabs.length) % tabs.length].id);
  };

  function show() {
    replace(tabList, tabs.map((tab) => h("button", {
      type: "button", role: "tab", id: `tab-${tab.id}`, class: tab.id === chosen ? "active" : "",
      "aria-selected": tab.id === chosen ? "true" : "false", "aria-controls": panelId,
      onclick: () => choose(tab.id), onkeydown: move,
    }, t(tab.title))));
    panel.setAttribute("aria-labelledby", `tab-${chosen}`);
    replace(panel, renderPanel(tabs.find((tab) => tab.id === chosen)));
  }

  // Takes no arguments, so that it can be a callback (the picker passes the workspace).
  return { tabList, panel, show: () => show() };
}
