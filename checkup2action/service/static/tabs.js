/* The tabs of the report pane (results, vitals, findings, summary, Action Cards): a tablist
 * that the arrow, Home and End keys move along. */

import { $ } from "./dom.js";
import { state } from "./state.js";

/** Show one tab's panel and hide the others; focus the tab unless told not to. */
export function activateTab(name, { focus = true } = {}) {
  state.tab = name;
  for (const tab of document.querySelectorAll("#tabs [role=tab]")) {
    const active = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", active ? "true" : "false");
    tab.tabIndex = active ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !active;
    if (active && focus) tab.focus();
  }
}

/** Move between tabs with the arrow keys, Home and End. */
function onTabKey(event) {
  const tabs = [...document.querySelectorAll("#tabs [role=tab]")];
  const index = tabs.indexOf(event.target);
  if (index < 0) return;
  let next = null;
  if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
  else if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
  else if (event.key === "Home") next = tabs[0];
  else if (event.key === "End") next = tabs[tabs.length - 1];
  if (next) {
    event.preventDefault();
    activateTab(next.dataset.tab);
  }
}

/** Listen to clicks and keys on the tabs. */
export function wireTabs() {
  $("tabs").addEventListener("click", (event) => {
    const tab = event.target.closest("[role=tab]");
    if (tab) activateTab(tab.dataset.tab);
  });
  $("tabs").addEventListener("keydown", onTabKey);
}
