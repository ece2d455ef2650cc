"""Vital signs and body measurements from a report's lines: height, weight, BMI, waist, blood
pressure, pulse, temperature, SpO2, respiratory rate.

They are printed as table rows (``身高  177.5  cm``), as fields of a patient block
(``BP: 128/86 mmHg  Pulse: 72 bpm``) or in a sentence of the physical examination. A vital is a
label of ``data/vitals.yaml`` at the start of a line or of a segment, then (after an optional
gloss and colon) its number, then an optional unit, which must be one of the vital's units;
``a/b`` after a blood-pressure label gives the systolic and the diastolic value. Values outside
the vital's plausible limits are not read (``BMI <30`` in a footnote has no number right after
its label and is not one either). A range printed later on the line sets the flag; without one,
the documented adult band of the vital does (``flag_source="guideline"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from checkup2action.datafiles import load_yaml
from checkup2action.geometry import union_box
from checkup2action.grammar.ranges import parse_range
from checkup2action.grammar.values import parse_value
from checkup2action.layout.lines import TextLine, span_boxes
from checkup2action.report.models import BBox, Provenance, ReferenceRange, Vital

_NUMBER = r"\d{1,3}(?:[.,]\d{1,2})?"
_GLOSS = r"(?:\s*[(（][^()（）]{0,12}[)）])?"


@dataclass(frozen=True, slots=True)
class VitalKind:
    """One vital of ``data/vitals.yaml``."""

    code: str
    loinc: str
    unit: str
    units: dict[str, float]
    limits: tuple[float, float]
    band: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The vitals, and one pattern per label group (the label's vital in the ``code`` group)."""

    kinds: dict[str, VitalKind]
    single: re.Pattern[str]
    pressure: re.Pattern[str]


def _label_pattern(label: str) -> str:
    """A label as a regex: Chinese characters may be spaced out, Latin ones are whole words."""
    if all("\u4e00" <= c <= "\u9fff" for c in label):
        return r"\s*".join(map(re.escape, label))
    body = re.escape(label).replace(r"\ ", r"\s+")
    return rf"(?<![A-Za-z]){body}(?![A-Za-z])"


def _units_pattern(units: Any) -> str:
    """Every printed unit, longest first."""
    return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    """The vitals' labels, units and limits, compiled once."""
    data = load_yaml(Path(__file__).parent / "data" / "vitals.yaml")
    kinds, groups = {}, []
    all_units: set[str] = set()
    for code, entry in data["vitals"].items():
        band = entry.get("band")
        kinds[code] = VitalKind(
            code, entry["loinc"], entry["unit"], {str(k): float(v) for k, v in entry["units"].items()},
            (float(entry["limits"][0]), float(entry["limits"][1])),
            (float(band["low"]), float(band["high"])) if band else None,
        )  # fmt: skip
        all_units |= set(map(str, entry["units"]))
        labels = sorted(entry["labels"], key=len, reverse=True)
        groups.append(f"(?P<{code}>" + "|".join(_label_pattern(str(x)) for x in labels) + ")")
    start = r"(?:^|(?<=\s)|(?<=[·•]))"
    tail = rf"{_GLOSS}\s*[:：]?\s*"
    unit = rf"(?:\s*(?P<unit>{_units_pattern(all_units)}))?"
    single = re.compile(
        rf"{start}(?:{'|'.join(groups)}){tail}(?P<value>{_NUMBER})(?![\d/]){unit}", re.IGNORECASE
    )
    pressure_labels = "|".join(
        _label_pattern(str(x)) for x in sorted(data["blood_pressure_labels"], key=len, reverse=True)
    )
    pressure = re.compile(
        rf"{start}(?P<label>{pressure_labels}){tail}(?P<value>\d{{2,3}})\s*/\s*(?P<second>\d{{2,3}})"
        rf"(?:\s*(?P<unit>{_units_pattern(kinds['systolic_bp'].units)}))?",
        re.IGNORECASE,
    )
    return _Vocabulary(kinds, single, pressure)


