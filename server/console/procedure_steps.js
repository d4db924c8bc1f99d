// procedure_steps.js — the four steps of the procedure after approval (review.proto): the
// village meeting, the public posting, an objection during the posting, and the chairman's
// recognition. Each lists the households it covers and why the others are not ready, and sends
// the exact versions listed.
import { review } from "./api.js";
import { h, field, replace } from "./dom.js";
import { t } from "./i18n.js";
import { compareDates, date, num, parseDate, today } from "./format.js";
import { busy, done, fail, settle } from "./status.js";
import { coveredTable, notReadyTable, scanQueue, selectedRows } from "./procedure_lists.js";

const AWAITING = "PROCEDURE_STEP_AWAITING_MEETING";
const AGREED = "PROCEDURE_STEP_AGREED_AT_MEETING";
const POSTED = "PROCEDURE_STEP_POSTED";

function dateInput(id) {
  return h("input", { id, value: date(today()), placeholder: "dd/mm/yyyy", size: 11, required: true,
    inputmode: "numeric", autocomplete: "off" });
}

// The date typed in `input`, or null after saying why it is not one.
function readDate(input, error) {
  const d = parseDate(input.value);
  if (!d) {
    error.textContent = t("need_date");
    input.focus();
  }
  return d;
}

// A step: its form (fields, the lists, a submit button) and the code shared by all four.
function stepForm({ id, title, intro, fields, submitText, allowed = true, notAllowed, onSubmit }) {
  const lists = h("div", { class: "step-lists", id: `${id}-lists`, "aria-live": "polite" });
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary", id: `${id}-submit`,
    disabled: !allowed }, submitText);
  const form = h("form", { id: `${id}-form`, class: "step" },
    h("h2", null, title), h("p", { class: "muted" }, intro),
    h("div", { class: "form-grid" }, fields),
    lists, error,
    h("div", { class: "actions" }, submit, allowed ? null : h("p", { class: "hint" }, notAllowed)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    if (!form.reportValidity()) return;
    submit.disabled = true;
    try {
      await onSubmit(error);
    } finally {
      submit.disabled = !allowed;
    }
  });
  return { form, lists, error };
}

// Loads the covered and the other households into `lists`.
async function fillLists(lists, { round, commune, village, covered, coveredFilter, table, wanted }) {
  const ticket = busy(t("loading_households"));
  try {
    const [mine, all] = await Promise.all([
      scanQueue({ round, commune, village, steps: covered }),
      scanQueue({ round, commune, village }),
    ]);
    const chosen = mine.entries.filter(coveredFilter || (() => true));
    const ids = new Set(chosen.map((e) => e.key.household_id));
    replace(lists,
      h("h3", null, t("covered_heading", { n: num(chosen.length) })),
      table(chosen),
      notReadyTable(all.entries.filter((e) => !ids.has(e.key.household_id)), round, wanted,
        all.truncated));
    settle(ticket);
  } catch (e) {
    fail(e, t("households_load_failed"));
  }
}

const versionOf = (row) => ({ household_id: row.dataset.household, version: row.dataset.version });

// A step's submit once its form is valid: the date typed in `dateInput` and the households ticked
// in `lists`, saying which is missing (`one`: the single household of a radio list); then
// `prepare(rows)`, which may stop by returning null after saying why; then `send(on, prepared)`
// on the status line: it saves, reloads the lists and returns what to say. A failure says
// t(failed).
async function submitChosen(error, dateInput, lists,
  { one = false, prepare = (rows) => rows, failed, send }) {
  const on = readDate(dateInput, error);
  if (!on) return;
  const rows = selectedRows(lists);
  if (!rows.length) {
    error.textContent = t(one ? "pick_one_household" : "pick_households");
    return;
  }
  const prepared = prepare(rows);
  if (!prepared) return;
  busy(t("saving"));
  try {
    done(await send(on, prepared));
  } catch (e) {
    fail(e, t(failed));
  }
}

export function meetingStep({ round, commune }) {
  const village = h("input", { id: "meeting-village", required: true, size: 10, autocomplete: "off" });
  const heldOn = dateInput("meeting-date");
  const attendees = h("input", { id: "meeting-attendees", type: "number", min: 1, required: true,
    size: 5 });
  const minutes = h("input", { id: "meeting-minutes", required: true, size: 16 });
  const note = h("textarea", { id: "meeting-note", rows: 2 });
  // Each household: how many attendees agreed, or that the quorum did.
  const votes = (e) => [
    h("input", { type: "number", min: 0, class: "agreeing", size: 4,
      "aria-label": t("agreeing_for", { id: e.key.household_id }) }),
    h("input", { type: "checkbox", class: "quorum",
      "aria-label": t("quorum_for", { id: e.key.household_id }) })];
  const load = () => fillLists(step.lists, {
    round, commune, village: village.value.trim(), covered: [AWAITING], wanted: AWAITING,
    table: (entries) => coveredTable(entries, round, { id: "meeting-households",
      extraHeaders: [t("agreeing"), t("agreed_by_quorum")], extra: votes }),
  });
  const step = stepForm({
    id: "meeting", title: t("meeting_title"), intro: t("meeting_intro"),
    submitText: t("meeting_submit"),
    fields: [
      field(t("village"), village),
      h("div", { class: "field actions" }, h("button", { type: "button", onclick: () => {
        if (village.reportValidity()) load();
      } }, t("list_households"))),
      field(t("meeting_date"), heldOn), field(t("attendees"), attendees),
      field(t("minutes_reference"), minutes), field(t("resurvey_note"), note, t("resurvey_note_hint"))],
    onSubmit: (error) => submitChosen(error, heldOn, step.lists, {
      failed: "meeting_failed",
      prepare: (rows) => {
        const results = [];
        for (const row of rows) {
          const agreeing = row.querySelector(".agreeing").value;
          const quorum = row.querySelector(".quorum").checked;
          if (agreeing === "" && !quorum) {
            error.textContent = t("meeting_need_count", { id: row.dataset.household });
            row.querySelector(".agreeing").focus();
            return null;
          }
          results.push({ ...versionOf(row), agreeing: Number(agreeing || 0),
            agreed_by_quorum: quorum });
        }
        return results;
      },
      send: async (held, results) => {
        const r = await review("RecordVillageMeeting", { round_id: round, commune_code: commune,
          village_code: village.value.trim(), held_on: held, attendees: Number(attendees.value),
          minutes_reference: minutes.value.trim(), results, resurvey_note: note.value.trim() });
        await load();
        return t("meeting_done",
          { agreed: (r.agreed || []).length, resurvey: (r.resurvey || []).length });
      },
    }),
  });
  replace(step.lists, h("p", { class: "muted" }, t("meeting_choose_village")));
  return step.form;
}

