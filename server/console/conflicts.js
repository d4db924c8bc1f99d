// conflicts.js — a household's open conflicts side by side: for each field the base value, the
// head's (with its tablet and author) and the incoming one (with its tablet and author); the
// reviewer keeps the head's, takes the tablet's, or types a new value, and the choices are sent
// as one ResolveConflict naming the version shown.
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { num } from "./format.js";
import { label, values } from "./labels.js";
import { pathLabel } from "./schema.js";
import { describeValue, inputKind, toTextFormat } from "./values.js";

// The control a new value of `kind` is typed in.
function valueControl(kind, id) {
  if (kind.kind === "enum") {
    return h("select", { id, disabled: true },
      h("option", { value: "" }, t("choose")),
      values(kind.field.target).map((v) => h("option", { value: v }, label(kind.field.target, v))));
  }
  if (kind.kind === "bool") {
    return h("select", { id, disabled: true }, h("option", { value: "" }, t("choose")),
      h("option", { value: "true" }, t("yes")), h("option", { value: "false" }, t("no")));
  }
  const numeric = ["int", "int64", "double"].includes(kind.kind);
  return h("input", { id, disabled: true, autocomplete: "off",
    inputmode: numeric ? "decimal" : null,
    placeholder: kind.kind === "date" ? "dd/mm/yyyy" : null });
}

// Who made a value: the tablet, and the user of that tablet's push from the history.
function author(deviceId, mutationId, version, history) {
  const entry = history.find((e) => (mutationId && e.mutation_id === mutationId)) ||
    history.find((e) => version && String(e.version) === String(version) && e.kind !== "KIND_APPROVED");
  const parts = [`${t("tablet")}: ${deviceId || "—"}`];
  if (entry && entry.author) parts.push(`${t("who")}: ${entry.author}`);
  return parts.join(" · ");
}

function conflictBlock(conflict, index, record, history) {
  const name = `conflict-${index}`;
  const kind = inputKind(conflict.path);
  const control = kind ? valueControl(kind, `${name}-value`) : null;
  const radio = (choice, text, extra) => h("label", { class: "choice" },
    h("input", { type: "radio", name, value: choice, dataset: { choice },
      onchange: () => { if (control) control.disabled = choice !== "CHOICE_VALUE"; } }),
    " ", text, extra || null);
  const side = (title, version, text, present, who, cls) => h("div", { class: `side ${cls}` },
    h("div", { class: "side-title" }, title,
      version ? ` — ${t("version_n", { n: num(version) })}` : ""),
    h("div", { class: "side-value" }, describeValue(conflict.path, text, present, record)),
    who ? h("div", { class: "side-author" }, who) : null);
  return h("fieldset", { class: "conflict", dataset: { path: conflict.path } },
    h("legend", null, pathLabel(conflict.path, record)),
    h("div", { class: "sides" },
      side(t("value_base"), conflict.base_version, conflict.base_value, conflict.base_present,
        null, "base"),
      side(t("value_head"), conflict.head_version, conflict.head_value, conflict.head_present,
        author(conflict.head_device_id, conflict.head_mutation_id, conflict.head_version, history),
        "head"),
      side(t("value_incoming"), null, conflict.incoming_value, conflict.incoming_present,
        author(conflict.incoming_device_id, conflict.incoming_mutation_id, null, history),
        "incoming")),
    Number(conflict.incoming_edit_count) > 1
      ? h("p", { class: "hint" }, t("incoming_edits_n", { n: conflict.incoming_edit_count })) : null,
    h("div", { class: "choices", role: "radiogroup", "aria-label": t("choose_value") },
      radio("CHOICE_HEAD", t("choice_head")),
      radio("CHOICE_INCOMING", t("choice_incoming")),
      kind ? radio("CHOICE_VALUE", t("choice_value"), h("span", { class: "typed" }, " ", control))
        : h("p", { class: "hint" }, t("choice_value_unavailable"))));
}

// The conflicts section; `submit(resolutions)` sends them (the caller handles the outcome).
export function renderConflicts(state, history, submit) {
  const conflicts = state.conflicts || [];
  const record = state.record || {};
  const error = h("p", { class: "form-error", role: "alert", id: "resolve-error" });
  const blocks = conflicts.map((c, i) => conflictBlock(c, i, record, history));
  const button = h("button", { type: "submit", class: "primary", id: "resolve-submit" },
    t("resolve_version", { n: num(state.version) }));
  const form = h("form", { id: "conflicts-form" }, blocks, error,
    h("div", { class: "actions no-print" }, button));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    replace(error);
    const resolutions = [];
    for (let i = 0; i < conflicts.length; i += 1) {
      const chosen = form.querySelector(`input[name="conflict-${i}"]:checked`);
      if (!chosen) continue;
      const resolution = { path: conflicts[i].path, choice: chosen.value, value: "",
        value_present: false };
      if (chosen.value === "CHOICE_VALUE") {
        const kind = inputKind(conflicts[i].path);
        const control = form.querySelector(`#conflict-${i}-value`);
        try {
          resolution.value = toTextFormat(kind.kind, control.value);
          resolution.value_present = true;
        } catch (e) {
          error.textContent = `${pathLabel(conflicts[i].path, record)}: ${e.message}`;
          control.focus();
          return;
        }
      }
      resolutions.push(resolution);
    }
    if (!resolutions.length) {
      error.textContent = t("resolve_choose_one");
      return;
    }
    button.disabled = true;
    try {
      await submit(resolutions);
    } finally {
      button.disabled = false;
    }
  });
  return h("section", { class: "card conflicts", id: "conflicts" },
    h("h2", null, t("conflicts_heading", { n: conflicts.length })),
    h("p", null, t("conflicts_intro")),
    form);
}
