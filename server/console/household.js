// household.js — "Hộ gia đình": one household (GetHousehold) with its status, conflicts,
// validation issues next to their fields, classification, record and history; and the
// reviewer's decisions (approve, return with a comment, resolve conflicts), each naming the
// version on screen. A decision that meets a newer version reloads the household and says so.
import { review } from "./api.js";
import { h, field, replace } from "./dom.js";
import { t } from "./i18n.js";
import { num } from "./format.js";
import { label } from "./labels.js";
import { issueTitle } from "./reasons.js";
import { pathLabel } from "./schema.js";
import { busy, describeError, done, fail, info, problem, settle } from "./status.js";
import { renderClassification } from "./classification.js";
import { renderConflicts } from "./conflicts.js";
import { renderHistory } from "./history.js";
import { renderRecord } from "./record.js";
import { statusBadge } from "./queue.js";

// The codes of a decision refused because the household is not as it was shown.
const STALE = new Set(["FAILED_PRECONDITION", "ABORTED"]);

function headName(record) {
  const head = (record.members || []).find((m) => m.member_id === record.head_member_id);
  return head ? head.full_name : "";
}

function backLink() {
  return h("p", { class: "no-print" }, h("a", { href: "#/queue" }, `← ${t("back_to_queue")}`));
}

// Puts each issue next to the element showing its path (or the nearest enclosing one), and
// returns the list items of all of them.
function attachIssues(container, issues, record) {
  for (const issue of issues) {
    let path = issue.path || "";
    let target = null;
    while (path && !target) {
      target = container.querySelector(`[data-path="${CSS.escape(path)}"]`);
      if (!target) path = path.replace(/(\.[^.[\]]*|\[[^\]]*\])$/, "");
    }
    if (!target) continue;
    target.classList.add("has-issue");
    const note = h("div", { class: "issue-note", role: "note" },
      h("strong", null, issueTitle(issue.code)), ": ", issue.message);
    (target.matches("tr") ? target.lastElementChild || target : target).appendChild(note);
  }
  return issues.map((issue) => h("li", null, h("strong", null, pathLabel(issue.path, record)),
    " — ", issueTitle(issue.code), ": ", issue.message));
}

// What is known of the household beyond its status: approval, recognition, publication.
function meta(response, state, round) {
  const part = (name, value) => h("span", null, t(name), ": ", value);
  const approved = Number(response.approved_version);
  const recognised = Number(response.recognised_version);
  const published = Number(response.published_version);
  return h("div", { class: "household-meta" },
    part("status", h("span", { id: "household-status" }, statusBadge(state.status))),
    part("version", h("strong", { id: "household-version" }, num(state.version))),
    part("procedure_step", label("ProcedureStep", state.procedure_step)),
    part("round", round),
    approved ? h("span", null, t("approved_version_by",
      { n: num(approved), who: response.approved_by || "—" })) : null,
    recognised ? h("span", null, t("recognised_version",
      { n: num(recognised), decision: response.recognition_decision || "—" })) : null,
    published ? h("span", null, t("published_version", { n: num(published) })) : null);
}

