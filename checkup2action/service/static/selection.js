/* The marks of the selected and the hovered result on its row and its boxes, and their
 * removal. Choosing a result is results.js's selectResult. */

import { $ } from "./dom.js";
import { state } from "./state.js";

/** Remove the transient boxes of a vital, a finding or a card's evidence. */
function clearRefs() {
  for (const node of document.querySelectorAll(".ref-box")) node.remove();
}

/** Unselect the selected result (row, boxes, detail) and, unless kept, the transient boxes. */
export function clearSelection({ keepRefs = false } = {}) {
  if (!keepRefs) clearRefs();
  for (const node of document.querySelectorAll(".box.selected")) node.classList.remove("selected");
  for (const row of document.querySelectorAll("#results-body tr.selected")) {
    row.classList.remove("selected");
    row.setAttribute("aria-selected", "false");
  }
  state.selectedId = null;
  $("pages").classList.remove("has-selection");
  $("result-detail").hidden = true;
}

/** Make a row the table's one Tab stop. */
export function makeRowFocusable(row) {
  for (const other of document.querySelectorAll("#results-body tr[tabindex='0']")) other.tabIndex = -1;
  row.tabIndex = 0;
}

/** Hovering a row outlines its box, and hovering a box marks its row. */
export function hoverLink(event, from, leaving = false) {
  const source = event.target.closest(from === "row" ? "tr[data-result-id]" : ".box");
  if (!source) return;
  const related = event.relatedTarget && event.relatedTarget.closest ? event.relatedTarget.closest(from === "row" ? "tr[data-result-id]" : ".box") : null;
  if (related === source) return;
  const id = source.dataset.resultId;
  if (from === "row") {
    for (const box of state.boxes.get(id) || []) box.classList.toggle("hovered", !leaving);
  } else {
    const row = state.rows.get(id);
    if (row) row.classList.toggle("hovered", !leaving);
  }
}
