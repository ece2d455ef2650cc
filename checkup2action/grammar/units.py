"""Printed units to UCUM codes, and conversion between UCUM codes.

Spellings live in ``data/units.yaml``. The converter understands a small UCUM subset
(products, quotients, parentheses, integer exponents, metric prefixes, ``10*N`` powers,
``%`` and ``{annotations}``), so it needs no table of unit pairs.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from checkup2action.datafiles import load_yaml
from checkup2action.errors import CatalogueError
from checkup2action.memo import content_cache

__all__ = ["concentration_kind", "convert", "normalize_unit", "unit_key"]

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUPERSCRIPT_RUN = re.compile(r"[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_POWER_OF_TEN = re.compile(r"^[x×*]?10(?:\^|\*\*?|e|~)?\+?([1-9]\d?)/([a-z0-9.а-я]+)$")


def unit_key(raw: str) -> str:
    """Canonical matching key of a printed unit (case kept; see units.yaml for the rules)."""
    s = _SUPERSCRIPT_RUN.sub(lambda m: "^" + m.group().translate(_SUPERSCRIPTS), raw)
    s = unicodedata.normalize("NFKC", s).replace("μ", "u").replace("µ", "u")
    s = re.sub(r"\s+", "", s).replace("个", "").rstrip(".")
    if s.startswith("(") and s.endswith(")") and s.count("(") == 1:
        s = s[1:-1]
    s = re.sub(r"(?<=[A-Za-z])\^", "", s)
    s = re.sub(r"^(?i:cells?)(?=/)", "", s)
    s = re.sub(r"(?i)(?<![a-z])micro(?=g|mol|l|iu|ui|u)", "u", s)  # ``microUI/mL``
    return re.sub(r"(?i)mc(?=g|mol|l|iu|u)", "u", s)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Load units.yaml: (case-sensitive table, lower-case table, power-of-ten denominators)."""
    path = Path(__file__).parent / "data" / "units.yaml"
    try:
        raw: Any = load_yaml(path)
        exact = {unit_key(str(k)): str(v) for k, v in raw["case_sensitive"].items()}
        dens = {str(k): str(v) for k, v in raw["power_of_ten"]["denominators"].items()}
        lower: dict[str, str] = {}
        for code, spellings in raw["units"].items():
            for spelling in [code, *spellings]:
                key = unit_key(str(spelling)).lower()
                if lower.setdefault(key, str(code)) != code:
                    raise CatalogueError(f"units.yaml: {spelling!r} maps to two codes")
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogueError(f"units.yaml is malformed: {exc}") from exc
    return exact, lower, dens


@content_cache(maxsize=4096)
def _normalize(raw: str) -> str | None:
    """Cached body of normalize_unit."""
    exact, lower, dens = _tables()
    key = unit_key(raw)
    if not key:
        return None
    if key in exact:
        return exact[key]
    low = key.lower()
    if low in lower:
        return lower[low]
    m = _POWER_OF_TEN.match(low)
    if m and m.group(2) in dens:
        return f"10*{m.group(1)}/{dens[m.group(2)]}"
    return _cyrillic_reading(key)


#: Latin letters OCR puts for the Cyrillic letters they look like (``мг/л`` read ``mr/n``,
#: ``мМЕ/мл`` read ``mME/mn``).
_LOOKALIKES = str.maketrans("acekmopxyrnABCEHKMOPTX", "асекморхуглАВСЕНКМОРТХ")
_LETTERED = re.compile(r"[A-Za-z\u0400-\u04ff/.%\d]+")
#: Cyrillic letters OCR takes for each other (``нмоль/п`` for ``нмоль/л``; a Latin ``n`` is
#: either), tried both ways at up to ``_MAX_SWAPS`` places.
_SWAPS = {"л": "п", "п": "л"}
_MAX_SWAPS = 3


def _cyrillic_reading(key: str) -> str | None:
    """The unit a text is when its Latin letters are read as the Cyrillic letters they look like
    and ``л`` and ``п`` are taken for each other, if one of those readings is a Cyrillic unit's
    spelling (a Russian report read by a Latin OCR model); a lone letter is none (``c``)."""
    if len(key) < 2 or not _LETTERED.fullmatch(key) or not any(c.isalpha() for c in key):
        return None
    exact, lower, _ = _tables()
    for cyrillic in _swapped(key.translate(_LOOKALIKES)):
        found = exact.get(cyrillic) or lower.get(cyrillic.lower())
        if found:
            return found
    return None


def _swapped(text: str) -> list[str]:
    """``text`` and its spellings with ``л`` and ``п`` swapped at some of their places."""
    places = [i for i, c in enumerate(text) if c in _SWAPS][:_MAX_SWAPS]
    out = []
    for picks in itertools.product((False, True), repeat=len(places)):
        chars = list(text)
        for i, swap in zip(places, picks, strict=True):
            if swap:
                chars[i] = _SWAPS[chars[i]]
        out.append("".join(chars))
    return out


