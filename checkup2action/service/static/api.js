/* The service: upload a file with progress, follow its job until the report and its cards are
 * loaded, and the service's health. A reading ends in one of the caller's handlers:
 * `on.report(job, report, cards)` or `on.refused(titleKey, code, message)` (back to the upload
 * view with the error); failures after the upload are shown on the progress view. */

import { $ } from "./dom.js";
import { t } from "./i18n.js";
import { state } from "./state.js";
import { setBar, setStatus, setStep, showJob, showJobError, startProgress, stopTicker } from "./views.js";

/** Upload a file and follow its reading; a newer upload or report makes this one stale. */
export function startUpload(file, on) {
  if (!file) return;
  state.gen += 1;
  const gen = state.gen;
  cancelWork();
  $("upload-error").hidden = true;
  state.fileName = file.name;
  state.jobId = null;
  startProgress(file.name, file.size);
  setStep("upload");
  setStatus(t("status_uploading", { pct: 0 }));
  setBar(0);

  const form = new FormData();
  form.append("file", file, file.name);
  const xhr = new XMLHttpRequest();
  state.xhr = xhr;
  xhr.open("POST", "/v1/reports");
  xhr.responseType = "json";
  xhr.upload.addEventListener("progress", (event) => {
    if (gen !== state.gen || !event.lengthComputable) return;
    const pct = Math.round((event.loaded / event.total) * 100);
    setBar(pct);
    setStatus(t("status_uploading", { pct }));
  });
  xhr.addEventListener("load", () => uploaded(xhr, file, gen, on));
  xhr.addEventListener("error", () => {
    if (gen !== state.gen) return;
    state.xhr = null;
    on.refused("refused_title", "NETWORK", t("network_error"));
  });
  xhr.send(form);
}

/** The service's answer to an upload: a job to follow (its id goes in the address), or a refusal. */
function uploaded(xhr, file, gen, on) {
  if (gen !== state.gen) return;
  state.xhr = null;
  const body = xhr.response || {};
  if (xhr.status === 202 && body.id) {
    state.jobId = body.id;
    remember(body.id, file.name);
    history.pushState(null, "", `#/reports/${encodeURIComponent(body.id)}`);
    showJob(body, gen);
    schedulePoll(gen, 300, on);
  } else {
    const error = body.error || {};
    on.refused("refused_title", error.code || `HTTP ${xhr.status}`, error.message || "");
  }
}

/** Stop the upload and the polling under way, and the progress view's clock. */
export function cancelWork() {
  if (state.xhr) {
    state.xhr.abort();
    state.xhr = null;
  }
  window.clearTimeout(state.pollTimer);
  stopTicker();
}

/** Ask for the job's state after `delay` milliseconds. */
function schedulePoll(gen, delay, on) {
  window.clearTimeout(state.pollTimer);
  state.pollTimer = window.setTimeout(() => poll(gen, on), delay);
}

/** Poll the job: wait again (longer as time goes by), load the report, or show why it failed. */
export async function poll(gen, on, failures = 0) {
  if (gen !== state.gen || !state.jobId) return;
  let response;
  let job;
  try {
    response = await fetch(`/v1/reports/${encodeURIComponent(state.jobId)}`, { cache: "no-store" });
    job = await response.json();
  } catch {
    if (gen !== state.gen) return;
    setStatus(t("status_retrying"));
    state.pollTimer = window.setTimeout(() => poll(gen, on, failures + 1), Math.min(5000, 500 * 2 ** failures));
    return;
  }
  if (gen !== state.gen) return;
  if (response.status === 404) {
    on.refused("load_failed_title", "NOT_FOUND", t("expired"));
    return;
  }
  if (!response.ok) {
    const error = (job && job.error) || {};
    showJobError("load_failed_title", error.code || `HTTP ${response.status}`, error.message || "");
    return;
  }
  showJob(job, gen);
  if (job.status === "ok" || job.status === "partial") {
    await loadReport(job, gen, on);
  } else if (job.status === "failed") {
    showJobError("failed_title", job.error_code || "FAILED", job.error_message || "");
  } else {
    const waited = (performance.now() - state.t0) / 1000;
    schedulePoll(gen, waited < 5 ? 350 : waited < 30 ? 800 : 2000, on);
  }
}

/** The JSON at a URL; throws an Error with the service's code and message when refused. */
async function getJSON(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    let code = `HTTP ${response.status}`;
    let message = "";
    try {
      const body = await response.json();
      code = body.error.code || code;
      message = body.error.message || "";
    } catch {
      /* not the service's error shape */
    }
    const error = new Error(message);
    error.code = code;
    throw error;
  }
  return response.json();
}

/** Load a finished job's report and cards (the cards may be missing), then hand them on. */
async function loadReport(job, gen, on) {
  setStep("done");
  setStatus(t("status_loading"));
  setBar(100);
  let report;
  let cards;
  try {
    [report, cards] = await Promise.all([
      getJSON(job.links["report.json"]),
      getJSON(job.links["cards.json"]).catch(() => null),
    ]);
  } catch (error) {
    if (gen !== state.gen) return;
    showJobError("load_failed_title", error.code || "LOAD_FAILED", error.message || t("network_error"));
    return;
  }
  if (gen !== state.gen) return;
  stopTicker();
  on.report(job, report, cards);
}

/** Say under the upload box whether the service is ready, and how busy. */
export async function checkHealth() {
  const info = $("service-info");
  try {
    const response = await fetch("/health", { cache: "no-store" });
    const body = await response.json();
    const jobs = body.jobs || {};
    const pending = (jobs.queued || 0) + (jobs.running || 0);
    info.classList.toggle("bad", !response.ok);
    info.textContent = response.ok
      ? t("service_info", { version: body.version, workers: body.workers, pending })
      : t("service_down", { status: body.status || response.status });
  } catch {
    info.classList.add("bad");
    info.textContent = t("service_unreachable");
  }
}

/** Keep the file name of a job in this tab only (the service never stores it). */
function remember(id, name) {
  try {
    window.sessionStorage.setItem(`c2a.name.${id}`, name);
  } catch {
    /* storage refused: the name is shown until a reload */
  }
}

/** The file name kept for a job in this tab, or null. */
export function recall(id) {
  try {
    return window.sessionStorage.getItem(`c2a.name.${id}`);
  } catch {
    return null;
  }
}
