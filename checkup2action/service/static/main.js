/* Checkup2Action viewer: upload a report, follow its reading, then show its pages with the box
 * of every value beside the results, the other parts of the report and its Action Cards.
 *
 * ES modules, no build step, no dependency. The service's Content-Security-Policy allows only
 * scripts and styles from this folder: no inline script or style. This module holds the page
 * together: the upload view, the address (#/reports/<id> opens a report that is still kept, after
 * a reload or from a shared link) and the listeners. */

import { cancelWork, checkHealth, poll, recall, startUpload } from "./api.js";
import { $, announce } from "./dom.js";
import { hint, languagePreference, setLanguagePreference, setReportLanguage, t } from "./i18n.js";
import { setZoom, wirePages } from "./pages.js";
import { wireWarnings } from "./panels.js";
import { applyLanguage, openReport } from "./report.js";
import { wireResults } from "./results.js";
import { clearSelection } from "./selection.js";
import { state } from "./state.js";
import { wireTabs } from "./tabs.js";
import { setBar, setStatus, setStep, showView, startProgress } from "./views.js";

/** What a reading ends in: the report on the result view, or the upload view with the error. */
const on = {
  report: openReport,
  refused(titleKey, code, message) {
    resetToUpload({ keepError: true });
    showUploadError(titleKey, code, message);
  },
};

/** Start over on the upload view (keeping the upload error shown when told to). */
function resetToUpload({ keepError = false } = {}) {
  state.gen += 1;
  cancelWork();
  state.jobId = null;
  state.job = null;
  state.report = null;
  state.cards = null;
  setReportLanguage(null);
  state.selectedId = null;
  if (!keepError) $("upload-error").hidden = true;
  if (location.hash) history.pushState(null, "", location.pathname + location.search);
  $("file-input").value = "";
  showView("upload");
  applyLanguage();
  checkHealth();
  $("choose-file").focus();
}

/** Show on the upload view why an upload was refused, with a hint when there is one. */
function showUploadError(titleKey, code, message) {
  $("upload-error-title").textContent = t(titleKey);
  $("upload-error-code").textContent = code || "";
  $("upload-error-code").hidden = !code;
  $("upload-error-message").textContent = message || "";
  const text = hint(code);
  $("upload-error-hint").textContent = text;
  $("upload-error-hint").hidden = !text;
  $("upload-error").hidden = false;
}

/** Follow the address: #/reports/<id> opens that report; anything else is the upload view. */
function route() {
  const match = /^#\/reports\/([A-Za-z0-9_-]{22})$/.exec(location.hash);
  if (!match) {
    if (state.view !== "upload" && !state.xhr) resetToUpload();
    return;
  }
  const id = match[1];
  if (id === state.jobId) return;
  state.gen += 1;
  cancelWork();
  state.jobId = id;
  state.fileName = recall(id);
  startProgress(state.fileName || "", 0);
  setStep("queued");
  setStatus(t("status_loading"));
  setBar(null);
  poll(state.gen, on);
}

/** Whether a drag carries files. */
function hasFiles(event) {
  return event.dataTransfer && [...(event.dataTransfer.types || [])].includes("Files");
}

/** Listen to the file chooser and the buttons that start over. */
function wireUpload() {
  const input = $("file-input");
  $("choose-file").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    if (input.files && input.files.length) startUpload(input.files[0], on);
  });
  $("new-upload").addEventListener("click", () => resetToUpload());
  $("retry-upload").addEventListener("click", () => resetToUpload());
  $("brand").addEventListener("click", (event) => {
    event.preventDefault();
    resetToUpload();
  });
}

/** Take a file dropped anywhere on the page (one at a time; not while one is being read). */
function wireDrop() {
  let depth = 0;
  document.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    depth += 1;
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", (event) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (!depth) document.body.classList.remove("dragging");
  });
  document.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = state.view === "progress" && !state.job?.error_code ? "none" : "copy";
  });
  document.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    document.body.classList.remove("dragging");
    const files = event.dataTransfer.files;
    if (!files || !files.length) return;
    if (state.view === "progress" && $("job-error").hidden) return; // one reading at a time
    startUpload(files[0], on);
    if (files.length > 1) announce(t("one_file", { name: files[0].name }));
  });
}

/** Listen to the language picker. */
function wireLanguage() {
  const select = $("lang-select");
  select.value = languagePreference();
  select.addEventListener("change", () => {
    setLanguagePreference(select.value);
    applyLanguage();
    if (state.view === "upload") checkHealth();
  });
}

/** Listen to everything on the page. */
function wire() {
  wireUpload();
  wireDrop();
  wireLanguage();
  wireTabs();
  wireResults();
  wireWarnings();
  wirePages();
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.view === "result" && !event.target.closest("input[type=search], select")) {
      clearSelection();
    }
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("popstate", route);
}

/** Start: listen, label the page, then open the report in the address or the upload view. */
function init() {
  wire();
  setZoom(1);
  applyLanguage();
  document.body.classList.add("ready");
  if (/^#\/reports\//.test(location.hash)) route();
  else {
    showView("upload");
    checkHealth();
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
