/* The other parts of the report: its warnings (above the results table), and the Vitals,
 * Findings and Summary tabs; each item shows where it was printed. */

import { $, el, onActivateKey, smooth } from "./dom.js";
import { displayName, flagKey, flagPill, fmtNumber, pageOf, prettyUnit, rangeText } from "./format.js";
import { t } from "./i18n.js";
import { showRefs } from "./pages.js";
import { selectResult } from "./results.js";
import { state } from "./state.js";

/** The report's warnings, each with a link to its result or page. */
export function renderWarnings() {
  const warnings = state.report.warnings || [];
  const details = $("warnings");
  details.hidden = !warnings.length;
  if (!warnings.length) return;
  $("warnings-summary").textContent = `⚠ ${t("warnings_n", { n: warnings.length })}`;
  if (warnings.length <= 3 && !details.dataset.touched) details.open = true;
  $("warning-list").replaceChildren(...warnings.map(warningItem));
}

/** One warning: its code, its message and a link to what it is about. */
function warningItem(warning) {
  const result = warning.result_id ? state.byId.get(warning.result_id) : null;
  const parts = [
    el("code", { class: "warning-code", text: warning.code }),
    el("span", { class: "warning-message", text: warning.message, title: warning.message }),
  ];
  if (result) {
    parts.push(
      el("button", {
        type: "button",
        class: "link-button",
        data: { resultId: result.id },
        text: `→ ${t("warning_show", { name: displayName(result) })}`,
        onclick: () => selectResult(result.id, "warning"),
      }),
    );
  } else if (warning.page) {
    parts.push(
      el("button", {
        type: "button",
        class: "link-button",
        text: `→ ${t("page_n", { n: warning.page })}`,
        onclick: () => {
          const page = $(`page-${warning.page}`);
          if (page) page.scrollIntoView({ block: "start", behavior: smooth() });
        },
      }),
    );
  }
  return el("li", { class: "warning-item", data: { code: warning.code, resultId: warning.result_id || "" } }, parts);
}

/** Remember that the warnings were opened or closed by hand (they then stay so). */
export function wireWarnings() {
  $("warnings").addEventListener("toggle", () => ($("warnings").dataset.touched = "1"));
}

/** The Vitals tab: a row per vital sign; a row shows its box. */
export function renderVitals() {
  const vitals = state.report.vitals || [];
  $("count-vitals").textContent = String(vitals.length);
  $("tab-vitals").classList.toggle("empty-tab", !vitals.length);
  $("vitals-empty").hidden = vitals.length > 0;
  $("vitals-table").hidden = !vitals.length;
  $("vitals-body").replaceChildren(...vitals.map(vitalRow));
}

/** One vital sign's row. */
function vitalRow(vital) {
  const name = t(`vital_${vital.code}`);
  const printed = vital.name_raw && vital.name_raw !== name ? vital.name_raw : null;
  const range = rangeText(vital.reference_range) || (vital.flag_source === "guideline" ? t("guideline_band") : "");
  const label = `${name}: ${vital.value_raw} ${prettyUnit(vital.unit)}`;
  const show = () => showRefs(vital.provenance, label);
  return el(
    "tr",
    {
      class: `flag-${flagKey(vital.flag)}${vital.flag && vital.flag !== "N" ? " abnormal" : ""}`,
      tabindex: "0",
      data: { vitalId: vital.id },
      onclick: show,
      onkeydown: onActivateKey(show),
    },
    [
      el("td", { class: "c-name" }, [
        el("span", { class: "name", text: name }),
        vital.derived ? el("span", { class: "tag derived-tag", text: t("derived") }) : null,
        printed ? el("span", { class: "sub", text: printed }) : null,
      ]),
      el("td", { class: "c-value" }, [el("span", { class: "value", text: vital.value_raw || fmtNumber(vital.value) })]),
      el("td", { class: "c-unit", text: prettyUnit(vital.unit_raw || vital.unit) }),
      el("td", { class: "c-range", text: range, title: vital.flag_source ? t(`flag_source_${vital.flag_source}`) : null }),
      el("td", { class: "c-flag" }, [flagPill(vital.flag)]),
      el("td", { class: "c-page", text: String(pageOf(vital) || "") }),
    ],
  );
}

