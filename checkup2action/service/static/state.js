/* The viewer's state, shared by its modules: one object, changed in place. */

/** What the viewer shows and knows. */
export const state = {
  /** The view shown: "upload", "progress" or "result". */
  view: "upload",
  /** Bumped by every new upload or report; stale async work checks it. */
  gen: 0,
  jobId: null,
  /** The uploaded file's name (kept in this tab only). */
  fileName: null,
  job: null,
  report: null,
  cards: null,
  /** The report's lab results, each with _i, its place in the report. */
  results: [],
  /** Results by id, and the warnings naming each. */
  byId: new Map(),
  warningsById: new Map(),
  /** The table row, the page boxes and the pages of each result id / page number. */
  rows: new Map(),
  boxes: new Map(),
  pages: new Map(),
  selectedId: null,
  sort: { key: "flag", dir: 1 },
  filter: "",
  abnormalOnly: false,
  zoom: 1,
  tab: "results",
  /** When the reading started (performance.now()), and the timers of the progress view. */
  t0: 0,
  ticker: null,
  pollTimer: null,
  /** The upload under way. */
  xhr: null,
};
