"""One analyte of the catalogue: its record, and the validation of its YAML entry.

``grammar.catalogue`` reads the catalogue file through :func:`parse_entry`, merges the names file
through :func:`with_names` and indexes the names; this module knows one entry's fields and rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from checkup2action.errors import CatalogueError
from checkup2action.grammar.names import normalise_key
from checkup2action.grammar.units import concentration_kind
from checkup2action.report.models import AnalyteRef

CATEGORIES = frozenset(
    ["cbc", "chemistry", "liver", "kidney", "lipids", "glucose", "thyroid", "electrolytes",
     "minerals", "vitamins", "iron", "inflammation", "coagulation", "urinalysis",
     "tumour_markers", "hepatitis", "cardiac", "hormones", "vitals", "allergy"]
)  # fmt: skip
KINDS = frozenset({"quantitative", "qualitative"})
# Field -> type tag: text, text? (nullable), list (of strings), num (number or null), kinds
# (a mapping of LOINC_KINDS to LOINC codes).
FIELDS = {
    "code": "text", "loinc": "text?", "name_en": "text", "name_zh": "text",
    "name_zh_hant": "text", "abbreviations": "list", "aliases": "list", "category": "text",
    "kind": "text", "unit": "text?", "alt_units": "list", "molar_mass": "num", "ref_low": "num",
    "ref_high": "num", "plausible_low": "num", "plausible_high": "num",
}  # fmt: skip
#: Fields an entry may leave out (None or empty then): an ion's charge, for mEq <-> mmol; the
#: LOINC code per kind of concentration unit (``{mass: 2345-7, molar: 14749-6}``), LOINC naming a
#: mass and a substance concentration apart; the two analytes a ratio divides (``[TC, HDL_C]``,
#: numerator first: ``grammar.ratios``).
OPTIONAL_FIELDS = {"valence": "num", "loinc_by_kind": "kinds", "ratio_of": "pair"}
#: Kinds of concentration unit a LOINC code may be given for (grammar.units.concentration_kind).
LOINC_KINDS = frozenset({"mass", "molar"})
_CODE_RE = re.compile(r"^[A-Z0-9_]+$")
_LOINC_RE = re.compile(r"^\d{1,6}-\d$")


@dataclass(frozen=True, slots=True)
class Analyte:
    """One canonical analyte of the catalogue."""

    code: str
    loinc: str | None
    name_en: str
    name_zh: str
    name_zh_hant: str
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]
    category: str
    kind: str
    unit: str | None
    alt_units: tuple[str, ...]
    molar_mass: float | None
    ref_low: float | None
    ref_high: float | None
    plausible_low: float | None
    plausible_high: float | None
    valence: float | None = None  # charge of the ion: 1 mEq = 1/valence mmol
    loinc_by_kind: tuple[tuple[str, str], ...] = ()  # (kind, LOINC): ("mass", "2345-7"), ...
    ratio_of: tuple[str, ...] = ()  # (numerator, denominator) codes of a ratio analyte

    def loinc_for(self, unit: str | None) -> str | None:
        """The LOINC code for a result in ``unit``: the code of the unit's kind (mass or molar
        concentration) when the catalogue gives one, else ``loinc``."""
        kind = concentration_kind(unit)
        return next((code for k, code in self.loinc_by_kind if k == kind), self.loinc)

    def ref(self, unit: str | None = None) -> AnalyteRef:
        """The reference embedded in a report's lab result (its LOINC picked by ``unit``)."""
        return AnalyteRef(code=self.code, loinc=self.loinc_for(unit), name_en=self.name_en,
                          name_zh=self.name_zh, category=self.category)  # fmt: skip

    def within_limits(self, value: float) -> bool:
        """Whether a value in the canonical unit lies within the physiological limits (bounds
        included; a missing bound does not limit)."""
        low, high = self.plausible_low, self.plausible_high
        return (low is None or value >= low) and (high is None or value <= high)

    def names(self) -> tuple[str, ...]:
        """Every printed name this analyte is indexed under."""
        head = (self.code, self.name_en, self.name_zh, self.name_zh_hant)
        return head + self.abbreviations + self.aliases


