"""Score a report's lab results against hand labels of the printed page (results and vitals the
pipeline computed, ``derived``, are no reading of the page and are left out).

Independent of the pipeline's own parsers on purpose (only the unit spellings and the analyte
catalogue are shared): a label row is *found* when a result on the same page has a loosely
matching name (containment, case- and space-insensitive, a close spelling, or the same analyte)
and the same value (decimal commas read either way, leading zeros and comparators kept apart).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from checkup2action.evaluation.implied import reported_direction, row_implied_flag
from checkup2action.evaluation.labels import DocumentLabel, LabelRow
from checkup2action.evaluation.narrative import narrative_counts
from checkup2action.evaluation.thousands import grouped_value, prints_decimal_commas, reads_grouped
from checkup2action.normalize.vitals import vitals_in_text

_NAME_DROP = re.compile(r"[\s()\[\]{}.,:;_'\"’‘“”·•\-–—/\\]+")
_NUMBER = re.compile(r"^(?P<cmp>[<>≤≥]=?|=)?\+?(?P<num>\d[\d.,' ]*|[.,]\d+)$")
_FLAG_AROUND = re.compile(r"^[\s↑↓▲▼*!]+|[\s↑↓▲▼*!]+$")
_UP = ("↑", "▲", "high", "高")
_DOWN = ("↓", "▼", "low", "低")

AnalyteOf = Callable[[str], "str | None"]


def name_key(text: str | None) -> str:
    """Loose name key: NFKC, lower case, no accents (OCR drops them: ``Especifica``), no spaces
    or punctuation (keeps % and #)."""
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c)
    )
    return _NAME_DROP.sub("", unicodedata.normalize("NFKC", bare)).lower()


def _text_key(text: str | None) -> str:
    """Loose key of a value, unit or range: NFKC, lower case, no spaces, one kind of dash."""
    s = unicodedata.normalize("NFKC", text or "").lower().replace("µ", "u").replace("μ", "u")
    s = re.sub(r"[–—~～－]", "-", s)
    return re.sub(r"\s+", "", s)


def number_readings(text: str) -> set[float]:
    """The numbers a printed figure can mean: a comma is a decimal or a thousands mark."""
    s = text.replace(" ", "").replace("'", "")
    readings = set()
    for decimal, thousands in ((".", ","), (",", ".")):
        whole, _, fraction = s.rpartition(decimal) if s.count(decimal) == 1 else (s, "", "")
        if s.count(decimal) > 1 or not _grouped(whole, thousands) or thousands in fraction:
            continue
        try:
            readings.add(float(whole.replace(thousands, "") + "." + (fraction or "0")))
        except ValueError:
            continue
    return readings


def _grouped(s: str, mark: str) -> bool:
    """True when every group after ``mark`` has three digits (none, or thousands marks)."""
    return all(len(g) == 3 and g.isdigit() for g in s.split(mark)[1:])


def _parse_label_number(text: str) -> tuple[str | None, set[float]] | None:
    """Comparator and possible numbers of a printed numeric value, or None when not numeric."""
    m = _NUMBER.match(_FLAG_AROUND.sub("", unicodedata.normalize("NFKC", text).strip()))
    if not m:
        return None
    cmp = {"≤": "<=", "≥": ">=", "=": None}.get(m["cmp"] or "", m["cmp"] or None)
    return cmp, number_readings(m["num"].strip())


def values_agree(label_value: str, pred: dict[str, Any]) -> bool:
    """True when a predicted result carries the printed value of a label row."""
    parsed = _parse_label_number(label_value)
    if parsed is not None and pred.get("value") is not None:
        cmp, numbers = parsed
        close = any(abs(n - pred["value"]) <= 1e-9 * max(1.0, abs(n)) for n in numbers)
        return close and (cmp or None) == (pred.get("comparator") or None)
    raw = _text_key(_FLAG_AROUND.sub("", pred.get("value_raw") or ""))
    label = _text_key(label_value)
    if label and label in (raw, _text_key(pred.get("value_text") or "")):
        return True  # as printed, or as read apart from a unit glued to it (0-2/HP)
    from checkup2action.grammar.values import normalize_qualitative, parse_value

    graded = parse_value(label_value)  # a word and its index: ``Âm tính 0.032``
    if graded.value is not None and graded.value_text and pred.get("value") is not None:
        same = abs(graded.value - pred["value"]) <= 1e-9 * max(1.0, abs(graded.value))
        return same and graded.value_text == pred.get("value_text")

    word = normalize_qualitative(label_value)
    return word is not None and word == pred.get("value_text")