/** A "Show on the page" link that draws an item's boxes. */
function showButton(provenance, label) {
  return el("button", {
    type: "button",
    class: "link-button show-on-page",
    text: `→ ${t("show_on_page")}`,
    onclick: (event) => {
      event.stopPropagation();
      showRefs(provenance, label);
    },
  });
}

/** The Findings tab: ECG, imaging and physical-exam findings. */
export function renderFindings() {
  const findings = state.report.findings || [];
  $("count-findings").textContent = String(findings.length);
  $("tab-findings").classList.toggle("empty-tab", !findings.length);
  $("findings-empty").hidden = findings.length > 0;
  $("findings-list").replaceChildren(...findings.map(findingItem));
}

/** One finding: its kind, title and page, its text, conclusion and measurements. */
function findingItem(finding) {
  const kind = finding.modality && finding.category !== "physical_exam" ? t(`modality_${finding.modality}`) : t(`cat_${finding.category}`);
  const title = [finding.heading, finding.body_site].filter(Boolean).join(" · ") || kind;
  const body = [];
  if (finding.text) body.push(el("p", { class: "finding-text", text: finding.text }));
  if (finding.impression) {
    body.push(el("p", { class: "finding-impression" }, [el("strong", { text: `${t("impression")}: ` }), finding.impression]));
  }
  if (finding.measurements && finding.measurements.length) {
    body.push(
      el(
        "ul",
        { class: "measurements", "aria-label": t("measurements") },
        finding.measurements.map((m) => el("li", { text: `${m.name_raw} ${m.value_raw}${m.unit && !m.value_raw.includes(m.unit) ? ` ${prettyUnit(m.unit)}` : ""}` })),
      ),
    );
  }
  return el("article", { class: `item finding cat-${finding.category}`, data: { findingId: finding.id } }, [
    el("header", { class: "item-head" }, [
      el("span", { class: "tag", text: kind }),
      el("h3", { class: "item-title", text: title }),
      el("span", { class: "item-page", text: t("page_n", { n: pageOf(finding) }) }),
    ]),
    ...body,
    showButton(finding.provenance, title),
  ]);
}

/** The Summary tab: the physician's conclusions, then the advice. */
export function renderSummary() {
  const summary = state.report.summary || [];
  $("count-summary").textContent = String(summary.length);
  $("tab-summary").classList.toggle("empty-tab", !summary.length);
  $("summary-empty").hidden = summary.length > 0;
  const groups = [];
  for (const kind of ["conclusion", "advice"]) {
    const items = summary.filter((item) => item.kind === kind);
    if (!items.length) continue;
    groups.push(
      el("section", { class: `summary-group ${kind}` }, [
        el("h3", { class: "group-title", text: t(kind === "conclusion" ? "conclusions" : "advice") }),
        el("ol", { class: "summary-items" }, items.map(summaryItem)),
      ]),
    );
  }
  $("summary-list").replaceChildren(...groups);
}

/** One conclusion or piece of advice, with its heading unless its text repeats it; shows its box. */
function summaryItem(item) {
  const heading = item.heading && !item.text.startsWith(item.heading) ? item.heading : null;
  const show = () => showRefs(item.provenance, heading || item.text.slice(0, 40));
  return el(
    "li",
    {
      class: "summary-item",
      tabindex: "0",
      data: { summaryId: item.id },
      title: t("show_on_page"),
      onclick: show,
      onkeydown: onActivateKey(show),
    },
    [heading ? el("strong", { class: "summary-heading", text: heading }) : null, el("span", { class: "summary-text", text: item.text })],
  );
}
