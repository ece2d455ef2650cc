/* The results table: its rows, sorting, filtering and keyboard, and the selection of a result
 * with its boxes on the pages. */

import { $, announce, el, smooth } from "./dom.js";
import { renderDetail } from "./detail.js";
import {
  FLAG_RANK,
  displayName,
  flagKey,
  flagLabel,
  flagPill,
  fmtNumber,
  isAbnormal,
  pageOf,
  prettyUnit,
  rangeText,
  resultConfidence,
  valueText,
} from "./format.js";
import { lang, t } from "./i18n.js";
import { clearSelection, hoverLink, makeRowFocusable } from "./selection.js";
import { state } from "./state.js";
import { activateTab } from "./tabs.js";

/** The label key of each sortable column's title. */
const SORT_TITLES = { name: "name", value: "value", flag: "flag", confidence: "conf", page: "page" };

/** Whether a result passes the filter text and the "abnormal only" box. */
function passesFilter(result) {
  if (!result) return false;
  if (state.abnormalOnly && !isAbnormal(result)) return false;
  if (!state.filter) return true;
  const needle = state.filter.toLowerCase();
  const analyte = result.analyte || {};
  return [displayName(result), result.name_raw, result.panel, analyte.code, analyte.loinc, analyte.name_en, analyte.name_zh]
    .filter(Boolean)
    .some((text) => String(text).toLowerCase().includes(needle));
}

/** Hide the boxes of the results that the filter hides. */
export function applyBoxFilter() {
  for (const [id, boxes] of state.boxes) {
    const visible = passesFilter(state.byId.get(id));
    for (const box of boxes) box.classList.toggle("filtered", !visible);
  }
}

/** The number a result sorts by (in canonical units when known), or null. */
function sortValue(result) {
  const value = result.value_canonical ?? result.value;
  return typeof value === "number" ? value : null;
}

/** The table's order: by the sort column, then by place in the report. */
function compare(a, b) {
  const { key, dir } = state.sort;
  let diff = 0;
  if (key === "flag") {
    const rank = (r) => FLAG_RANK[r.flag] ?? (r.needs_review ? 3 : 4);
    diff = rank(a) - rank(b);
  } else if (key === "name") {
    diff = displayName(a).localeCompare(displayName(b), lang() === "zh" ? "zh-CN" : "en");
  } else if (key === "value") {
    const va = sortValue(a);
    const vb = sortValue(b);
    if (va === null || vb === null) return (va === null) - (vb === null) || a._i - b._i; // blanks last
    diff = va - vb;
  } else if (key === "confidence") {
    diff = resultConfidence(a) - resultConfidence(b);
  } else if (key === "page") {
    diff = pageOf(a) - pageOf(b);
  }
  return diff * dir || a._i - b._i;
}

/** Fill the table with the results that pass the filter, in the sort order. */
export function renderTable() {
  const body = $("results-body");
  const total = state.results.length;
  const shown = state.results.filter(passesFilter).sort(compare);
  state.rows = new Map();
  body.replaceChildren(...shown.map(buildRow));
  renderSortHeaders();
  $("count-results").textContent = String(total);
  $("showing").textContent = total ? t("showing", { shown: shown.length, total }) : "";
  const empty = $("results-empty");
  empty.hidden = shown.length > 0;
  empty.textContent = total ? t("no_match") : t("no_results");
  $("results-table").classList.toggle("is-empty", !shown.length);
  const selected = state.selectedId && state.rows.get(state.selectedId);
  if (selected) {
    selected.classList.add("selected");
    selected.setAttribute("aria-selected", "true");
    selected.tabIndex = 0;
  } else if (body.firstElementChild) {
    body.firstElementChild.tabIndex = 0;
  }
  applyBoxFilter();
}

