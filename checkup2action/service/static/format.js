/* How values read on the page: units, numbers, ranges, flags, names, times and sizes. */

import { el } from "./dom.js";
import { lang, t } from "./i18n.js";

/** The symbol shown before each flag's label. */
export const FLAG_SYMBOL = { HH: "⇈", H: "↑", LL: "⇊", L: "↓", A: "!", N: "" };
/** Abnormal first: critical, then high or low, then other abnormal, then review, then the rest. */
export const FLAG_RANK = { HH: 0, LL: 0, H: 1, L: 1, A: 2 };
const ABNORMAL = new Set(["HH", "LL", "H", "L", "A"]);
const SUPERSCRIPT = { 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹", "-": "⁻" };

/** A unit for reading: 10*9/L and 10^9/l as 10⁹/L, mm[Hg] as mmHg, umol as µmol,
 * mL/min/{1.73_m2} as mL/min/1.73 m², {ratio} as nothing. */
export function prettyUnit(unit) {
  if (!unit) return "";
  return String(unit)
    .replace(/10\s*[*^]\s*(-?\d+)/g, (m, exp) => `10${[...exp].map((c) => SUPERSCRIPT[c] || c).join("")}`)
    .replace(/\{ratio\}/gi, "")
    .replace(/\{([^}]*)\}/g, (m, note) => note.replace(/_/g, " ").replace(/m2$/, "m²"))
    .replace(/\[([^\]]+)\]/g, "$1")
    .replace(/(^|[/\s])u(?=(mol|g|L|l|IU|U)\b)/g, "$1µ")
    .replace(/\bm2\b/g, "m²")
    .trim();
}

/** A number without float noise (at most `digits` significant digits); "" for none. */
export function fmtNumber(value, digits = 6) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  const n = Number(value);
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(digits)));
}

/** A reference range as printed, else built from its bounds ("3.5–5.1", "< 5.2", "≥ 60"). */
export function rangeText(range) {
  if (!range) return "";
  if (range.text) return range.text;
  if (range.low !== null && range.high !== null) return `${fmtNumber(range.low)}–${fmtNumber(range.high)}`;
  if (range.high !== null) return `${range.high_inclusive ? "≤" : "<"} ${fmtNumber(range.high)}`;
  if (range.low !== null) return `${range.low_inclusive ? "≥" : ">"} ${fmtNumber(range.low)}`;
  return range.qualitative || "";
}

/** The flag as a class and label key: H, L, HH, LL, A, N, or "none". */
export function flagKey(flag) {
  return flag && flag in FLAG_SYMBOL ? flag : "none";
}

/** A flag's long label in the page's language. */
export function flagLabel(flag) {
  return t(`flag_${flagKey(flag)}`);
}

/** A flag as a coloured pill: its symbol and its short (or long) label. */
export function flagPill(flag, long = false) {
  const key = flagKey(flag);
  if (key === "none") return el("span", { class: "flag-pill flag-none", text: "—", title: t("flag_none") });
  const symbol = FLAG_SYMBOL[key];
  return el("span", { class: `flag-pill flag-${key}`, title: flagLabel(flag) }, [
    symbol ? el("span", { class: "flag-symbol", "aria-hidden": "true", text: symbol }) : null,
    long ? flagLabel(flag) : t(`flag_short_${key}`),
  ]);
}

/** Whether a result is flagged high, low, critical or abnormal. */
export function isAbnormal(result) {
  return ABNORMAL.has(result.flag);
}

/** The analyte's name in the page's language, else the printed one. */
export function displayName(result) {
  const analyte = result.analyte;
  if (analyte) {
    const name = lang() === "zh" ? analyte.name_zh || analyte.name_en : analyte.name_en;
    if (name) return name;
  }
  return result.name_raw;
}

/** How sure the reading of a result is: the lowest confidence of it and its sources. */
export function resultConfidence(result) {
  let value = typeof result.confidence === "number" ? result.confidence : 1;
  for (const prov of result.provenance || []) {
    if (typeof prov.confidence === "number") value = Math.min(value, prov.confidence);
  }
  return value;
}

/** The page an item was read from (its first source), 0 when unknown. */
export function pageOf(item) {
  return item.provenance && item.provenance.length ? item.provenance[0].page : 0;
}

/** The value as printed, without a flag word printed in the same cell ("17.6 High"). */
export function valueText(result) {
  let raw = (result.value_raw || "").trim();
  const flag = (result.flag_raw || "").trim();
  if (flag && raw.length > flag.length && raw.endsWith(flag)) raw = raw.slice(0, -flag.length).trim();
  return raw || fmtNumber(result.value) || result.value_text || "";
}

/** Seconds with one decimal under 10, whole above. */
export function seconds(value) {
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

/** The hour and minute of an ISO time, in the page's language; "" for none. */
export function localTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleTimeString(lang() === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit" });
}

/** A file size in KB (at least 1) or, above a megabyte, MB. */
export function fileSize(size) {
  return size > 1048576 ? `${(size / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;
}