def unit_key(unit: str) -> str:
    """Comparable form of a unit string, printed or UCUM ('×10^9/L' == '10*9/L')."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit).casefold().replace("μ", "u"))
    s = re.sub(r"10(?:\^|\*|e)?(\d{1,2})(?=/)", r"10*\1", s.lstrip("x×*"))
    return re.sub(r"[\[\]{}]", "", s)


def loinc_is_valid(code: str) -> bool:
    """True when a LOINC code is well formed and its mod-10 (Luhn) check digit is right."""
    if not _LOINC_RE.match(code):
        return False
    number, check = code.split("-")
    doubled = (int(ch) * (2 - i % 2) for i, ch in enumerate(reversed(number)))
    return (10 - sum(d - 9 if d > 9 else d for d in doubled) % 10) % 10 == int(check)


def _field(code: str, field: str, value: Any) -> Any:
    """One validated field value (lists become tuples, numbers floats)."""
    tag = FIELDS.get(field) or OPTIONAL_FIELDS[field]
    if value is None and tag in ("text?", "num"):
        return None
    if tag.startswith("text") and isinstance(value, str) and value.strip():
        return value
    if tag == "list" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if tag == "num" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if tag == "pair" and isinstance(value, list) and len(value) == 2 and _codes(value, code):
        return tuple(value)
    if tag == "kinds" and isinstance(value, dict) and value and set(value) <= LOINC_KINDS:
        return tuple(sorted((str(k), str(v)) for k, v in value.items()))
    raise CatalogueError(f"{code}: invalid {field} {value!r} (expected {tag})")


def _codes(value: list[Any], own: str) -> bool:
    """Whether every item is an analyte code other than the entry's own."""
    return all(isinstance(v, str) and _CODE_RE.match(v) and v != own for v in value)


def _check(a: Analyte) -> None:
    """Cross-field rules: LOINC check digit, category, kind, unit, range ordering."""
    problems = [
        (a.loinc is not None and not loinc_is_valid(a.loinc), f"bad LOINC code {a.loinc!r}"),
        (a.category not in CATEGORIES, f"unknown category {a.category!r}"),
        (a.kind not in KINDS, f"kind must be one of {sorted(KINDS)}"),
        (a.kind == "quantitative" and a.unit is None, "a quantitative analyte needs a unit"),
        (a.molar_mass is not None and a.molar_mass <= 0, "molar_mass must be positive"),
        (a.valence is not None and a.valence <= 0, "valence must be positive"),
    ]
    kinds = dict(a.loinc_by_kind)
    problems += [(not loinc_is_valid(c), f"bad LOINC code {c!r} for {k}") for k, c in kinds.items()]
    problems.append(
        (bool(kinds) and a.loinc not in kinds.values(), "loinc must be one of loinc_by_kind")
    )
    unit_kinds = {concentration_kind(u) for u in (a.unit, *a.alt_units)}
    problems += [(k not in unit_kinds, f"loinc_by_kind: no {k} unit") for k in kinds]
    chain = [v for v in (a.plausible_low, a.ref_low, a.ref_high, a.plausible_high) if v is not None]
    problems.append((chain != sorted(chain), "need plausible_low <= ref <= plausible_high"))
    for failed, message in problems:
        if failed:
            raise CatalogueError(f"{a.code}: {message}")


def parse_entry(entry: Any, position: int) -> Analyte:
    """Validate one YAML entry and build its Analyte."""
    if not isinstance(entry, dict):
        raise CatalogueError(f"entry #{position}: expected a mapping")
    code = entry.get("code")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise CatalogueError(f"entry #{position} ({code!r}): code must match [A-Z0-9_]+")
    missing = set(FIELDS) - entry.keys()
    extra = entry.keys() - set(FIELDS) - set(OPTIONAL_FIELDS)
    if missing or extra:
        raise CatalogueError(f"{code}: missing keys {sorted(missing)}, unknown {sorted(extra)}")
    present = [f for f in (*FIELDS, *OPTIONAL_FIELDS) if f in entry]
    analyte = Analyte(**{f: _field(code, f, entry[f]) for f in present})
    _check(analyte)
    return analyte


def with_names(analytes: list[Analyte], data: Any) -> list[Analyte]:
    """Analytes with the names of a names file (``names: {CODE: {lang: [names]}}``) as aliases."""
    names = data.get("names") if isinstance(data, dict) else None
    languages = set(data.get("languages") or []) if isinstance(data, dict) else set()
    if not isinstance(names, dict):
        raise CatalogueError("names file: expected a mapping with 'languages' and 'names'")
    known = {a.code for a in analytes}
    extra: dict[str, list[str]] = {}
    for code, by_language in names.items():
        if code not in known:
            raise CatalogueError(f"names file: unknown analyte code {code!r}")
        if not isinstance(by_language, dict) or not set(by_language) <= languages:
            raise CatalogueError(f"{code}: names must be given per listed language")
        for lang, spelled in by_language.items():
            if not isinstance(spelled, list) or not all(isinstance(n, str) for n in spelled):
                raise CatalogueError(f"{code}: names for {lang!r} must be a list of text")
            extra.setdefault(code, []).extend(spelled)
    out = []
    for a in analytes:
        own = {normalise_key(n) for n in a.names()}
        new = [n for n in dict.fromkeys(extra.get(a.code, [])) if normalise_key(n) not in own]
        out.append(replace(a, aliases=a.aliases + tuple(new)) if new else a)
    return out