/** Mark the sort column's header (aria-sort and ▲ or ▼) and title the sort buttons. */
function renderSortHeaders() {
  for (const th of document.querySelectorAll("#results-table th[aria-sort]")) {
    const key = th.querySelector(".sort").dataset.sort;
    const active = key === state.sort.key;
    th.setAttribute("aria-sort", active ? (state.sort.dir > 0 ? "ascending" : "descending") : "none");
    th.querySelector(".sort-ind").textContent = active ? (state.sort.dir > 0 ? "▲" : "▼") : "";
    th.querySelector(".sort").title = t(`col_${SORT_TITLES[key]}`);
  }
}

/** A result's row (kept in state.rows). */
function buildRow(result) {
  const classes = [`flag-${flagKey(result.flag)}`];
  if (isAbnormal(result)) classes.push("abnormal");
  if (result.needs_review) classes.push("review");
  if (result.derived) classes.push("derived");
  const conf = resultConfidence(result);
  const row = el(
    "tr",
    {
      class: classes.join(" "),
      tabindex: "-1",
      "aria-selected": "false",
      data: { resultId: result.id, flag: result.flag || "", page: String(pageOf(result)) },
    },
    [
      nameCell(result),
      valueCell(result),
      el("td", { class: "c-unit", text: prettyUnit(result.unit_raw || result.unit), title: result.unit ? `UCUM: ${result.unit}` : null }),
      el("td", { class: "c-range", text: rangeText(result.reference_range) }),
      el("td", { class: "c-flag" }, [flagPill(result.flag)]),
      el("td", {
        class: `c-conf${conf < 0.8 ? " low" : conf < 0.95 ? " mid" : ""}`,
        text: `${Math.round(conf * 100)}%`,
        title: t("confidence_title"),
      }),
      reviewCell(result),
      el("td", { class: "c-page", text: String(pageOf(result) || "") }),
    ],
  );
  state.rows.set(result.id, row);
  return row;
}

/** The name cell: the name in the page's language, "computed", and the printed name and panel. */
function nameCell(result) {
  const name = displayName(result);
  const sub = [];
  if (result.name_raw && result.name_raw !== name) sub.push(result.name_raw);
  if (result.panel) sub.push(result.panel);
  return el("td", { class: "c-name" }, [
    el("span", { class: "name", text: name }),
    result.derived ? el("span", { class: "tag derived-tag", text: t("derived"), title: t("derived_title") }) : null,
    sub.length ? el("span", { class: "sub", text: sub.join(" · "), title: sub.join(" · ") }) : null,
  ]);
}

/** The value cell: the value as printed and, when its unit differs, the canonical value. */
function valueCell(result) {
  const cell = el("td", { class: "c-value" }, [el("span", { class: "value", text: valueText(result) })]);
  if (typeof result.value_canonical === "number" && result.unit_canonical && result.unit_canonical !== result.unit) {
    cell.append(
      el("span", {
        class: "sub canonical",
        text: `= ${fmtNumber(result.value_canonical, 4)} ${prettyUnit(result.unit_canonical)}`,
        title: t("detail_canonical"),
      }),
    );
  }
  return cell;
}

/** The review cell: the review mark and a ⚠ naming the result's warnings. */
function reviewCell(result) {
  const warnings = state.warningsById.get(result.id) || [];
  return el("td", { class: "c-review" }, [
    result.needs_review ? el("span", { class: "review-marker", title: t("review_title"), text: `⚑ ${t("review")}` }) : null,
    warnings.length
      ? el("span", {
          class: "warn-marker",
          role: "img",
          "aria-label": warnings.map((w) => `${w.code}: ${w.message}`).join("; "),
          title: warnings.map((w) => `${w.code}: ${w.message}`).join("\n"),
          text: "⚠",
        })
      : null,
  ]);
}

/** Show only the abnormal results (or all again), on the Results tab. */
export function setAbnormalOnly(value) {
  state.abnormalOnly = value;
  $("abnormal-only").checked = value;
  activateTab("results", { focus: false });
  renderTable();
}

/**
 * Select a lab result: its row and its box(es). ``from`` says where the click came from:
 * "table" scrolls the page to the box; "box" brings the row into view (Results tab); "card" and
 * "warning" scroll to the box without leaving their tab.
 */