def units_agree(label_unit: str, pred: dict[str, Any]) -> bool:
    """True when the predicted unit is the printed one (as printed, or the same UCUM unit)."""
    from checkup2action.grammar.units import normalize_unit

    if _text_key(label_unit) == _text_key(pred.get("unit_raw")):
        return True
    ucum = normalize_unit(label_unit)
    return ucum is not None and ucum == pred.get("unit")


#: A count's unit at the end of a range (``×10^9/L``, ``x10°/L``, ``*10^12/L``).
_COUNT_UNIT = re.compile(r"(?<=\d)\s*[×xX*]\s*10\S*/\S*\s*$")


#: A digit that belongs to a unit word (``/mm3``, ``m2``), not to the range.
_UNIT_DIGITS = re.compile(r"(?<=[^\W\d_])\d+")


def _range_numbers(text: str) -> list[float]:
    """The numbers of a range text in order (decimal commas read as points), less the power of
    ten of a count's unit printed after it (``3.69--9.16×10^9/L``)."""
    s = re.sub(r"(?<=\d),(?=\d{1,2}(?!\d))", ".", unicodedata.normalize("NFKC", text))
    s = _UNIT_DIGITS.sub("", _COUNT_UNIT.sub("", s))
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", s.replace(",", ""))]


def ranges_agree(label_range: str, pred: dict[str, Any]) -> bool:
    """True when the predicted reference range prints the same text or the same numbers, or its
    parsed bounds are the label's numbers (a unit printed in the range cell: ``4.00--10.00
    10^9/L`` for ``4.00--10.00``)."""
    rng = pred.get("reference_range") or {}
    text = rng.get("text") or ""
    if _text_key(label_range) == _text_key(text):
        return True
    numbers = _range_numbers(label_range)
    bounds = [b for b in (rng.get("low"), rng.get("high")) if b is not None]
    return bool(numbers) and (numbers == _range_numbers(text) or numbers == bounds)


def flag_direction(text: str | None) -> str | None:
    """H, L or A for a printed flag (arrows, letters, words, stars); None when there is none."""
    key = _text_key(text).strip("()[]")
    if not key:
        return None
    if any(m in key for m in _UP):
        return "H"
    if any(m in key for m in _DOWN):
        return "L"
    letters = key.strip("*!")
    return {"h": "H", "hh": "H", "l": "L", "ll": "L"}.get(letters, "A")


def flags_agree(label_flag: str, pred: dict[str, Any]) -> bool:
    """True when the predicted flag points the way the printed flag does."""
    want = flag_direction(label_flag)
    got = reported_direction(pred.get("flag"))
    return got != "N" and (want == got or want == "A")


def names_agree(label_name: str, pred: dict[str, Any], analyte_of: AnalyteOf | None) -> bool:
    """Loose name match: containment, a close spelling, or the same catalogue analyte."""
    a, b = name_key(label_name), name_key(pred.get("name_raw"))
    if a and b and (a in b or b in a) and min(len(a), len(b)) >= min(2, len(a), len(b)):
        return True
    if a and b and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
        return True
    code = (pred.get("analyte") or {}).get("code")
    return bool(code and analyte_of and analyte_of(label_name) == code)


@dataclass
class Pair:
    """A label row and the predicted result matched to it (None when missed)."""

    label: LabelRow
    pred: dict[str, Any] | None
    value_ok: bool


