"""The generator's vocabulary: internally consistent and aligned with the project catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checkup2action.samples.fonts import charset_key
from checkup2action.samples.results import fmt_num, parse_num
from checkup2action.samples.vocab import charset, load_vocab

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "checkup2action" / "grammar" / "data" / "analytes.yaml"
)
CONTRACT_UNITS = {
    "10*9/L", "10*12/L", "10*3/uL", "10*6/uL", "/uL", "g/L", "g/dL", "mg/dL", "mg/L", "ng/mL",
    "ng/dL", "pg/mL", "mmol/L", "umol/L", "pmol/L", "mmol/mol", "U/L", "U/mL", "[IU]/L",
    "[IU]/mL", "m[IU]/L", "m[IU]/mL", "u[IU]/mL", "%", "fL", "pg", "mm/h", "s", "{ratio}", "",
}  # fmt: skip


def _vocab_codes() -> set[str]:
    return {code for a in load_vocab().analytes.values() for code in a.codes}


def _catalogue_codes() -> set[str]:
    try:
        from checkup2action.grammar.catalogue import load_catalogue  # type: ignore[import-not-found]
    except ImportError:
        load_catalogue = None
    if load_catalogue is not None:
        cat = load_catalogue()
        known = set()
        for code in _vocab_codes():
            try:
                if cat.by_code(code) is not None:
                    known.add(code)
            except KeyError:
                pass
        return known
    data = yaml.safe_load(CATALOGUE.read_text("utf-8"))
    items = data.get("analytes", data) if isinstance(data, dict) else data
    if isinstance(items, dict):
        return set(items)
    return {item["code"] for item in items}


def test_every_code_is_in_the_catalogue():
    known = _catalogue_codes()
    missing = sorted(_vocab_codes() - known)
    assert not missing, f"vocabulary codes missing from the catalogue: {missing}"


def test_no_printed_name_means_another_analyte():
    """The catalogue may not know a printed name yet, but must never map it to another code."""
    from checkup2action.grammar.catalogue import load_catalogue

    cat, v = load_catalogue(), load_vocab()
    conflicts = []
    for a in v.analytes.values():
        cases = [(s.unit or None, s.code or a.code) for s in a.units.values()]
        if a.qual_results:
            cases.append((None, a.code))
        for style, names in a.names.items():
            panel = v.panels[a.panel]["en" if style == "abbr" else style][0]
            for name in names:
                for unit, code in dict.fromkeys(cases):
                    hit = cat.match(name, panel=panel, unit=unit)
                    if hit is not None and hit.code != code:
                        conflicts.append(
                            f"{name!r} ({unit}): vocabulary {code}, catalogue {hit.code}"
                        )
    assert not conflicts, "\n".join(conflicts)


def test_units_are_canonical_and_spelled():
    v = load_vocab()
    for a in v.analytes.values():
        assert a.units or a.qual_results, a.code
        for sys in a.units.values():
            assert sys.unit in CONTRACT_UNITS, (a.code, sys.unit)
            assert sys.unit in v.units, f"no spellings for {sys.unit!r}"
            for region in ("zh", "us", "in", "eu"):
                assert v.spellings(sys.unit, region), (sys.unit, region)
            for lo, hi in [sys.ref] if sys.ref else list((sys.ref_by_sex or {}).values()):
                assert lo is not None or hi is not None, a.code
                assert lo is None or hi is None or lo < hi, a.code
            assert sys.span[0] < sys.span[1], a.code


def test_names_and_qualitative_vocabulary():
    v = load_vocab()
    for a in v.analytes.values():
        for style in ("en", "abbr", "zh_hans", "zh_hant"):
            assert a.names.get(style), (a.code, style)
        assert a.panel in v.panels, a.code
        for cat, _ in a.qual_results:
            assert cat in v.qualitative, (a.code, cat)
    seen: dict[str, str] = {}
    for cat, by_lang in v.qualitative.items():
        for words in by_lang.values():
            for w in words:
                assert seen.setdefault(w, cat) == cat, f"{w!r} is both {seen[w]} and {cat}"


def test_charset_covers_vocabulary_and_is_stable():
    chars = charset()
    assert "↑" in chars and "～" in chars and "血" in chars and "陽" in chars
    assert "⁹" not in chars
    assert charset_key(chars) == charset_key(chars[::-1])


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.integers(0, 3), st.booleans(),
       st.booleans())  # fmt: skip
def test_number_format_round_trips(x, dp, comma, thousands):
    s = fmt_num(x, dp, comma=comma, thousands=thousands)
    assert parse_num(s, comma=comma) == pytest.approx(round(x, dp), abs=10**-dp)


def test_font_covers_charset():
    from fontTools.ttLib import TTFont

    from checkup2action.samples.fonts import cjk_ttf

    chars = charset()
    for bold in (False, True):
        font = TTFont(str(cjk_ttf(chars, bold=bold)))
        cmap = font.getBestCmap()
        assert not [c for c in chars if ord(c) not in cmap]
        assert "glyf" in font and "CFF " not in font
        assert ("Bold" in font["name"].getBestFullName()) == bold
