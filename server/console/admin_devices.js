// admin_devices.js — the tablets (AdminService ListDevices, EnrollDevice, RevokeDevice): enrol
// one to a collaborator and show its token once, as a QR code (/api/qr) the tablet scans and
// as text; revoke a lost one.
import { admin, qrSvg } from "./api.js";
import { h, field, replace, svg, table } from "./dom.js";
import { t } from "./i18n.js";
import { dateTimeMicros } from "./format.js";
import { busy, done, fail, settle } from "./status.js";

// The attributes kept from the server's QR code, each with what its value must look like.
const QR_ELEMENTS = new Set(["svg", "g", "path", "rect"]);
const QR_ATTRIBUTES = {
  viewBox: /^[\d.\s-]+$/, d: /^[MmLlHhVvZz0-9.,\s-]+$/, x: /^[\d.]+$/, y: /^[\d.]+$/,
  width: /^[\d.]+%?$/, height: /^[\d.]+%?$/, fill: /^(#[0-9a-fA-F]{3,8}|black|white|none)$/,
  stroke: /^(#[0-9a-fA-F]{3,8}|black|white|none)$/, "stroke-width": /^[\d.]+$/,
  "shape-rendering": /^[a-zA-Z-]+$/, "fill-rule": /^(evenodd|nonzero)$/,
  transform: /^(translate|scale)\([\d.,\s-]+\)$/,
};

// A copy of the QR code's SVG holding only shapes and safe attributes.
function cleanSvg(source) {
  const parsed = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
  if (!parsed || parsed.nodeName !== "svg") throw new Error("not an SVG image");
  const copy = (node) => {
    const el = svg(node.nodeName);
    for (const attr of node.attributes) {
      const pattern = QR_ATTRIBUTES[attr.name];
      if (pattern && pattern.test(attr.value)) el.setAttribute(attr.name, attr.value);
    }
    for (const child of node.children) {
      if (QR_ELEMENTS.has(child.nodeName)) el.appendChild(copy(child));
    }
    return el;
  };
  const image = copy(parsed);
  const [width, height] = [parsed.getAttribute("width"), parsed.getAttribute("height")];
  if (!image.getAttribute("viewBox") && width && height) {
    image.setAttribute("viewBox", `0 0 ${width} ${height}`);
  }
  image.setAttribute("width", "264");
  image.setAttribute("height", "264");
  return image;
}

async function tokenBox(response) {
  const device = response.device;
  const box = h("div", { class: "card token-box", id: "enrolled-device", role: "region",
    "aria-label": t("device_token") });
  const image = h("div", { class: "qr-frame" }, t("loading"));
  const hide = () => {
    box.remove();
    done(t("token_hidden"));
  };
  replace(box,
    h("h3", null, t("device_enrolled", { device: device.device_id, login: device.login })),
    h("p", { class: "warning" }, t("token_once_warning")),
    h("div", { class: "token-layout" }, image,
      h("div", null,
        h("p", null, t("token_text")),
        h("code", { id: "device-token", class: "token" }, response.token),
        h("p", { class: "hint" }, t("token_scan_hint")),
        h("button", { type: "button", onclick: hide }, t("token_hide")))));
  try {
    const qr = cleanSvg(await qrSvg(response.token));
    qr.setAttribute("id", "device-qr");
    qr.setAttribute("class", "qr");
    qr.setAttribute("role", "img");
    qr.setAttribute("aria-label", t("qr_label", { device: device.device_id }));
    replace(image, qr);
  } catch (e) {
    replace(image, t("qr_failed"));
    fail(e, t("qr_failed"));
  }
  return box;
}

export function devicesPanel() {
  const list = h("div", { class: "table-wrap", id: "devices-list" });
  const result = h("div", { "aria-live": "polite" });
  const collaborators = h("datalist", { id: "collaborator-list" });
  let confirming = "";

  async function revoke(deviceId) {
    busy(t("saving"));
    try {
      await admin("RevokeDevice", { device_id: deviceId });
      confirming = "";
      await reload();
      done(t("device_revoked", { device: deviceId }));
    } catch (e) {
      fail(e, t("device_revoke_failed"));
    }
  }

  function confirm(deviceId) {
    confirming = deviceId;
    reload();
  }

  // A tablet's last cell: when it was revoked, or the revoke button (asking once more).
  function actions(d) {
    if (d.revoked) return t("revoked_on", { when: dateTimeMicros(d.revoked_at_unix_micros) });
    if (confirming === d.device_id) {
      return [
        h("button", { type: "button", class: "danger", onclick: () => revoke(d.device_id) },
          t("confirm_revoke")),
        " ",
        h("button", { type: "button", onclick: () => confirm("") }, t("cancel"))];
    }
    return h("button", { type: "button", onclick: () => confirm(d.device_id) }, t("revoke"));
  }

  function devicesTable(devices) {
    if (!devices.length) return h("p", { class: "muted" }, t("devices_none"));
    const headers = [t("device_id"), t("collaborator"), t("enrolled_at"), t("last_seen"), t("state")];
    return table(headers, devices.map((d) => h("tr", { dataset: { device: d.device_id } },
      [d.device_id, d.login, dateTimeMicros(d.enrolled_at_unix_micros),
        dateTimeMicros(d.last_seen_unix_micros), actions(d)].map((cell) => h("td", null, cell)))),
    { class: "data", id: "devices-table" });
  }

  async function reload() {
    const ticket = busy();
    try {
      const [{ devices = [] }, { users = [] }] =
        await Promise.all([admin("ListDevices", {}), admin("ListUsers", {})]);
      replace(collaborators, users.filter((u) => u.role === "ROLE_COLLABORATOR" && !u.disabled)
        .map((u) => h("option", { value: u.login }, u.display_name || u.login)));
      replace(list, devicesTable(devices));
      settle(ticket);
    } catch (e) {
      fail(e, t("devices_load_failed"));
    }
  }

  const login = h("input", { id: "enroll-login", required: true, list: "collaborator-list",
    size: 16, autocomplete: "off" });
  const deviceId = h("input", { id: "enroll-device", required: true, size: 16, autocomplete: "off" });
  const form = h("form", { class: "card", id: "enroll-form" },
    h("h3", null, t("enroll_heading")),
    h("div", { class: "form-grid" },
      field(t("collaborator_login"), login), collaborators,
      field(t("device_id"), deviceId, t("device_id_hint"))),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary", id: "enroll-submit" }, t("enroll"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    busy(t("enrolling"));
    try {
      const response = await admin("EnrollDevice",
        { login: login.value.trim(), device_id: deviceId.value.trim() });
      const box = await tokenBox(response);
      replace(result, box);
      const heading = box.querySelector("h3");
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
      box.scrollIntoView({ block: "start" });
      form.reset();
      await reload();
      done(t("device_enrolled_done", { device: response.device.device_id }));
    } catch (e) {
      fail(e, t("enroll_failed"));
    }
  });
  reload();
  return h("div", null, h("h2", null, t("devices_heading")), form, result, list);
}
