"""Ratio names made of two analytes' names: ``LDL/HDL cholesterol ratio``, ``尿素氮 / 肌酐``.

A ratio analyte of the catalogue says which two analytes it divides (``ratio_of: [TC, HDL_C]``).
A printed name that is two names joined by one slash or colon, perhaps with a ratio word
before or after them (``ratio``, ``Quotient``, ``比值``), denotes that ratio when its first part
names the numerator and its second the denominator, each matched as a name of its own. Order
counts (``HDL/TC`` is another ratio), and two analytes no ratio divides give no match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: A ratio word before or after the two names (any case; several languages).
_RATIO_WORD = (
    r"ratio|quotient|verh[äa]ltnis|raz[ãa]o|rela[çc][ãa]o|relaci[óo]n|cociente|rapport|"
    r"rapporto|比值|比例|比率|比"
)
_TRAILING_RE = re.compile(rf"[\s,.:;-]*(?:{_RATIO_WORD})[\s.:]*$", re.IGNORECASE)
_LEADING_RE = re.compile(rf"^\s*(?:{_RATIO_WORD})\b[\s:]*", re.IGNORECASE)
#: The one separator between the two names: a slash or a colon (half or full width).
_SEPARATOR_RE = re.compile(r"[/:／：]")
#: What may close a part and belongs to no name: a hyphen (``Na-/K-``), dots, spaces.
_PART_EDGES = " \t.-"


def ratio_parts(name: str) -> tuple[str, str] | None:
    """The numerator's and the denominator's names in a ratio name, or None when the name is
    not two names around one separator."""
    bare = _LEADING_RE.sub("", _TRAILING_RE.sub("", name.strip()))
    parts = _SEPARATOR_RE.split(bare)
    if len(parts) != 2:
        return None
    first, second = (p.strip(_PART_EDGES) for p in parts)
    return (first, second) if first and second else None


def ratio_code(
    name: str, code_of: Callable[[str], str | None], ratios: dict[tuple[str, str], str]
) -> str | None:
    """The code of the ratio analyte a name denotes: ``code_of`` gives the family stem of the
    analyte a part names (None: unknown), ``ratios`` maps (numerator, denominator) stems to the
    ratio's code."""
    parts = ratio_parts(name)
    if parts is None:
        return None
    codes = tuple(code_of(p) for p in parts)
    if None in codes:
        return None
    return ratios.get(codes)  # type: ignore[arg-type]
