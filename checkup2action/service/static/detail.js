/* The detail of the selected result, under the results table: what was printed, how it was
 * read and flagged, and its warnings. */

import { $, el } from "./dom.js";
import { displayName, flagKey, flagPill, fmtNumber, prettyUnit, rangeText, resultConfidence, valueText } from "./format.js";
import { lang, t } from "./i18n.js";
import { clearSelection } from "./selection.js";
import { state } from "./state.js";

/** Show the detail of a result, or hide the panel for none. */
export function renderDetail(result) {
  const panel = $("result-detail");
  if (!result) {
    panel.hidden = true;
    return;
  }
  const close = el("button", {
    type: "button",
    class: "icon-button detail-close",
    "aria-label": t("detail_close"),
    title: t("detail_close"),
    text: "×",
    onclick: () => clearSelection(),
  });
  panel.replaceChildren(
    el("div", { class: "detail-head" }, [
      el("span", { class: `detail-stripe flag-${flagKey(result.flag)}` }),
      el("h3", { class: "detail-title", text: displayName(result) }),
      el("span", { class: "detail-id", text: result.id }),
      close,
    ]),
    el("dl", { class: "detail-grid" }, detailRows(result)),
  );
  panel.hidden = false;
}

/** The detail's dt/dd pairs; empty values are left out, wide ones span the grid. */
function detailRows(result) {
  const rows = [];
  const add = (label, ...values) => {
    const parts = values.filter((v) => v !== null && v !== undefined && v !== "");
    if (parts.length) rows.push(el("dt", { text: label }), el("dd", {}, parts));
  };
  const addWide = (label, ...values) => {
    const parts = values.filter((v) => v !== null && v !== undefined && v !== "");
    if (parts.length) rows.push(el("dt", { class: "wide", text: label }), el("dd", { class: "wide" }, parts));
  };
  const name = displayName(result);
  const printed = [result.name_raw !== name ? result.name_raw : null, result.panel].filter(Boolean).join(" · ");
  addWide(t("detail_printed"), printed);
  const unitRaw = prettyUnit(result.unit_raw || result.unit);
  add(t("detail_value"), `${result.value_raw || valueText(result)}${unitRaw ? ` ${unitRaw}` : ""}`);
  if (typeof result.value_canonical === "number" && result.unit_canonical && result.unit_canonical !== result.unit) {
    add(t("detail_canonical"), `${fmtNumber(result.value_canonical, 4)} ${prettyUnit(result.unit_canonical)}`);
  }
  add(t("detail_range"), rangeText(result.reference_range));
  if (result.flag) {
    const source = result.flag_source ? t(`flag_source_${result.flag_source}`) : "";
    add(t("detail_flag"), flagPill(result.flag, true), source ? ` ${source}` : "");
  }
  const analyte = result.analyte;
  if (analyte) {
    const other = lang() === "zh" ? analyte.name_en : analyte.name_zh;
    addWide(t("detail_analyte"), [other, analyte.code, analyte.loinc ? `LOINC ${analyte.loinc}` : null, analyte.category].filter(Boolean).join(" · "));
  }
  add(t("detail_previous"), previousText(result));
  add(t("detail_source"), (result.provenance || []).map(sourceText).join("; "));
  add(t("detail_confidence"), `${Math.round(resultConfidence(result) * 100)}%`);
  if (result.derived) addWide(t("derived"), t("detail_computed_from"));
  if (result.needs_review) addWide(t("review"), el("span", { class: "review-marker", text: `⚑ ${t("review_title")}` }));
  const warnings = state.warningsById.get(result.id) || [];
  if (warnings.length) {
    addWide(t("detail_warnings"), ...warnings.map((w) => el("span", { class: "detail-warning" }, [el("code", { text: w.code }), ` ${w.message}`])));
  }
  return rows;
}

/** The earlier results printed beside a result (with their dates), or "" for none. */
function previousText(result) {
  const history = result.history && result.history.length ? result.history : [];
  if (history.length) return history.map((h) => `${h.value_raw}${h.date ? ` (${h.date})` : ""}`).join(" · ");
  return result.previous_value_raw || "";
}

/** Where a value was read: its page, text layer or OCR (and engine), and the confidence. */
function sourceText(prov) {
  const how = t(prov.source === "ocr" ? "source_ocr" : "source_text_layer");
  const engine = prov.engine ? ` (${prov.engine})` : "";
  const conf = typeof prov.confidence === "number" ? `, ${t("confidence", { pct: `${Math.round(prov.confidence * 100)}%` })}` : "";
  return `${t("page_n", { n: prov.page })} · ${how}${engine}${conf}`;
}
