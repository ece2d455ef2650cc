"""Match predicted lab results to ground truth and count agreement per field."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("value", "unit", "range", "flag", "analyte", "history")
VITAL_COUNTS = ("truth", "pred", "matched")


@dataclass
class Tally:
    """Counts over a corpus."""

    truth_rows: int = 0
    pred_rows: int = 0
    matched: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    failed_docs: int = 0
    misses: list[str] = field(default_factory=list)
    vitals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VITAL_COUNTS, 0))

    def add(self, other: Tally) -> None:
        """Accumulate another tally into this one."""
        for k in VITAL_COUNTS:
            self.vitals[k] += other.vitals[k]
        self.truth_rows += other.truth_rows
        self.pred_rows += other.pred_rows
        self.matched += other.matched
        self.failed_docs += other.failed_docs
        for k in FIELDS:
            self.correct[k] += other.correct[k]
        self.misses.extend(other.misses)

    def summary(self) -> dict[str, float]:
        """Recall, precision and per-field accuracy over matched rows."""
        out = {
            "recall": self.matched / self.truth_rows if self.truth_rows else 1.0,
            "precision": self.matched / self.pred_rows if self.pred_rows else 1.0,
        }
        for k in FIELDS:
            out[k] = self.correct[k] / self.matched if self.matched else 0.0
        v = self.vitals
        out["vitals_recall"] = v["matched"] / v["truth"] if v["truth"] else 1.0
        out["vitals_precision"] = v["matched"] / v["pred"] if v["pred"] else 1.0
        return out


def _same_vital(truth: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether a predicted vital is the truth's: same vital, page and value."""
    return (
        truth["code"] == pred["code"]
        and truth["page"] == pred["provenance"][0]["page"]
        and abs(truth["value"] - pred["value"]) < 0.051
    )


def score_vitals(
    truth: list[dict[str, Any]], preds: list[dict[str, Any]], name: str
) -> tuple[dict[str, int], list[str]]:
    """Counts of truth, predicted and matched vitals of one document, and its misses (vitals the
    pipeline computed, ``derived``, are no reading and are left out)."""
    preds = [p for p in preds if not p.get("derived")]
    left, misses = list(preds), []
    for t in truth:
        hit = next((p for p in left if _same_vital(t, p)), None)
        if hit is None:
            misses.append(f"{name} missed vital p{t['page']}: {t['code']} {t['value']}")
        else:
            left.remove(hit)
    misses += [f"{name} extra vital: {p['code']} {p['value']}" for p in left]
    counts = {"truth": len(truth), "pred": len(preds), "matched": len(preds) - len(left)}
    return counts, misses


