"""Load the generator's vocabulary (YAML under ``checkup2action/samples/data``)."""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from checkup2action.samples.fonts import EXTRA_SYMBOLS

DATA_DIR = Path(__file__).parent / "data"

Range = tuple[float | None, float | None]


@dataclass(frozen=True)
class UnitSystem:
    """One way a lab reports an analyte: unit, decimals, reference interval."""

    key: str
    unit: str
    dp: int
    ref: Range | None
    ref_by_sex: dict[str, Range] | None
    span: tuple[float, float]
    crit: Range | None = None
    lod: float | None = None
    uloq: float | None = None
    step: float | None = None
    code: str | None = None  # catalogue code when it differs from the analyte's (HbA1c IFCC)

    def ref_for(self, sex: str) -> Range:
        """Reference interval applying to a patient of ``sex``."""
        if self.ref_by_sex:
            return self.ref_by_sex[sex]
        assert self.ref is not None
        return self.ref


@dataclass(frozen=True)
class Analyte:
    """An analyte of the vocabulary."""

    code: str
    panel: str
    names: dict[str, tuple[str, ...]]
    units: dict[str, UnitSystem]
    qual_expected: str | None = None
    qual_results: tuple[tuple[str, float], ...] = ()
    qual_kind: str | None = None
    sex: str | None = None
    group: str | None = None  # alternatives (GLU / FPG): a report prints at most one

    @property
    def codes(self) -> tuple[str, ...]:
        """Every catalogue code this analyte can be reported under."""
        extra = (s.code for s in self.units.values() if s.code)
        return tuple(dict.fromkeys((self.code, *extra)))

    def name(self, style: str) -> tuple[str, ...]:
        """Printed names for a style (``en``, ``en_eu``, ``abbr``, ``zh_hans``, ``zh_hant``)."""
        return self.names.get(style) or self.names["en"]

    def system(self, prefs: tuple[str, ...]) -> UnitSystem | None:
        """First unit system available in the preference order (None: qualitative only)."""
        for key in prefs:
            if key in self.units:
                return self.units[key]
        return next(iter(self.units.values()), None)


@dataclass(frozen=True)
class Vocab:
    """Everything the families print, loaded from YAML."""

    analytes: dict[str, Analyte]
    panels: dict[str, dict[str, tuple[str, ...]]]
    qualitative: dict[str, dict[str, tuple[str, ...]]]
    qualitative_ref: dict[str, dict[str, tuple[str, ...]]]
    units: dict[str, dict[str, tuple[str, ...]]]
    people: dict[str, Any]
    labels: dict[str, Any]

    def by_panel(self, panel: str) -> list[Analyte]:
        """Analytes of a panel in vocabulary order."""
        return [a for a in self.analytes.values() if a.panel == panel]

    def spellings(self, ucum: str, region: str) -> tuple[str, ...]:
        """Printed spellings of a UCUM unit in a region style."""
        table = self.units[ucum]
        return table.get(region) or table["any"]


def _range(raw: Any) -> Range:
    low, high = raw
    return (None if low is None else float(low), None if high is None else float(high))


def _system(key: str, raw: dict[str, Any]) -> UnitSystem:
    ref = raw["ref"]
    by_sex = {s: _range(r) for s, r in ref.items()} if isinstance(ref, dict) else None
    plain = None if by_sex else _range(ref)
    if "span" in raw:
        span = (float(raw["span"][0]), float(raw["span"][1]))
    else:
        lo, hi = plain if plain else next(iter(by_sex.values()))  # type: ignore[union-attr]
        span = ((lo or 0.0) * 0.5, (hi or 1.0) * 1.6)
    return UnitSystem(
        key=key,
        unit=str(raw["unit"]),
        dp=int(raw["dp"]),
        ref=plain,
        ref_by_sex=by_sex,
        span=span,
        crit=_range(raw["crit"]) if "crit" in raw else None,
        lod=raw.get("lod"),
        uloq=raw.get("uloq"),
        step=raw.get("step"),
        code=raw.get("code"),
    )


def _tuples(raw: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(str(x) for x in v) for k, v in raw.items()}


def load_data(name: str) -> Any:
    """One YAML file of the generator's ``data/`` folder, parsed (callers cache)."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def _by_language(name: str) -> dict[str, Any]:
    """A data file whose top level is ``zh`` and ``en``, parsed once."""
    return dict(load_data(name))


def language_words(name: str, language: str) -> dict[str, Any]:
    """The ``zh`` or ``en`` part of such a data file for a report in ``language``."""
    return dict(_by_language(name)["zh" if language.startswith("zh") else "en"])


@cache
def load_vocab() -> Vocab:
    """Parse the YAML vocabulary (cached)."""
    raw = load_data("analytes.yaml")
    analytes: dict[str, Analyte] = {}
    for item in raw["analytes"]:
        names = {
            k: tuple(item[k]) for k in ("en", "en_eu", "abbr", "zh_hans", "zh_hant") if k in item
        }
        qual = item.get("qual") or {}
        analytes[item["code"]] = Analyte(
            code=item["code"],
            panel=item["panel"],
            names=names,
            units={k: _system(k, v) for k, v in (item.get("units") or {}).items()},
            qual_expected=qual.get("expected"),
            qual_results=tuple((str(k), float(v)) for k, v in (qual.get("results") or {}).items()),
            qual_kind=item.get("qual_kind"),
            sex=item.get("sex"),
            group=item.get("group"),
        )
    units = load_data("units.yaml")["units"]
    return Vocab(
        analytes=analytes,
        panels={k: _tuples(v) for k, v in raw["panels"].items()},
        qualitative={k: _tuples(v) for k, v in raw["qualitative"].items()},
        qualitative_ref={k: _tuples(v) for k, v in raw["qualitative_ref"].items()},
        units={k: _tuples(v) for k, v in units.items()},
        people=load_data("people.yaml"),
        labels=load_data("labels.yaml"),
    )


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [str(node)] if node is not None else []


@cache
def charset() -> str:
    """Every character the generator may draw with the CJK font, sorted."""
    chars = set(string.printable.strip() + " ") | set(EXTRA_SYMBOLS)
    for path in sorted(DATA_DIR.glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            for text in _strings(yaml.safe_load(fh)):
                chars.update(text)
    chars.update("０１２３４５６７８９")
    return "".join(sorted(c for c in chars if c.isprintable()))
