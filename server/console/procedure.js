// procedure.js — "Quy trình": the steps after approval for the chosen commune, one tab each:
// village meeting, public posting, objection, recognition (procedure_steps.js).
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { current, picker } from "./workspace.js";
import { meetingStep, objectionStep, postingStep, recognitionStep } from "./procedure_steps.js";

const TABS = [
  { id: "meeting", title: "tab_meeting", make: meetingStep },
  { id: "posting", title: "tab_posting", make: postingStep },
  { id: "objection", title: "tab_objection", make: objectionStep },
  { id: "recognise", title: "tab_recognise", make: recognitionStep },
];

// #/procedure/TAB names the step shown; #/procedure shows the village meeting.
export function renderProcedure(root, params, { user }) {
  let selected = TABS.some((tab) => tab.id === params[0]) ? params[0] : "meeting";
  const choose = (id) => {
    selected = id;
    history.replaceState(null, "", `#/procedure/${id}`);
    show();
    document.getElementById(`tab-${id}`).focus();
  };
  const tabList = h("div", { class: "tabs no-print", role: "tablist",
    "aria-label": t("procedure_steps") });
  const panel = h("div", { class: "tab-panel", role: "tabpanel", id: "procedure-panel" });

  function show() {
    const { round, commune } = current(user);
    replace(tabList, TABS.map((tab) => h("button", {
      type: "button", role: "tab", id: `tab-${tab.id}`,
      "aria-selected": tab.id === selected ? "true" : "false",
      "aria-controls": "procedure-panel", class: tab.id === selected ? "active" : "",
      onclick: () => choose(tab.id),
      onkeydown: (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const index = TABS.findIndex((x) => x.id === selected);
        choose(TABS[(index + step + TABS.length) % TABS.length].id);
      },
    }, t(tab.title))));
    panel.setAttribute("aria-labelledby", `tab-${selected}`);
    if (!commune) {
      replace(panel, h("p", null, t("choose_commune")));
      return;
    }
    replace(panel, TABS.find((tab) => tab.id === selected).make({ user, round, commune }));
  }

  replace(root, h("h1", null, t("procedure_title")), picker(user, show), tabList, panel);
  show();
}
