/* The three views (upload, progress, result) and the progress view's steps, bar, status and
 * clock. */

import { $ } from "./dom.js";
import { fileSize, seconds } from "./format.js";
import { hint, t } from "./i18n.js";
import { state } from "./state.js";

/** The steps of a reading, in order. */
const STEPS = ["upload", "queued", "running", "done"];

/** Show one view ("upload", "progress" or "result") and the top bar's parts that go with it. */
export function showView(name) {
  state.view = name;
  for (const view of ["upload", "progress", "result"]) $(`${view}-view`).hidden = view !== name;
  $("new-upload").hidden = name === "upload";
  $("downloads").hidden = name !== "result";
  $("doc-title").hidden = name !== "result";
  if (name !== "progress") stopTicker();
}

/** Show the progress view for a file (name and size, either may be empty) and start its clock. */
export function startProgress(name, size) {
  $("job-error").hidden = true;
  $("progress-bar-track").classList.remove("failed");
  document.querySelector(".progress-card").classList.remove("failed");
  $("progress-steps").hidden = false;
  const parts = [];
  if (name) parts.push(name);
  if (size) parts.push(fileSize(size));
  $("progress-file").textContent = parts.join(" · ");
  showView("progress");
  state.t0 = performance.now();
  stopTicker();
  const tick = () => ($("progress-elapsed").textContent = t("elapsed", { s: seconds((performance.now() - state.t0) / 1000) }));
  tick();
  state.ticker = window.setInterval(tick, 100);
}

/** Stop the progress view's clock. */
export function stopTicker() {
  if (state.ticker) window.clearInterval(state.ticker);
  state.ticker = null;
}

/** Mark the steps before `step` done and `step` current ("done" marks all done). */
export function setStep(step) {
  const at = STEPS.indexOf(step);
  for (const node of document.querySelectorAll("#progress-steps .step")) {
    const index = STEPS.indexOf(node.dataset.step);
    node.classList.toggle("done", index < at || step === "done");
    node.classList.toggle("active", index === at && step !== "done");
    if (index === at) node.setAttribute("aria-current", "step");
    else node.removeAttribute("aria-current");
  }
  document.querySelector(".progress-card").dataset.step = step;
}

/** The progress view's status line. */
export function setStatus(text) {
  $("progress-status").textContent = text;
}

/** The progress bar at pct percent, or moving without an end when pct is null. */
export function setBar(pct) {
  const track = $("progress-bar-track");
  const fill = $("progress-bar");
  if (pct === null) {
    track.classList.add("indeterminate");
    track.removeAttribute("aria-valuenow");
    fill.style.width = "";
  } else {
    track.classList.remove("indeterminate");
    track.setAttribute("aria-valuenow", String(pct));
    track.setAttribute("aria-valuemin", "0");
    track.setAttribute("aria-valuemax", "100");
    fill.style.width = `${pct}%`;
  }
}

/** Show a job's state (queued or running) unless a newer upload has started. */
export function showJob(job, gen) {
  if (gen !== state.gen) return;
  state.job = job;
  if (job.status === "queued") {
    setStep("queued");
    const ahead = job.queue_position || 0;
    setStatus(ahead > 0 ? t("status_queued_ahead", { n: ahead }) : t("status_queued"));
    setBar(null);
  } else if (job.status === "running") {
    setStep("running");
    setStatus(stepText(job.step));
    setBar(job.step && job.step.total > 1 ? Math.round((100 * job.step.done) / job.step.total) : null);
  }
}

/** The status line of a running job: the step its worker is on, and the page, when it said. */
function stepText(step) {
  if (!step) return t("status_running");
  const name = t(`step_${step.name}`);
  const label = name === `step_${step.name}` ? step.name : name;
  if (step.page == null || step.total <= 1) return t("status_step", { step: label });
  return t("status_step_page", { step: label, page: step.page, i: step.done + 1, total: step.total });
}

/** Show on the progress view why the reading failed, with a hint and a way to try again. */
export function showJobError(titleKey, code, message) {
  stopTicker();
  setBar(100);
  $("progress-bar-track").classList.add("failed");
  document.querySelector(".progress-card").classList.add("failed");
  $("job-error-title").textContent = t(titleKey);
  $("job-error-code").textContent = code;
  $("job-error-message").textContent = message || "—";
  const text = hint(code);
  $("job-error-hint").textContent = text;
  $("job-error-hint").hidden = !text;
  $("job-error").hidden = false;
  setStatus("");
  $("retry-upload").focus();
}