@dataclass
class DocScore:
    """Counts for one document."""

    doc_id: str
    kind: str
    language: str
    labels: int = 0
    preds: int = 0
    found: int = 0
    named: int = 0
    unit_total: int = 0
    unit_ok: int = 0
    range_total: int = 0
    range_ok: int = 0
    flag_total: int = 0
    flag_ok: int = 0
    implied_total: int = 0  # found rows printed with no flag whose value and range imply one
    implied_ok: int = 0  # ... whose reported flag is the implied one (``evaluation.implied``)
    grouped_total: int = 0  # found rows printing thousands with dots in a decimal-comma document
    grouped_ok: int = 0  # ... whose reported value is the thousands reading
    coded: int = 0  # found results the report gives an analyte code (LOINC) for
    failed: str | None = None
    vitals_labelled: int = 0  # label rows that are vitals (a vital's label, value and unit)
    vitals_found: int = 0  # ... found among the report's vitals with their value
    narrative: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # evaluation.narrative
    pairs: list[Pair] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)


def page_of(pred: dict[str, Any]) -> int:
    """The page a predicted result was read from."""
    prov = pred.get("provenance") or [{}]
    return int(prov[0].get("page") or 1)


def _order_gap(label_at: float, n_preds: int, j: int) -> float:
    """How far result j sits from a label row's relative place on the page (rows read in order)."""
    return abs(j / max(1, n_preds) - label_at)


def _candidate_order(
    row: LabelRow, preds: list[dict[str, Any]], label_at: float, j: int
) -> tuple[bool, float]:
    """Results in the order a label row tries them: those in its unit first (a share and a
    count of one test may both read ``0``), then by place on the page."""
    other_unit = row.unit is not None and not units_agree(row.unit, preds[j])
    return other_unit, _order_gap(label_at, len(preds), j)


def _pair_page(
    labels: list[LabelRow], preds: list[dict[str, Any]], analyte_of: AnalyteOf | None
) -> list[Pair]:
    """Pair one page's label rows with its results: value-and-name first, then name only."""
    free = list(range(len(preds)))
    chosen: dict[int, tuple[int, bool]] = {}
    for want_value in (True, False):
        for i, row in enumerate(labels):
            if i in chosen:
                continue
            for j in sorted(free, key=partial(_candidate_order, row, preds, i / len(labels))):
                pred = preds[j]
                if not names_agree(row.name, pred, analyte_of):
                    continue
                ok = values_agree(row.value, pred)
                if ok or not want_value:
                    chosen[i] = (j, ok)
                    free.remove(j)
                    break
    return [
        Pair(row, preds[chosen[i][0]] if i in chosen else None, chosen.get(i, (0, False))[1])
        for i, row in enumerate(labels)
    ]


def score_document(
    label: DocumentLabel,
    report: dict[str, Any] | None,
    analyte_of: AnalyteOf | None = None,
    failed: str | None = None,
) -> DocScore:
    """Match a report's results to one document's labels and count what agrees."""
    score = DocScore(label.doc_id, label.kind, label.language, labels=len(label.results))
    score.failed = failed
    results = (report or {}).get("lab_results") or []
    preds = [p for p in results if not p.get("derived")]  # computed by the pipeline, not read
    score.preds = len(preds)
    used: set[int] = set()
    commas = prints_decimal_commas(label.results)
    for page in sorted({r.page for r in label.results}):
        page_preds = [p for p in preds if page_of(p) == page]
        rows = [r for r in label.results if r.page == page]
        for pair in _pair_page(rows, page_preds, analyte_of):
            score.pairs.append(pair)
            if pair.pred is not None:
                used.add(id(pair.pred))
            _count(score, pair, commas)
    score.extra = [p for p in preds if id(p) not in used]
    vitals = [v for v in (report or {}).get("vitals") or [] if not v.get("derived")]
    _count_vitals(score, label, vitals)
    score.narrative = narrative_counts(label, report)
    return score


def _count_vitals(score: DocScore, label: DocumentLabel, vitals: list[dict[str, Any]]) -> None:
    """Count the label rows that print a vital, and those the report's vitals hold."""
    for row in label.results:
        for code, value in vitals_in_text(f"{row.name}  {row.value}  {row.unit or ''}"):
            score.vitals_labelled += 1
            score.vitals_found += any(
                v["code"] == code and abs(v["value"] - value) < 0.051 and page_of(v) == row.page
                for v in vitals
            )