def normalize_unit(raw: str | None) -> str | None:
    """Printed unit -> canonical UCUM code; None when empty or not recognised."""
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    return _normalize(raw)


# ---------------------------------------------------------------------------------------------
# UCUM-subset parser


class _Unit(NamedTuple):
    """A unit as a factor times a product of base dimensions; `seen` keeps cancelled ones."""

    factor: float
    dims: tuple[tuple[str, int], ...]
    seen: frozenset[str]


class _UcumError(ValueError):
    """A unit string outside the supported UCUM subset."""


_PREFIXES = {
    "G": 1e9, "M": 1e6, "k": 1e3, "d": 1e-1, "c": 1e-2, "m": 1e-3,
    "u": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15, "a": 1e-18,
}  # fmt: skip
# atom -> (factor, base dimension, exponent of that dimension, accepts metric prefixes)
_ATOMS: dict[str, tuple[float, str, int, bool]] = {
    "g": (1.0, "g", 1, True),
    "mol": (1.0, "mol", 1, True),
    "L": (1e-3, "m", 3, True),
    "l": (1e-3, "m", 3, True),
    "m": (1.0, "m", 1, True),
    "s": (1.0, "s", 1, True),
    "min": (60.0, "s", 1, False),
    "h": (3600.0, "s", 1, False),
    "d": (86400.0, "s", 1, False),
    "U": (1.0, "U", 1, True),
    "[IU]": (1.0, "[IU]", 1, True),
    "eq": (1.0, "eq", 1, True),
    "osm": (1.0, "osm", 1, True),
    "mmHg": (1.0, "mm[Hg]", 1, False),
    "mm[Hg]": (1.0, "mm[Hg]", 1, False),
    "Pa": (1 / 133.322387415, "mm[Hg]", 1, True),  # blood gases in kPa: 1 mm[Hg] = 133.32 Pa
    "[pH]": (1.0, "[pH]", 1, False),
    "[HPF]": (1.0, "[HPF]", 1, False),
    "[LPF]": (1.0, "[LPF]", 1, False),
    "S": (1.0, "S", 1, True),  # siemens (urine conductivity, mS/cm)
}
_TOKEN = re.compile(r"\{[^{}]*\}|10[*^][+-]?\d+|[()./]|[^()./{}]+")
_ATOM_EXP = re.compile(r"^(.+?)([+-]?\d+)?$")
_ONE = _Unit(1.0, (), frozenset())


def _combine(a: _Unit, b: _Unit, sign: int) -> _Unit:
    """a * b (sign=1) or a / b (sign=-1)."""
    dims = dict(a.dims)
    for name, exp in b.dims:
        dims[name] = dims.get(name, 0) + sign * exp
    return _Unit(
        a.factor * b.factor**sign,
        tuple(sorted((k, v) for k, v in dims.items() if v)),
        a.seen | b.seen,
    )


def _atom(token: str) -> _Unit:
    """One symbol: annotation, power of ten, integer, %, or (prefixed) atom with exponent."""
    if token.startswith("{"):
        return _Unit(1.0, ((token, 1),), frozenset({token}))
    if re.fullmatch(r"10[*^][+-]?\d{1,3}", token):
        return _Unit(10.0 ** int(token[3:]), (), frozenset())
    if re.fullmatch(r"\d{1,6}", token):
        return _Unit(float(token), (), frozenset())
    if token == "%":
        return _Unit(0.01, (), frozenset())
    m = _ATOM_EXP.match(token)
    if not m:
        raise _UcumError(token)
    symbol, exp = m.group(1), int(m.group(2) or 1)
    if symbol in _ATOMS:
        factor, dim, power, _ = _ATOMS[symbol]
    elif symbol[0] in _PREFIXES and _ATOMS.get(symbol[1:], (0, "", 0, False))[3]:
        factor, dim, power, _ = _ATOMS[symbol[1:]]
        factor *= _PREFIXES[symbol[0]]
    else:
        raise _UcumError(token)
    return _Unit(factor**exp, ((dim, power * exp),), frozenset({dim}))


def _term(tokens: list[str], i: int) -> tuple[_Unit, int]:
    """term := ['/'] component (('.' | '/') component)*"""
    if i < len(tokens) and tokens[i] == "/":
        unit = _ONE
    else:
        unit, i = _component(tokens, i)
    while i < len(tokens) and tokens[i] in (".", "/"):
        sign = -1 if tokens[i] == "/" else 1
        part, i = _component(tokens, i + 1)
        unit = _combine(unit, part, sign)
    return unit, i