def squeeze(text: str | None) -> str:
    """A text without spaces or line breaks, NFKC-normalised."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _key(text: str | None) -> str:
    """Loose comparison key for names."""
    return squeeze(text).lower()


def _iou(a: list[float], b: list[float]) -> float:
    """Intersection over union of two boxes."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _same_float(a: float | None, b: float | None) -> bool:
    """Equal floats (tolerant of rounding), or both missing."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _pred_box(pred: dict[str, Any]) -> list[float]:
    """First provenance box of a predicted result."""
    b = pred["provenance"][0]["bbox"]
    return [b["x0"], b["top"], b["x1"], b["bottom"]]


def match_rows(truth: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """Pair truth and predicted rows: same page and overlapping boxes, else same name."""
    pairs: list[tuple[dict, dict]] = []
    free = list(pred)
    for t in truth:
        same_page = [p for p in free if p["provenance"][0]["page"] == t["page"]]
        scored = [(_iou(t["bbox"], _pred_box(p)), p) for p in same_page]
        scored = [s for s in scored if s[0] > 0.3]
        if not scored:
            scored = [(1.0, p) for p in same_page if _key(p["name_raw"]) == _key(t["name_raw"])]
        if scored:
            best = max(scored, key=lambda s: s[0])[1]
            free.remove(best)
            pairs.append((t, best))
    return pairs


def truth_history(t: dict) -> list[dict]:
    """Earlier results of a truth row, newest first: its ``history``, else its previous value."""
    if "history" in t:
        return t["history"]
    if t.get("previous_value_raw"):
        return [{"value": t.get("previous_value"), "date": t.get("previous_date")}]
    return []


def same_history(truth: list[dict], pred: list[dict]) -> bool:
    """The same earlier results (value and date) in the same order."""
    return len(truth) == len(pred) and all(
        _same_float(t.get("value"), p.get("value")) and t.get("date") == p.get("date")
        for t, p in zip(truth, pred, strict=True)
    )


def critical_ids(report: dict) -> set[str]:
    """Ids of the results a ``CRITICAL_VALUE`` warning names (the critical table's HH/LL)."""
    return {
        w["result_id"]
        for w in report.get("warnings", [])
        if w.get("code") == "CRITICAL_VALUE" and w.get("result_id")
    }


def same_flag(t: dict, p: dict, critical: bool = False) -> bool:
    """The truth's flag; the truth has HH/LL only where printed, so a flag the critical table
    raised to HH/LL (``critical``) is compared by its direction."""
    want, got = t.get("flag") or None, p.get("flag") or None
    if critical and got in ("HH", "LL") and want in ("H", "L", "HH", "LL"):
        return want[0] == got[0]
    return want == got


def field_checks(t: dict, p: dict, critical: bool = False) -> dict[str, bool]:
    """Which fields of a predicted row agree with the truth (``critical``: the row's flag was
    raised by the critical table)."""
    tr, pr = t.get("reference_range") or {}, p.get("reference_range") or {}
    analyte = (p.get("analyte") or {}).get("code")
    return {
        "value": _same_float(t["value"], p["value"])
        and (t.get("comparator") or None) == (p.get("comparator") or None)
        and (t.get("value_text") or None) == (p.get("value_text") or None),
        "unit": (t.get("unit") or None) == (p.get("unit") or None),
        "range": _same_float(tr.get("low"), pr.get("low"))
        and _same_float(tr.get("high"), pr.get("high")),
        "flag": same_flag(t, p, critical),
        "analyte": t.get("analyte_code") == analyte,
        "history": same_history(truth_history(t), p.get("history") or []),
    }


def score_document(truth: dict, report: dict | None, name: str = "") -> Tally:
    """Tally one document's agreement with its ground truth."""
    tally = Tally(truth_rows=len(truth["lab_results"]))
    if report is None:
        tally.failed_docs = 1
        return tally
    preds = [p for p in report["lab_results"] if not p.get("derived")]  # computed, not read
    tally.pred_rows = len(preds)
    critical = critical_ids(report)
    tally.vitals, vital_misses = score_vitals(
        truth.get("vitals", []), report.get("vitals", []), name
    )
    tally.misses += vital_misses
    pairs = match_rows(truth["lab_results"], preds)
    matched_t = {id(t) for t, _ in pairs}
    matched_p = {id(p) for _, p in pairs}
    tally.misses += [
        f"{name} missed p{t['page']}: {t['name_raw']!r} {t['value_raw']!r}"
        for t in truth["lab_results"]
        if id(t) not in matched_t
    ]
    tally.misses += [
        f"{name} extra p{p['provenance'][0]['page']}: {p['name_raw']!r} {p['value_raw']!r}"
        for p in preds
        if id(p) not in matched_p
    ]
    for t, p in pairs:
        tally.matched += 1
        for k, ok in field_checks(t, p, p.get("id") in critical).items():
            tally.correct[k] += ok
            if not ok:
                tally.misses.append(f"{name} {k}: truth={_show(t, k)} pred={_show(p, k)}")
    return tally


def _show(row: dict, k: str) -> str:
    """Short text of one field for miss listings."""
    if k == "value":
        return f"{row.get('comparator') or ''}{row.get('value')}|{row.get('value_text')}|{row.get('value_raw')!r}"
    if k == "range":
        r = row.get("reference_range") or {}
        return f"{r.get('low')}..{r.get('high')} {r.get('text')!r}"
    if k == "analyte":
        return f"{row.get('analyte_code') or (row.get('analyte') or {}).get('code')} {row.get('name_raw')!r}"
    if k == "history":
        earlier = truth_history(row) if "provenance" not in row else row.get("history") or []
        return f"{[(e.get('value'), e.get('date')) for e in earlier]} ({row.get('name_raw')!r})"
    return f"{row.get(k)!r} ({row.get('name_raw')!r})"
