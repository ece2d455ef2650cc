/* Small helpers for the page: find a node, make one, scroll, speak to screen readers. Report
 * data is put on the page with textContent and DOM nodes only (never innerHTML): a report is
 * untrusted text. */

/** The element of an id. */
export const $ = (id) => document.getElementById(id);

/** "smooth" scrolling, or "auto" when the user asked for reduced motion. */
export const smooth = () =>
  window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";

/** A DOM node: props are attributes except text, class, data and on<event>; children are
 * nodes or strings (added as text). Never parses markup. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.className = value;
    else if (key === "data") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** Say a text to screen readers (the live region is emptied first so a repeat is heard). */
export function announce(text) {
  const node = $("announcer");
  node.textContent = "";
  window.setTimeout(() => (node.textContent = text), 30);
}

/** Run an action on Enter or Space, as a button does (for focusable non-buttons). */
export function onActivateKey(action) {
  return (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      action();
    }
  };
}