export function selectResult(id, from) {
  const result = state.byId.get(id);
  if (!result) return;
  clearSelection();
  state.selectedId = id;
  if (from === "box" || from === "warning") showInTable(result);
  const row = state.rows.get(id);
  if (row) {
    row.classList.add("selected");
    row.setAttribute("aria-selected", "true");
    makeRowFocusable(row);
  }
  const boxes = state.boxes.get(id) || [];
  for (const box of boxes) box.classList.add("selected");
  if (boxes.length) $("pages").classList.add("has-selection");
  if (from !== "box" && boxes.length) {
    boxes[0].scrollIntoView({ block: "center", inline: "nearest", behavior: smooth() });
  }
  if (row && (from === "box" || from === "warning")) {
    row.scrollIntoView({ block: "nearest", behavior: smooth() });
    row.focus({ preventScroll: true });
  }
  renderDetail(result);
  const unit = prettyUnit(result.unit_raw || result.unit);
  announce(t("selected", { name: displayName(result), value: `${valueText(result)} ${unit}`.trim(), flag: flagLabel(result.flag), page: pageOf(result) }));
}

/** Open the Results tab and, when the filter hides the result, clear the filter. */
function showInTable(result) {
  if (state.tab !== "results") activateTab("results", { focus: false });
  if (!passesFilter(result)) {
    state.filter = "";
    state.abnormalOnly = false;
    $("result-filter").value = "";
    $("abnormal-only").checked = false;
    renderTable();
  }
}

/** The row a key moves to (arrows, Home, End, ten rows for Page keys); undefined for others. */
function rowForKey(row, key) {
  switch (key) {
    case "ArrowDown":
      return row.nextElementSibling;
    case "ArrowUp":
      return row.previousElementSibling;
    case "Home":
      return row.parentElement.firstElementChild;
    case "End":
      return row.parentElement.lastElementChild;
    case "PageDown":
    case "PageUp": {
      const rows = [...row.parentElement.children];
      const index = rows.indexOf(row) + (key === "PageDown" ? 10 : -10);
      return rows[Math.max(0, Math.min(rows.length - 1, index))];
    }
    default:
      return undefined;
  }
}

/** Table keys: moving keys move and select, Enter or Space selects, Escape unselects. */
function onTableKey(event) {
  const row = event.target.closest("tr");
  if (!row || !row.dataset.resultId) return;
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    selectResult(row.dataset.resultId, "table");
    return;
  }
  if (event.key === "Escape") {
    clearSelection();
    return;
  }
  const next = rowForKey(row, event.key);
  if (next) {
    event.preventDefault();
    makeRowFocusable(next);
    next.focus();
    selectResult(next.dataset.resultId, "table");
  }
}

/** Listen to the table's rows, sort buttons, filter text and "abnormal only" box. */
export function wireResults() {
  const body = $("results-body");
  body.addEventListener("click", (event) => {
    const row = event.target.closest("tr");
    if (!row || !row.dataset.resultId) return;
    makeRowFocusable(row);
    row.focus({ preventScroll: true });
    selectResult(row.dataset.resultId, "table");
  });
  body.addEventListener("keydown", onTableKey);
  body.addEventListener("mouseover", (event) => hoverLink(event, "row"));
  body.addEventListener("mouseout", (event) => hoverLink(event, "row", true));

  for (const button of document.querySelectorAll("#results-table .sort")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      state.sort = state.sort.key === key ? { key, dir: -state.sort.dir } : { key, dir: 1 };
      renderTable();
    });
  }
  let filterTimer = null;
  $("result-filter").addEventListener("input", (event) => {
    window.clearTimeout(filterTimer);
    filterTimer = window.setTimeout(() => {
      state.filter = event.target.value.trim();
      renderTable();
    }, 120);
  });
  $("abnormal-only").addEventListener("change", (event) => setAbnormalOnly(event.target.checked));
}
