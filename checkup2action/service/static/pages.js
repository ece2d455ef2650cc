/* The pictures of the report's pages with a box over every value, coloured by its flag; the
 * transient boxes of other parts of the report; zoom. */

import { $, announce, el, smooth } from "./dom.js";
import { displayName, flagKey, flagLabel, isAbnormal, prettyUnit, valueText } from "./format.js";
import { t } from "./i18n.js";
import { applyBoxFilter, selectResult } from "./results.js";
import { clearSelection, hoverLink } from "./selection.js";
import { state } from "./state.js";

/** The zoom steps of the page pane (1 fits the pane's width). */
const ZOOMS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3];
/** Room around a value's box, in points. */
const BOX_PAD_PT = 1.5;

/** The pages' pictures, and a box over each result's value on them. */
export function buildPages(images) {
  const container = $("pages");
  container.replaceChildren();
  container.classList.remove("has-selection");
  state.pages = new Map();
  state.boxes = new Map();
  $("pages-count").textContent = images.length ? String(images.length) : "";
  for (const image of images) container.append(buildPage(image, images.length));
  for (const result of state.results) {
    const boxes = [];
    for (const prov of result.provenance || []) {
      const page = state.pages.get(prov.page);
      if (!page || !prov.bbox) continue;
      const box = el("div", {
        class: boxClass(result),
        role: "button",
        tabindex: "-1",
        data: { resultId: result.id, page: String(prov.page) },
      });
      place(box, prov.bbox, page);
      page.overlay.append(box);
      boxes.push(box);
    }
    state.boxes.set(result.id, boxes);
  }
}

/** One page: a caption over its picture and an overlay for boxes (kept in state.pages). */
function buildPage(image, total) {
  const img = el("img", {
    src: image.url,
    alt: "",
    width: image.width_px || undefined,
    height: image.height_px || undefined,
    loading: image.page > 2 ? "lazy" : "eager",
    decoding: "async",
    draggable: "false",
  });
  const overlay = el("div", { class: "overlay" });
  const caption = el("figcaption", { class: "page-caption" });
  state.pages.set(image.page, { width: image.width_pt, height: image.height_pt, overlay, img, caption, total });
  return el("figure", { class: "page", id: `page-${image.page}`, data: { page: String(image.page) } }, [
    caption,
    el("div", { class: "page-frame" }, [img, overlay]),
  ]);
}

/** A box's classes: its flag, and review, derived and abnormal. */
function boxClass(result) {
  const classes = ["box", `flag-${flagKey(result.flag)}`];
  if (result.needs_review) classes.push("review");
  if (result.derived) classes.push("derived");
  if (isAbnormal(result)) classes.push("abnormal");
  return classes.join(" ");
}

/** Position a node over a page: points to percent of the page, so any CSS scaling holds. */
function place(node, bbox, page) {
  const x0 = Math.max(0, bbox.x0 - BOX_PAD_PT);
  const top = Math.max(0, bbox.top - BOX_PAD_PT);
  const x1 = Math.min(page.width, bbox.x1 + BOX_PAD_PT);
  const bottom = Math.min(page.height, bbox.bottom + BOX_PAD_PT);
  node.style.left = `${(x0 / page.width) * 100}%`;
  node.style.top = `${(top / page.height) * 100}%`;
  node.style.width = `${((x1 - x0) / page.width) * 100}%`;
  node.style.height = `${((bottom - top) / page.height) * 100}%`;
}

/** Label the pages and boxes in the page's language. */
export function relabelPages() {
  for (const [number, page] of state.pages) {
    page.caption.textContent = t("page_of", { n: number, total: page.total });
    page.img.alt = t("page_alt", { n: number });
  }
  for (const [id, boxes] of state.boxes) {
    const result = state.byId.get(id);
    const label = boxLabel(result);
    for (const box of boxes) {
      box.dataset.label = label;
      box.setAttribute("aria-label", label);
    }
  }
  applyBoxFilter();
}

/** A box's label: name, value, unit and, unless normal, flag. */
function boxLabel(result) {
  const unit = prettyUnit(result.unit_raw || result.unit);
  const flag = result.flag && result.flag !== "N" ? ` · ${flagLabel(result.flag)}` : "";
  return `${displayName(result)}: ${valueText(result)}${unit ? ` ${unit}` : ""}${flag}`;
}

/** Zoom the pages, keeping the selected box in view. */
export function setZoom(zoom) {
  state.zoom = zoom;
  const pages = $("pages");
  pages.style.setProperty("--zoom", String(zoom));
  $("zoom-fit").textContent = `${Math.round(zoom * 100)}%`;
  $("zoom-out").disabled = zoom <= ZOOMS[0];
  $("zoom-in").disabled = zoom >= ZOOMS[ZOOMS.length - 1];
  const selected = document.querySelector(".box.selected, .ref-box");
  if (selected) selected.scrollIntoView({ block: "center", inline: "center" });
}

/** Zoom one step in (1) or out (-1). */
function stepZoom(direction) {
  const index = ZOOMS.findIndex((z) => z >= state.zoom - 1e-9);
  const next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, (index < 0 ? ZOOMS.length - 1 : index) + direction))];
  setZoom(next);
}

/** Transient boxes for what is not a lab result (a vital, a finding, a card's evidence). */
export function showRefs(provenance, label) {
  clearSelection({ keepRefs: false });
  const made = [];
  for (const prov of provenance || []) {
    const page = state.pages.get(prov.page);
    if (!page || !prov.bbox) continue;
    const box = el("div", { class: "ref-box", data: { label } });
    place(box, prov.bbox, page);
    page.overlay.append(box);
    made.push(box);
  }
  if (made.length) {
    $("pages").classList.add("has-selection");
    made[0].scrollIntoView({ block: "center", inline: "nearest", behavior: smooth() });
    announce(label);
  }
}

/** Listen to the boxes (click selects, hover marks the row), the boxes toggle and zoom. */
export function wirePages() {
  const pages = $("pages");
  pages.addEventListener("click", (event) => {
    const box = event.target.closest(".box");
    if (box) selectResult(box.dataset.resultId, "box");
  });
  pages.addEventListener("mouseover", (event) => hoverLink(event, "box"));
  pages.addEventListener("mouseout", (event) => hoverLink(event, "box", true));
  $("toggle-boxes").addEventListener("change", (event) => pages.classList.toggle("no-boxes", !event.target.checked));
  $("zoom-in").addEventListener("click", () => stepZoom(1));
  $("zoom-out").addEventListener("click", () => stepZoom(-1));
  $("zoom-fit").addEventListener("click", () => setZoom(1));
}
