// procedure.js — "Quy trình": the steps after approval for the chosen commune, one tab each:
// village meeting, public posting, objection, recognition (procedure_steps.js).
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { tabView } from "./tabs.js";
import { current, picker } from "./workspace.js";
import { meetingStep, objectionStep, postingStep, recognitionStep } from "./procedure_steps.js";

const TABS = [
  { id: "meeting", title: "tab_meeting", make: meetingStep },
  { id: "posting", title: "tab_posting", make: postingStep },
  { id: "objection", title: "tab_objection", make: objectionStep },
  { id: "recognise", title: "tab_recognise", make: recognitionStep },
];

// #/procedure/TAB names the step shown; #/procedure shows the village meeting. The round and
// commune are read again on every show, so the picker's choice reaches the step.
export function renderProcedure(root, params, { user }) {
  const view = tabView({ tabs: TABS, prefix: "procedure", selected: params[0],
    label: t("procedure_steps"), listClass: "tabs no-print",
    renderPanel: (tab) => {
      const { round, commune } = current(user);
      return commune ? tab.make({ user, round, commune }) : h("p", null, t("choose_commune"));
    } });
  replace(root, h("h1", null, t("procedure_title")), picker(user, view.show), view.tabList,
    view.panel);
  view.show();
}