def _flag(
    kind: VitalKind, value: float, rng: ReferenceRange | None
) -> tuple[str | None, str | None]:
    """The flag and what set it: the printed range, else the guideline band."""
    if rng is not None and rng.low is not None and rng.high is not None:
        flag = "L" if value < rng.low else "H" if value > rng.high else "N"
        return flag, "printed_range"
    if kind.band is not None:
        low, high = kind.band
        return ("L" if value < low else "H" if value >= high else "N"), "guideline"
    return None, None


def _range_after(text: str) -> ReferenceRange | None:
    """A two-sided range printed after the value on the line (``18.5 -- 23.99``)."""
    m = re.search(rf"(?<![\d.]){_NUMBER}\s*(?:-{{1,2}}|~|～|–|—|to)\s*{_NUMBER}(?![\d.])", text)
    return parse_range(m.group(0)) if m else None


def _vital(
    kind: VitalKind, label: str, value_text: str, unit_raw: str | None, rest: str
) -> dict[str, Any] | None:
    """The fields of one vital, or None when its unit or value does not fit."""
    factor = 1.0
    if unit_raw:
        match = next((f for u, f in kind.units.items() if u.lower() == unit_raw.lower()), None)
        if match is None:
            return None
        factor = match
    number = parse_value(value_text).value  # the results' own number grammar (decimal commas)
    if number is None:
        return None
    value = round(number * factor, 2)
    if not kind.limits[0] <= value <= kind.limits[1]:
        return None
    rng = _range_after(rest)
    flag, source = _flag(kind, value, rng)
    return {
        "code": kind.code, "loinc": kind.loinc, "name_raw": label.strip(), "value_raw": value_text,
        "value": value, "unit": kind.unit, "unit_raw": unit_raw, "reference_range": rng,
        "flag": flag, "flag_source": source,
    }  # fmt: skip


def _provenance(line: TextLine, page: int, start: int, end: int) -> list[Provenance]:
    """Where characters ``start:end`` of the line are printed."""
    boxes = span_boxes(line, start, end) or [union_box(line.words)]
    x0, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [Provenance(page=page, bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom))]


def _matches(text: str) -> list[tuple[int, int, dict[str, Any]]]:
    """``(start, end, fields)`` of every vital printed in ``text``, in text order."""
    vocab = vocabulary()
    found: list[tuple[int, int, dict[str, Any]]] = []
    for m in vocab.pressure.finditer(text):
        for code, group in (("systolic_bp", "value"), ("diastolic_bp", "second")):
            fields = _vital(
                vocab.kinds[code], m.group("label"), m.group(group), m.group("unit"), ""
            )
            if fields:
                found.append((*m.span(), fields))
    taken = [(a, b) for a, b, _ in found]
    for m in vocab.single.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        code = next(c for c in vocab.kinds if m.group(c))
        fields = _vital(
            vocab.kinds[code], m.group(code), m.group("value"), m.group("unit"), text[m.end() :]
        )
        if fields:
            found.append((*m.span(), fields))
    return sorted(found, key=lambda item: item[0])


def vitals_in_text(text: str) -> list[tuple[str, float]]:
    """``(code, value)`` of every vital printed in a plain text (``血压  128/86 mmHg``)."""
    return [(fields["code"], fields["value"]) for _, _, fields in _matches(text)]


def line_vitals(line: TextLine, page: int) -> list[dict[str, Any]]:
    """The vitals printed on one line, as ``Vital`` fields without an id."""
    return [
        {**fields, "provenance": _provenance(line, page, start, end)}
        for start, end, fields in _matches(line.text)
    ]


def vitals_from_lines(pages: Mapping[int, Sequence[TextLine]]) -> list[Vital]:
    """Every vital printed on the pages, once per vital and value (a header repeated on each
    page is read once), in reading order."""
    out: list[Vital] = []
    seen: set[tuple[str, float]] = set()
    for page in sorted(pages):
        for line in pages[page]:
            for fields in line_vitals(line, page):
                key = (fields["code"], fields["value"])
                if key not in seen:
                    seen.add(key)
                    out.append(Vital(id=f"v{len(out) + 1:04d}", **fields))
    return out