export function postingStep({ round, commune }) {
  const village = h("input", { id: "posting-village", size: 10, autocomplete: "off" });
  const firstDay = dateInput("posting-first-day");
  const days = h("input", { id: "posting-days", type: "number", min: 0, size: 4, placeholder: "0" });
  const load = () => fillLists(step.lists, {
    round, commune, village: village.value.trim(), covered: [AGREED], wanted: AGREED,
    table: (entries) => coveredTable(entries, round, { id: "posting-households" }),
  });
  const step = stepForm({
    id: "posting", title: t("posting_title"), intro: t("posting_intro"),
    submitText: t("posting_submit"),
    fields: [
      field(t("village_optional"), village),
      h("div", { class: "field actions" },
        h("button", { type: "button", onclick: load }, t("list_households"))),
      field(t("posting_first_day"), firstDay), field(t("posting_days"), days, t("posting_days_hint"))],
    onSubmit: (error) => submitChosen(error, firstDay, step.lists, {
      failed: "posting_failed",
      send: async (first, rows) => {
        const r = await review("OpenPosting", {
          round_id: round, commune_code: commune, first_day: first,
          working_days: Number(days.value || 0), households: rows.map(versionOf),
        });
        await load();
        return t("posting_done", { n: r.households, day: date(r.last_day) });
      },
    }),
  });
  load();
  return step.form;
}

export function objectionStep({ round, commune }) {
  const objector = h("input", { id: "objection-objector", required: true, size: 20 });
  const text = h("textarea", { id: "objection-text", required: true, rows: 3 });
  const received = dateInput("objection-date");
  const load = () => fillLists(step.lists, { round, commune, covered: [POSTED], wanted: POSTED,
    coveredFilter: () => true,
    table: (entries) => coveredTable(entries, round, { id: "objection-households", radio: true,
      extraHeaders: [t("posting_last_day")], extra: (e) => [date(e.posting_last_day)] }) });
  const step = stepForm({
    id: "objection", title: t("objection_title"), intro: t("objection_intro"),
    submitText: t("objection_submit"),
    fields: [field(t("objector"), objector), field(t("objection"), text),
      field(t("received_on"), received)],
    onSubmit: (error) => submitChosen(error, received, step.lists, {
      one: true, failed: "objection_failed",
      send: async (on, [row]) => {
        await review("RecordObjection", { key: { round_id: round, household_id: row.dataset.household },
          version: row.dataset.version, objector: objector.value.trim(), objection: text.value.trim(),
          received_on: on });
        await load();
        return t("objection_done", { id: row.dataset.household });
      },
    }),
  });
  load();
  return step.form;
}

export function recognitionStep({ round, commune, user }) {
  const allowed = user.role === "ROLE_CHAIRMAN" || user.role === "ROLE_ADMIN";
  const decision = h("input", { id: "recognise-decision", required: true, size: 16 });
  const decidedOn = dateInput("recognise-date");
  const load = () => {
    const on = parseDate(decidedOn.value) || today();
    return fillLists(step.lists, { round, commune, covered: [POSTED], wanted: POSTED,
      coveredFilter: (e) => e.posting_last_day && compareDates(e.posting_last_day, on) < 0,
      table: (entries) => coveredTable(entries, round, { id: "recognise-households",
        extraHeaders: [t("posting_last_day")], extra: (e) => [date(e.posting_last_day)] }) });
  };
  decidedOn.addEventListener("change", load);
  const step = stepForm({
    id: "recognise", title: t("recognise_title"), intro: t("recognise_intro"),
    submitText: t("recognise_submit"),
    allowed, notAllowed: t("recognise_not_allowed"),
    fields: [field(t("decision_number"), decision), field(t("decision_date"), decidedOn)],
    onSubmit: (error) => submitChosen(error, decidedOn, step.lists, {
      failed: "recognise_failed",
      send: async (on, rows) => {
        const r = await review("Recognise", { round_id: round, commune_code: commune,
          decision_number: decision.value.trim(), decided_on: on, households: rows.map(versionOf) });
        await load();
        return t("recognise_done", { n: r.households, decision: decision.value.trim() });
      },
    }),
  });
  load();
  return step.form;
}
