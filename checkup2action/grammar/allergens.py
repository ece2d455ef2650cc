"""Allergen-specific IgE tests: one analyte per allergen, told by its ImmunoCAP code or name.

An allergy panel prints one row per allergen: ``PEANUT (F13) IGE``, ``Egg white sIgE``, ``f2
Milk`` under a ``Food allergy panel``, ``屋尘螨 sIgE``. LOINC codes each allergen's IgE apart, so
the catalogue holds one analyte per allergen of ``data/allergens.yaml`` (code ``SIGE_<ImmunoCAP
code>``, category ``allergy``, reported in kU/L). :class:`AllergenIndex` tells which allergen a
printed row names: its ImmunoCAP code (``f13``, ``F 4``) or its name in one of the file's
languages, with the test's own words (``IgE``, ``specific``, ``特异性``) or the code taken out. A
bare allergen name (``Milk``, ``花生``) names the test only beside an IgE word or its code, or
under a panel that names allergy or IgE; a code and a name that disagree name nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkup2action.errors import CatalogueError
from checkup2action.grammar.analyte import Analyte, parse_entry
from checkup2action.grammar.names import normalise_key

ALLERGENS_PATH = Path(__file__).parent / "data" / "allergens.yaml"
#: Code prefix of the allergen analytes (``SIGE_F13``).
ALLERGEN_PREFIX = "SIGE_"
#: The test's own words around an allergen's name: IgE, specific, antibody (longest first).
_TEST_WORDS_RE = re.compile(
    r"\bs?IgE\b(?:\s*(?:Ab|antibod(?:y|ies)|Antik[öo]rper|anticorps|anticuerpos?|anticorpos?)\b)?"
    r"|\bspecific\b|\bspezifische[sr]?\b|\bsp[ée]cifiques?\b|\bespec[ií]fic[ao]s?\b"
    r"|\bspecifich?[ea]\b|特异性|特異性|抗体|抗體|\bRAST\b|\bImmunoCAP\b",
    re.IGNORECASE,
)
_IGE_RE = re.compile(r"\bs?IgE\b|特异性|特異性|\bRAST\b|\bImmunoCAP\b", re.IGNORECASE)
#: An ImmunoCAP code: one or two letters and a number (``f13``, ``F 4``, ``d1``, ``k82``).
_CODE_RE = re.compile(r"(?<![^\W\d_])(?<!\d)([a-z]{1,2})\s?(\d{1,3})(?![\d.,])", re.IGNORECASE)
#: Panel titles that make a bare allergen name a test (``Food Allergy Panel``, ``过敏原检测``).
_ALLERGY_PANEL_RE = re.compile(
    r"allerg|alerg|过敏|過敏|变应原|變應原|аллерг|\bs?IgE\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Allergen:
    """One allergen of the file: its ImmunoCAP code, LOINC and names per language."""

    code: str  # ImmunoCAP code, lower case: f13
    loinc: str | None
    names: Mapping[str, tuple[str, ...]]  # language -> names

    @property
    def analyte_code(self) -> str:
        """The catalogue code of this allergen's IgE test (``SIGE_F13``)."""
        return f"{ALLERGEN_PREFIX}{self.code.upper()}"

    def first(self, language: str) -> str:
        """The first name in a language (English when it has none)."""
        return (self.names.get(language) or self.names["en"])[0]

    def analyte(self) -> Analyte:
        """The catalogue's analyte for this allergen's IgE test, validated like any entry."""
        aliases = [f"{n} IgE" for lang, ns in self.names.items() if lang != "en" for n in ns]
        aliases += [f"{n} IgE" for n in self.names["en"][1:]]
        entry = {
            "code": self.analyte_code, "loinc": self.loinc,
            "name_en": f"{self.first('en')} IgE", "name_zh": f"{self.first('zh')}特异性IgE",
            "name_zh_hant": f"{self.first('zh_hant')}特異性IgE", "abbreviations": [],
            "aliases": list(dict.fromkeys(aliases)), "category": "allergy",
            "kind": "quantitative", "unit": "kU/L", "alt_units": ["k[IU]/L", "[IU]/mL"],
            "molar_mass": None, "ref_low": None, "ref_high": None,
            "plausible_low": 0, "plausible_high": 1000,
        }  # fmt: skip
        return parse_entry(entry, 0)


def parse_allergens(data: Any) -> list[Allergen]:
    """The allergens of a loaded ``allergens.yaml``, checked (languages, codes, English name)."""
    if not isinstance(data, dict) or not isinstance(data.get("allergens"), list):
        raise CatalogueError("allergens file: expected a mapping with 'languages' and 'allergens'")
    languages = set(data.get("languages") or [])
    out: list[Allergen] = []
    for entry in data["allergens"]:
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
            raise CatalogueError(f"allergens file: bad ImmunoCAP code {code!r}")
        names = {k: tuple(v) for k, v in entry.items() if k not in ("code", "loinc")}
        if not set(names) <= languages or not names.get("en"):
            raise CatalogueError(f"allergen {code}: names per listed language, English first")
        out.append(Allergen(code.lower(), entry.get("loinc"), names))
    return out


class AllergenIndex:
    """Which allergen a printed row name denotes, by its ImmunoCAP code or its name."""

    def __init__(self, allergens: Iterable[Allergen]) -> None:
        self._by_code: dict[str, Allergen] = {}
        self._by_name: dict[str, Allergen] = {}
        for allergen in allergens:
            if self._by_code.setdefault(allergen.code, allergen) is not allergen:
                raise CatalogueError(f"allergen {allergen.code}: listed twice")
            for name in (n for ns in allergen.names.values() for n in ns):
                other = self._by_name.setdefault(normalise_key(name), allergen)
                if other is not allergen:
                    raise CatalogueError(
                        f"allergen name {name!r}: {other.code} and {allergen.code}"
                    )

    def __len__(self) -> int:
        """Number of allergens."""
        return len(self._by_code)

    def named(self, name_raw: str, panel: str | None = None) -> Allergen | None:
        """The allergen whose IgE test a row name denotes, or None (module docstring)."""
        text = unicodedata.normalize("NFKC", name_raw)
        test_said = bool(_IGE_RE.search(text)) or bool(_ALLERGY_PANEL_RE.search(panel or ""))
        if not test_said and not any(ch.isdigit() for ch in text):
            return None  # a bare name with no code: most names the catalogue is asked about
        codes = {c for c in _codes(text) if c in self._by_code}
        if len(codes) > 1:
            return None
        rest = normalise_key(_TEST_WORDS_RE.sub(" ", _CODE_RE.sub(" ", text)))
        by_name = self._by_name.get(rest) if rest else None
        by_code = self._by_code[codes.pop()] if codes else None
        if by_code is not None and by_name is not None and by_code is not by_name:
            return None
        if by_code is not None and (test_said or by_name is not None):
            return by_code
        return by_name if by_name is not None and test_said else None


def _codes(text: str) -> list[str]:
    """The ImmunoCAP-like codes in a text, lower case and without a space (``F 4`` -> ``f4``)."""
    return [f"{m.group(1)}{m.group(2)}".lower() for m in _CODE_RE.finditer(text)]
