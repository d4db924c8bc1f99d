// admin_ops.js — publishing and the audit log (AdminService): how far the program store is
// behind, its dead letters and their retry; the audit log's head and the verification of its
// hash chain.
import { admin } from "./api.js";
import { h, defs, field, replace, table } from "./dom.js";
import { t } from "./i18n.js";
import { dateTimeMicros, duration, num } from "./format.js";
import { busy, done, fail, problem, settle } from "./status.js";

export function publishPanel() {
  const out = h("div", { id: "publish-status", "aria-live": "polite" });

  async function retry(request, what) {
    busy(t("saving"));
    try {
      const r = await admin("RetryDeadLetters", request);
      await reload();
      done(t("retried", { n: num(r.retried), superseded: num(r.superseded), what }));
    } catch (e) {
      fail(e, t("retry_failed"));
    }
  }

  function deadLetters(letters) {
    if (!letters.length) return h("p", { class: "muted" }, t("dead_letters_none"));
    const headers = [t("household_id"), t("round"), t("commune_code"), t("approved_version"),
      t("error"), t("parked_at"), ""];
    return [
      table(headers, letters.map((d) => [
        d.key.household_id, d.key.round_id, d.commune_code, num(d.approved_version),
        d.error || t("held_behind", { n: num(d.held_behind_version) }),
        dateTimeMicros(d.parked_at_unix_micros),
        h("button", { type: "button", onclick: () => retry({ household: d.key }, d.key.household_id) },
          t("retry")),
      ]), { class: "data", id: "dead-letters" }),
      h("button", { type: "button", class: "primary", id: "retry-all",
        onclick: () => retry({}, t("all_dead_letters")) }, t("retry_all")),
    ];
  }

  async function reload() {
    const ticket = busy();
    try {
      const s = await admin("GetPublishStatus", {});
      const oldest = Number(s.oldest_pending_age_seconds);
      replace(out,
        defs([
          [t("program_store"), s.program_store || "—"],
          [t("backlog"), num(s.backlog)],
          [t("oldest_pending"), oldest ? duration(oldest) : "—"],
          [t("last_published"), dateTimeMicros(s.last_published_at_unix_micros)],
          [t("last_error"), s.last_error || t("none")],
          [t("dead_letters"), num(s.dead_letter_count)],
        ]),
        deadLetters(s.dead_letters || []));
      settle(ticket);
    } catch (e) {
      fail(e, t("publish_load_failed"));
    }
  }

  reload();
  return h("div", null,
    h("div", { class: "title-row" }, h("h2", null, t("publish_heading")),
      h("button", { type: "button", onclick: reload }, t("refresh"))),
    out);
}

export function auditPanel() {
  const head = h("div", { id: "audit-head" });
  const result = h("div", { id: "audit-result", "aria-live": "polite" });
  const expect = h("input", { id: "audit-expect", size: 40, placeholder: "SEQ:HEX",
    pattern: "\\d+:[0-9a-f]{64}", autocomplete: "off" });

  async function loadHead() {
    try {
      const r = await admin("AuditHead", {});
      const text = (r.head && r.head.text) || "—";
      replace(head, defs([[t("audit_head"), h("code", { class: "token" }, text)]]),
        h("p", { class: "hint" }, t("audit_head_hint")));
    } catch (e) {
      fail(e, t("audit_failed"));
    }
  }

  const form = h("form", { class: "card", id: "audit-form" },
    field(t("audit_expect"), expect, t("audit_expect_hint")),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary", id: "audit-verify" }, t("audit_verify"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    busy(t("audit_verifying"));
    try {
      const r = await admin("VerifyAudit", { expect_head: expect.value.trim() });
      if (r.intact) {
        const kept = expect.value.trim()
          ? ` ${t(r.expect_head_found ? "audit_head_found" : "audit_head_missing")}` : "";
        replace(result, h("p", { class: "ok-box" }, t("audit_intact", {
          n: num(r.entries_checked), first: num(r.first_seq), last: num(r.last_seq) }), kept));
        done(t("audit_done"));
      } else {
        replace(result, h("p", { class: "error-box" }, t("audit_broken"), " ", r.problem));
        problem(t("audit_broken"));
      }
      loadHead();
    } catch (e) {
      fail(e, t("audit_failed"));
    }
  });
  loadHead();
  return h("div", null, h("h2", null, t("audit_heading")), head, form, result);
}