def _count(score: DocScore, pair: Pair, decimal_commas: bool) -> None:
    """Add one pair to a document's counts (``decimal_commas``: the document's labels print
    decimal commas)."""
    row, pred = pair.label, pair.pred
    if row.flag is not None:
        score.flag_total += 1
        score.flag_ok += int(pred is not None and pair.value_ok and flags_agree(row.flag, pred))
    if pred is None:
        return
    score.named += 1
    if not pair.value_ok:
        return
    score.found += 1
    score.coded += bool((pred.get("analyte") or {}).get("code"))
    if row.unit is not None:
        score.unit_total += 1
        score.unit_ok += int(units_agree(row.unit, pred))
    if row.range is not None:
        score.range_total += 1
        score.range_ok += int(ranges_agree(row.range, pred))
    implied = row_implied_flag(row)
    if implied is not None:
        score.implied_total += 1
        score.implied_ok += int(reported_direction(pred.get("flag")) == implied)
    grouped = grouped_value(row, decimal_commas)
    if grouped is not None:
        score.grouped_total += 1
        score.grouped_ok += int(reads_grouped(grouped, pred.get("value")))


@dataclass
class Totals:
    """Counts summed over documents, with the figures the bench prints."""

    docs: int = 0
    labels: int = 0
    preds: int = 0
    found: int = 0
    named: int = 0
    coded: int = 0
    unit: tuple[int, int] = (0, 0)
    range: tuple[int, int] = (0, 0)
    flag: tuple[int, int] = (0, 0)
    implied: tuple[int, int] = (0, 0)
    grouped: tuple[int, int] = (0, 0)
    vitals: tuple[int, int] = (0, 0)
    narrative: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    labelled_docs: int = 0  # documents whose findings, summary and sections were labelled
    empty: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, scores: Iterable[DocScore]) -> Totals:
        """Sum document scores."""
        t = cls()
        for s in scores:
            t.docs += 1
            t.labels += s.labels
            t.preds += s.preds
            t.found += s.found
            t.named += s.named
            t.coded += s.coded
            t.unit = (t.unit[0] + s.unit_ok, t.unit[1] + s.unit_total)
            t.range = (t.range[0] + s.range_ok, t.range[1] + s.range_total)
            t.flag = (t.flag[0] + s.flag_ok, t.flag[1] + s.flag_total)
            t.implied = (t.implied[0] + s.implied_ok, t.implied[1] + s.implied_total)
            t.grouped = (t.grouped[0] + s.grouped_ok, t.grouped[1] + s.grouped_total)
            t.vitals = (t.vitals[0] + s.vitals_found, t.vitals[1] + s.vitals_labelled)
            t.labelled_docs += bool(s.narrative)
            for part, counts in s.narrative.items():
                old = t.narrative.get(part, (0, 0, 0))
                t.narrative[part] = (old[0] + counts[0], old[1] + counts[1], old[2] + counts[2])
            if s.labels and not s.preds:
                t.empty.append(s.doc_id)
        return t

    def figures(self) -> dict[str, float]:
        """Recall, precision, value, unit, range and printed-flag accuracy, and the share of
        found results that carry an analyte code (coverage: labels name no analyte)."""

        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "recall": ratio(self.found, self.labels),
            "precision": ratio(self.found, self.preds),
            "value": ratio(self.found, self.named),
            "unit": ratio(*self.unit),
            "range": ratio(*self.range),
            "flags": ratio(*self.flag),
            "coded": ratio(self.coded, self.found),
        }

    def line(self) -> str:
        """The summary fields as `key=value` text."""
        f = self.figures()
        return (
            f"docs={self.docs} values={self.labels} found={self.found} preds={self.preds} "
            + " ".join(f"{k}={v:.3f}" for k, v in f.items())
            + f" flags_printed={self.flag[1]} flags_implied={self.implied[0]}/{self.implied[1]}"
            + f" thousands={self.grouped[0]}/{self.grouped[1]}"
            + f" empty={len(self.empty)}"
            + f" vitals={self.vitals[0]}/{self.vitals[1]}"
            + "".join(
                f" {part}={found}/{labelled}(of {preds})"
                for part, (found, labelled, preds) in self.narrative.items()
            )
        )