def _component(tokens: list[str], i: int) -> tuple[_Unit, int]:
    """component := '(' term ')' | symbol"""
    if i >= len(tokens):
        raise _UcumError("unexpected end")
    if tokens[i] == "(":
        unit, i = _term(tokens, i + 1)
        if i >= len(tokens) or tokens[i] != ")":
            raise _UcumError("unbalanced parenthesis")
        return unit, i + 1
    if tokens[i] in (")", ".", "/"):
        raise _UcumError(tokens[i])
    return _atom(tokens[i]), i + 1


@lru_cache(maxsize=1024)
def _parse_ucum(code: str) -> _Unit | None:
    """Parse a UCUM code of the supported subset; None when outside it."""
    tokens = _TOKEN.findall(code)
    if not tokens or "".join(tokens) != code:
        return None
    try:
        unit, end = _term(tokens, 0)
    except (_UcumError, OverflowError, ValueError):
        return None
    return unit if end == len(tokens) else None


def _as_moles(unit: _Unit, valence: float) -> _Unit:
    """Re-express equivalents as moles of an ion of ``valence`` (1 eq = 1/valence mol)."""
    eqs = dict(unit.dims).get("eq", 0)
    if not eqs:
        return unit
    moles = _Unit(valence ** (-eqs), (("mol", eqs),), frozenset({"mol"}))
    swapped = _Unit(unit.factor, tuple(d for d in unit.dims if d[0] != "eq"), unit.seen)
    merged = _combine(swapped, moles, 1)
    return merged._replace(seen=(merged.seen - {"eq"}) | {"mol"})


def enzyme_activity(value_unit: str, analyte_unit: str) -> str:
    """``value_unit`` with international units read as enzyme units when the analyte is an
    enzyme measured in U (1 IU of enzyme activity is 1 U, one µmol/min): ``[IU]/L`` -> ``U/L``.
    Hormones' IU (``m[IU]/L`` of TSH) stay apart: their analyte's unit has no U."""
    unit = _parse_ucum(analyte_unit)
    if unit is None or ("U", 1) not in unit.dims or "[IU]" not in value_unit:
        return value_unit
    return value_unit.replace("[IU]", "U")


#: Net dimensions of a concentration per kind: LOINC's MCnc (mass) and SCnc (substance; an
#: equivalent is an amount of substance too, as LOINC counts mEq/L).
_CONCENTRATION_KINDS: dict[tuple[tuple[str, int], ...], str] = {
    (("g", 1), ("m", -3)): "mass",
    (("m", -3), ("mol", 1)): "molar",
    (("eq", 1), ("m", -3)): "molar",
}


def concentration_kind(unit: str | None) -> str | None:
    """``mass`` for a mass concentration (``mg/dL``), ``molar`` for a substance concentration
    (``mmol/L``, ``meq/L``), None for anything else (``%``, ``U/L``, ``mg/(24.h)``, unknown)."""
    parsed = _parse_ucum(unit) if unit else None
    return _CONCENTRATION_KINDS.get(parsed.dims) if parsed is not None else None


def _as_mass(unit: _Unit, molar_mass: float) -> _Unit:
    """Re-express moles as grams using the molar mass (g/mol)."""
    moles = dict(unit.dims).get("mol", 0)
    if not moles:
        return unit
    grams = _Unit(molar_mass**moles, (("g", moles),), frozenset({"g"}))
    swapped = _Unit(unit.factor, tuple(d for d in unit.dims if d[0] != "mol"), unit.seen)
    merged = _combine(swapped, grams, 1)
    return merged._replace(seen=(merged.seen - {"mol"}) | {"g"})


def _same_kind(a: _Unit, b: _Unit) -> bool:
    """Same net dimensions and the same cancelled ones (mmol/mol is not %)."""
    return a.dims == b.dims and a.seen - {d for d, _ in a.dims} == b.seen - {d for d, _ in b.dims}


def convert(
    value: float,
    from_unit: str,
    to_unit: str,
    *,
    molar_mass: float | None = None,
    valence: float | None = None,
) -> float | None:
    """Convert between UCUM codes; None when not convertible (mass<->molar needs molar_mass,
    equivalents<->moles an ion's valence: 1 mEq = 1/valence mmol)."""
    try:
        if not math.isfinite(value):
            return None
        src, dst = _parse_ucum(from_unit), _parse_ucum(to_unit)
        if src is None or dst is None:
            return None
        if from_unit == to_unit:
            return float(value)
        if valence is not None and valence > 0 and not _same_kind(src, dst):
            src, dst = _as_moles(src, valence), _as_moles(dst, valence)
        if not _same_kind(src, dst):
            if molar_mass is None or not molar_mass > 0 or not math.isfinite(molar_mass):
                return None
            src, dst = _as_mass(src, molar_mass), _as_mass(dst, molar_mass)
            if not _same_kind(src, dst):
                return None
        result = value * src.factor / dst.factor
    except (TypeError, OverflowError, ZeroDivisionError):
        return None
    return float(f"{result:.12g}") if math.isfinite(result) else None
