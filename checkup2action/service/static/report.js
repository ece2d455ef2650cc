/* The result view of a report: opening it, its header and summary strip, and every text that
 * depends on the page's language (rendered again when the language changes). */

import { renderCards } from "./cards.js";
import { $, announce, el, smooth } from "./dom.js";
import { renderDetail } from "./detail.js";
import { fmtNumber, isAbnormal, localTime, seconds } from "./format.js";
import { applyLabels, detectReportLanguage, setReportLanguage, t } from "./i18n.js";
import { buildPages, relabelPages } from "./pages.js";
import { renderFindings, renderSummary, renderVitals, renderWarnings } from "./panels.js";
import { renderTable, setAbnormalOnly } from "./results.js";
import { state } from "./state.js";
import { activateTab } from "./tabs.js";
import { showView } from "./views.js";

/** Show a finished job's report and cards on the result view. */
export function openReport(job, report, cards) {
  state.job = job;
  state.report = report;
  state.cards = cards;
  setReportLanguage(detectReportLanguage(report, cards));
  state.results = (report.lab_results || []).map((result, index) => Object.assign({ _i: index }, result));
  state.byId = new Map(state.results.map((r) => [r.id, r]));
  state.warningsById = warningsByResult(report.warnings || []);
  state.selectedId = null;
  state.filter = "";
  state.abnormalOnly = false;
  state.sort = { key: "flag", dir: 1 };
  $("result-filter").value = "";
  $("abnormal-only").checked = false;

  const links = job.links || {};
  $("download-json").href = links["report.json"] || "#";
  $("download-csv").href = links["results.csv"] || "#";
  $("download-fhir").href = links["fhir.json"] || "#";
  $("download-cards").href = links["cards.json"] || "#";

  showView("result");
  buildPages(pageImages(job, report));
  activateTab("results", { focus: false });
  applyLanguage(); // renders every text of the report in the page's language
  announce(`${docName()}: ${t("n_results", { n: state.results.length })}`);
}

/** The warnings that name a result, by its id. */
function warningsByResult(warnings) {
  const byId = new Map();
  for (const warning of warnings) {
    if (!warning.result_id) continue;
    if (!byId.has(warning.result_id)) byId.set(warning.result_id, []);
    byId.get(warning.result_id).push(warning);
  }
  return byId;
}

/** The document's name: the uploaded file's, else the start of its SHA-256. */
function docName() {
  if (state.fileName) return state.fileName;
  const sha = (state.job && state.job.sha256) || "";
  return sha ? `${sha.slice(0, 12)}…` : "";
}

/** The page pictures of a job (from the job, else from its links and the report's page sizes). */
function pageImages(job, report) {
  if (Array.isArray(job.page_images) && job.page_images.length) return job.page_images;
  const urls = (job.links && job.links.pages) || [];
  const infos = new Map(((report.source && report.source.pages) || []).map((p) => [p.page, p]));
  return urls.map((url, index) => {
    const info = infos.get(index + 1) || { width: 595, height: 842 };
    return { page: index + 1, url, width_pt: info.width, height_pt: info.height, width_px: null, height_px: null };
  });
}

/** Put the page in its language: the fixed labels, the zoom, the title and the open report. */
export function applyLanguage() {
  applyLabels();
  $("zoom-fit").textContent = `${Math.round(state.zoom * 100)}%`;
  document.title = state.report ? `${docName()} · Checkup2Action` : "Checkup2Action";
  if (state.view === "result" && state.report) {
    renderReportTexts();
  }
}

/** Everything whose text depends on the language (re-run when it changes). */
function renderReportTexts() {
  document.title = `${docName()} · Checkup2Action`;
  renderHeader();
  renderSummaryStrip();
  relabelPages();
  renderWarnings();
  renderTable();
  renderVitals();
  renderFindings();
  renderSummary();
  renderCards();
  if (state.selectedId) renderDetail(state.byId.get(state.selectedId));
}

/** The top bar's document name and its status (read, or partly read). */
function renderHeader() {
  $("doc-name").textContent = docName();
  $("doc-name").title = docName();
  const status = state.job.status;
  const badge = $("doc-status");
  badge.className = `status-badge status-${status}`;
  badge.textContent = t(status === "partial" ? "status_partial" : "status_ok");
  badge.title = t(status === "partial" ? "status_partial_title" : "status_ok_title");
}

/** The strip above the panes: who and when, counts, chips that filter, and the reading's time. */
function renderSummaryStrip() {
  const report = state.report;
  const job = state.job;
  const items = patientFacts(report);
  const pages = (report.source && report.source.page_count) || job.pages || 0;
  items.push(el("span", { class: "fact", text: t("n_pages", { n: pages }) }));
  items.push(el("span", { class: "fact", text: t("n_results", { n: state.results.length }) }));
  items.push(...countChips(report));
  const tail = [];
  if (typeof job.seconds === "number") tail.push(t("read_in", { s: seconds(job.seconds) }));
  if (job.expires_at) tail.push(t("kept_until", { time: localTime(job.expires_at) }));
  if (tail.length) items.push(el("span", { class: "fact muted right", text: tail.join(" · "), title: job.expires_at || "" }));
  $("summary-strip").replaceChildren(...items);
}

/** The patient's sex and age, and the exam date (titled when dates were generalised). */
function patientFacts(report) {
  const items = [];
  const patient = report.patient || {};
  const who = [];
  if (patient.sex) who.push(t(`sex_${patient.sex}`));
  if (patient.age_band) who.push(t("age", { n: patient.age_band }));
  else if (typeof patient.age === "number") who.push(t("age", { n: fmtNumber(patient.age) }));
  if (who.length) items.push(el("span", { class: "fact patient", text: who.join(" · ") }));
  if (patient.exam_date) {
    const policy = report.date_policy && report.date_policy !== "keep" ? t("dates_generalised", { policy: report.date_policy }) : null;
    items.push(el("span", { class: "fact", text: t("exam_date", { date: patient.exam_date }), title: policy }));
  }
  return items;
}

/** Chips for the abnormal results (a filter), those to review and the warnings (opens them). */
function countChips(report) {
  const items = [];
  const abnormal = state.results.filter(isAbnormal).length;
  if (abnormal) {
    items.push(
      el("button", { type: "button", class: "fact chip abnormal", "data-testid": "chip-abnormal", text: t("n_abnormal", { n: abnormal }), onclick: () => setAbnormalOnly(true) }),
    );
  }
  const review = state.results.filter((r) => r.needs_review).length;
  if (review) items.push(el("span", { class: "fact chip review", text: t("n_review", { n: review }) }));
  const warnings = (report.warnings || []).length;
  if (warnings) {
    items.push(el("button", { type: "button", class: "fact chip warning", text: `⚠ ${t("n_warnings", { n: warnings })}`, onclick: openWarnings }));
  }
  return items;
}

/** Open the warnings above the results table and scroll to them. */
function openWarnings() {
  activateTab("results");
  const details = $("warnings");
  details.open = true;
  details.scrollIntoView({ block: "nearest", behavior: smooth() });
}