export function renderHousehold(root, params) {
  const [round, householdId] = params;
  const key = { round_id: round, household_id: householdId };
  let notice = null;

  async function load(message) {
    notice = message || null;
    const ticket = busy();
    let response;
    try {
      response = await review("GetHousehold", { key });
    } catch (e) {
      fail(e, t("household_load_failed"));
      if (!e.sessionEnded && root.isConnected) {
        replace(root, backLink(), h("h1", null, t("household_title", { id: householdId })),
          h("p", { class: "error-box" }, describeError(e, t("household_load_failed"))));
      }
      return null;
    }
    if (!root.isConnected) return response;
    render(response);
    if (notice) info(notice);
    else settle(ticket);
    return response;
  }

  // After a refused decision: reload; a newer version is named, any other refusal described.
  async function afterFailure(error, shownVersion, what) {
    if (error.sessionEnded) return;
    if (STALE.has(error.status)) {
      let fresh = null;
      try {
        fresh = await review("GetHousehold", { key });
      } catch (e) {
        fail(e, t("household_load_failed"));
        return;
      }
      if (!root.isConnected) return;
      if (String(fresh.state.version) !== String(shownVersion)) {
        notice = t("stale_version", { n: fresh.state.version });
        render(fresh);
        info(notice);
        return;
      }
      // The same version in another status (decided by someone else meanwhile): show it.
      render(fresh);
    }
    fail(error, what);
  }

  // A decision button: calls `method` with the request, reloads, and says what it did.
  function decisionButton({ id, text, enabled, method, request, doing, doneText, failed, check }) {
    const button = h("button", { type: "button", id, disabled: !enabled, onclick: async () => {
      if (check && !check()) return;
      button.disabled = true;
      busy(doing);
      try {
        await review(method, request());
        await load();
        done(doneText);
      } catch (e) {
        await afterFailure(e, request().version, failed);
        button.disabled = false;
      }
    } }, text);
    return button;
  }

  function decisions(state) {
    const version = state.version;
    const status = label("ReviewStatus", state.status);
    const canApprove = state.status === "REVIEW_STATUS_READY_FOR_REVIEW";
    const canReturn = canApprove || state.status === "REVIEW_STATUS_NEEDS_CORRECTION";
    const comment = h("textarea", { id: "return-comment", rows: 3, maxlength: 2000,
      disabled: !canReturn });
    const approve = decisionButton({
      id: "approve", text: t("approve_version", { n: num(version) }), enabled: canApprove,
      method: "Approve", request: () => ({ key, version }), doing: t("approving"),
      doneText: t("approved_done", { n: num(version) }), failed: t("approve_failed"),
    });
    approve.classList.add("primary");
    const giveBack = decisionButton({
      id: "return", text: t("return_version", { n: num(version) }), enabled: canReturn,
      method: "Return", request: () => ({ key, version, comment: comment.value.trim() }),
      doing: t("returning"), doneText: t("returned_done", { n: num(version) }),
      failed: t("return_failed"),
      check: () => {
        if (comment.value.trim()) return true;
        problem(t("return_needs_comment"));
        comment.focus();
        return false;
      },
    });
    return h("section", { class: "card decisions no-print", id: "decisions" },
      h("h2", null, t("decision_heading", { n: num(version) })),
      h("div", { class: "decision-row" },
        h("div", null, approve,
          canApprove ? null : h("p", { class: "hint" }, t("approve_not_allowed", { status }))),
        h("div", { class: "return-box" },
          field(t("return_comment"), comment, t("return_comment_hint")),
          giveBack,
          canReturn ? null : h("p", { class: "hint" }, t("return_not_allowed", { status })))));
  }

  async function resolve(state, resolutions) {
    busy(t("resolving"));
    try {
      const response = await review("ResolveConflict",
        { key, version: state.version, resolutions });
      await load();
      done(t("resolved_done",
        { n: num(response.version), open: (response.open_conflicts || []).length }));
    } catch (e) {
      await afterFailure(e, state.version, t("resolve_failed"));
    }
  }

  function render(response) {
    const state = response.state || {};
    const record = state.record || {};
    const history = response.history || [];
    const issues = response.validation_issues || [];
    const recordEl = renderRecord(record);
    const issueItems = attachIssues(recordEl, issues, record);
    const head = headName(record);
    replace(root,
      backLink(),
      h("h1", null, t("household_title", { id: householdId }), head ? ` — ${head}` : ""),
      meta(response, state, round),
      notice ? h("div", { class: "notice", id: "decision-message", role: "alert" }, notice) : null,
      state.reviewer_comment ? h("div", { class: "card comment", id: "reviewer-comment" },
        h("strong", null, t("reviewer_comment")), " ", state.reviewer_comment) : null,
      (state.conflicts || []).length
        ? renderConflicts(state, history, (chosen) => resolve(state, chosen)) : null,
      decisions(state),
      h("section", { class: "card", id: "issues" },
        h("h2", null, t("issues_heading", { n: issues.length })),
        issues.length ? h("ul", { class: "issues" }, issueItems)
          : h("p", { class: "muted" }, t("issues_none"))),
      renderClassification(response.classification),
      h("h2", null, t("record_heading")),
      recordEl,
      renderHistory(state, history));
  }

  replace(root, h("h1", null, t("household_title", { id: householdId })),
    h("p", null, t("loading")));
  load();
}
