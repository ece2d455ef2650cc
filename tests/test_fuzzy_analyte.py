"""Analyte names misread by OCR by a character match their analyte, only for OCR rows, with a warning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkup2action.grammar.catalogue import Catalogue, load_catalogue, normalise_key
from checkup2action.grammar.fuzzy import (
    FuzzyIndex,
    budget,
    edit_distance,
    keeps_short_words,
    unique,
)
from checkup2action.ingestion.document import Word
from checkup2action.normalize.results import normalise_rows
from checkup2action.report.models import Patient
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role

X = {Role.NAME: 40, Role.VALUE: 200, Role.UNIT: 300, Role.RANGE: 380}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    """The bundled catalogue."""
    return load_catalogue()


def index(*keys: tuple[str, str]) -> FuzzyIndex:
    """A fuzzy index over (key, code) pairs, each key its own printed name."""
    return FuzzyIndex((k, code, k) for k, code in keys)


def code_of(cat: Catalogue, name: str, unit: str | None = None) -> str | None:
    """Code of the analyte an OCR-read name is fuzzily matched to, or None."""
    found = cat.match_ocr(name, unit=unit)
    return found[0].code if found else None


# --- the distance -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("肌酷", "肌酐", 1),  # substitution
        ("creatinine", "creatinne", 1),  # deletion
        ("hemoglobin", "hemogloboin", 1),  # insertion
        ("creatinine", "creatlnlne", 2),
        ("hbalc", "hba1c", 1),  # a letter OCR confuses with a digit is a slip
        ("apoa2", "apoai", 3),  # another letter is not
        ("雌三醇", "雌二醇", 3),  # nor a changed Chinese numeral
        ("乙肝表面抗原", "丙肝表面抗原", 3),  # nor a hepatitis letter
        ("β2微球蛋白", "α2微球蛋白", 3),  # nor a Greek letter
        ("ogtt1h", "ogtt2h", 3),  # a changed digit is not
        ("vitaminb1", "vitaminb12", 3),  # nor an added one
        ("neutrophil", "neutrophil%", 3),  # nor an added percent sign
    ],
)
def test_edit_distance(a, b, expected):
    assert edit_distance(a, b, limit=2) == min(expected, 3)


def test_edit_distance_stops_past_the_limit():
    assert edit_distance("abcdefgh", "zyxwvuts", limit=1) == 2
    assert edit_distance("abcde", "abcdefgh", limit=2) == 3  # length filter


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("肌", 0),
        ("c肽", 0),
        ("肌酐", 1),
        ("crea", 0),
        ("hba1c", 1),
        ("bilirubin", 1),
        ("creatinine", 2),
    ],
)
def test_budget_by_script_and_length(key, expected):
    assert budget(key) == expected


# --- the index rules ----------------------------------------------------------------------------


def test_one_slip_is_found_and_a_tie_between_analytes_is_refused():
    idx = index(("尿酸", "UA"), ("叶酸", "FOLATE"), ("肌酐", "CREA"))
    assert unique(idx.nearest("肌酷")[1]).code == "CREA"
    assert idx.nearest("哺酸")[0] == 1
    assert unique(idx.nearest("哺酸")[1]) is None  # 尿酸 or 叶酸?


def test_two_keys_of_one_analyte_at_the_same_distance_are_no_tie():
    idx = index(("血肌酐", "CREA"), ("血清肌酐", "CREA"), ("尿酸", "UA"))
    distance, entries = idx.nearest("血淸肌酐")
    assert (distance, unique(entries).code) == (1, "CREA")
    assert entries[0].key == "血清肌酐"  # the substitution is the reading shown


@pytest.mark.parametrize(
    ("keys", "query"),
    [
        ((("钾", "K"),), "钟"),  # one CJK character
        ((("crea", "CREA"),), "crex"),  # four Latin characters
        ((("creat", "CREA"),), "cre"),  # a long query does not reach a short key...
        ((("肌酐", "CREA"),), "肌"),  # ...nor a short query a longer key
        ((("肌酸激酶", "CK"),), "肌酸游酵"),  # two CJK slips
        ((("bilirubin", "TBIL"),), "biljrubjn"),  # two Latin slips in nine letters
        ((("ogtt1h", "OGTT_1H"),), "ogtt4h"),  # a digit
        ((("淀粉酶", "AMY"),), "淀粉酶酶酶"),
    ],
)
def test_short_keys_and_large_distances_are_refused(keys, query):
    assert index(*keys).nearest(query) == (0, ())


def test_latin_keys_of_ten_or_more_letters_allow_two_slips():
    assert index(("creatinine", "CREA")).nearest("creatlnlne")[0] == 2
    assert index(("creatine", "CRN")).nearest("creatlnc") == (0, ())  # 8 letters: one only
    assert index(("creat", "CREA")).nearest("creal")[0] == 1  # 5 letters: one


@pytest.mark.parametrize(
    ("words", "query", "key", "expected"),
    [
        (["anti", "hbc", "igg"], "antihbcigg", "antihbcigm", False),
        (["anti", "hbc", "igm"], "antlhbcigm", "antihbcigm", True),  # slip in a long word
        (["vitamin", "d2"], "vitamind2", "vitaminb2", False),
        (["whte", "blood", "cell"], "whtebloodcell", "whitebloodcell", True),  # offset from the end
        (["hdl", "cholesterol"], "hdlcholesterl", "hdlcholesterol", True),  # offset from the start
        (["hdi", "cholesterol"], "hdicholesterol", "hdlcholesterol", False),
    ],
)
def test_short_words_must_be_kept(words, query, key, expected):
    assert keeps_short_words(words, query, key) is expected


def test_nearest_is_cached_per_text():
    idx = index(("肌酐", "CREA"))
    assert idx.nearest("肌酷") is idx.nearest("肌酷")


# --- the catalogue ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("肌酷", "CREA"),
        ("Creatinlne", "CREA"),
        ("G1ucose", "GLU"),
        ("HbA1e", "HBA1C"),
        ("谷丙转氨晦", "ALT"),
        ("尿肌酷", "U_CREA"),
        ("白血跌數目WBC", "WBC"),  # bilingual: the Chinese part slipped, WBC agrees
        ("Whte blood cell coumt", "WBC"),  # two slips in a long Latin name
        ("HDL cholestero1", "HDL_C"),
    ],
)
def test_catalogue_slips_found(cat, name, code):
    assert cat.match(name) is None
    assert code_of(cat, name) == code


@pytest.mark.parametrize(
    "name",
    [
        "哺酸",  # 尿酸, 叶酸 and 乳酸 are all one character away
        "OGTT lh",  # 0h, 1h, 2h, 3h
        "Immunoglobulin D",  # A, E, G, M
        "T5",  # too short
        "白血球數目WBG",  # WBG too short to repair
        "白血跌數目RBC",  # the parts disagree
        "尿淀粉酶",  # urine amylase is not a slip of 淀粉酶 (serum amylase)
        "Vitamin B3",  # a digit changed
        "雌三醇",  # estriol is not estradiol (雌二醇)
        "ApoA2",  # 2 is not a misread I
        "Anti-HBc IgG",  # short words must be kept: not Anti-HBc IgM
        "Creatine kinase MM",  # not CK-MB
        "Vitamin D2",  # not Vitamin B2
        "Apolipoprotein E",  # not Apolipoprotein B
        "Whte blood cel count",  # the price: a slip inside a short word is not forgiven
    ],
)
def test_catalogue_refuses_ties_short_names_and_specimen_changes(cat, name):
    assert code_of(cat, name) is None


@pytest.mark.parametrize("name", ["直接胆红素", "紅血球計數", "降钙素", "Direct bilirubin"])
def test_known_names_are_never_corrected_into_a_neighbour(cat, name):
    assert cat.match(name) is not None
    assert cat.match_ocr(name) is None


def test_specimen_rule_does_not_hide_a_plain_slip(cat):
    assert code_of(cat, "淀粉晦") == "AMY"


def test_unit_still_picks_the_sibling_after_a_slip(cat):
    assert code_of(cat, "Neutrophlls") == "NEUT_ABS"
    assert code_of(cat, "Neutrophlls", unit="%") == "NEUT_PCT"


def test_slip_record_keeps_what_was_read(cat):
    _, slip = cat.match_ocr("1. 肌酷")
    assert (slip.read, slip.name, slip.distance) == ("肌酷", "肌酐", 1)
    assert slip.message() == "name read as '肌酷' matched to '肌酐' (one character differs)"


def test_trailing_colon_needs_no_fuzzy_match(cat):
    assert cat.match("尿酸:").code == "UA"


def test_catalogue_keys_at_distance_one_between_analytes_exist(cat):
    """Why ties must be refused: real analytes one edit apart in the catalogue."""
    keys = {normalise_key(n): a.code for a in cat for n in a.names()}
    for a, b in (("尿酸", "叶酸"), ("免疫球蛋白a", "免疫球蛋白g"), ("antihbs", "antihbc")):
        assert keys[a] != keys[b]
        assert edit_distance(a, b, limit=1) == 1


# --- through the normaliser ---------------------------------------------------------------------


def row(confidence: float | None, **cells: str) -> RawRow:
    """A raw row, one word per cell; words carry a confidence when read by OCR."""
    r = RawRow(page=1, panel=None, style=None, table_index=0)
    for name, text in cells.items():
        role = Role(name)
        word = Word(text, X[role], 100, X[role] + 40, 110, 1, confidence=confidence)
        r.add(role, [word])
    return r


def one(r: RawRow):
    out = normalise_rows([r], Patient(), load_catalogue())
    return out.results[0], out.warnings


def test_ocr_row_with_a_slipped_name_is_matched_and_marked_for_review():
    result, warnings = one(row(0.95, name="肌酷", value="88", unit="umol/L", range="57-111"))
    assert result.analyte is not None and result.analyte.code == "CREA"
    assert result.analyte.loinc == "14682-9"  # creatinine [Moles/volume]: the unit is umol/L
    assert result.name_raw == "肌酷"  # the print is kept
    assert result.needs_review
    assert result.value_canonical == 88
    [warning] = [w for w in warnings if w.code == "ANALYTE_OCR_MATCH"]
    assert warning.result_id == result.id and warning.stage == "normalize"
    assert warning.message == "name read as '肌酷' matched to '肌酐' (one character differs)"


def test_born_digital_row_is_not_fuzzily_matched():
    result, warnings = one(row(None, name="肌酷", value="88", unit="umol/L", range="57-111"))
    assert result.analyte is None
    assert not result.needs_review
    assert "ANALYTE_OCR_MATCH" not in [w.code for w in warnings]


def test_ocr_row_matched_exactly_gets_no_fuzzy_warning():
    result, warnings = one(row(0.95, name="肌酐", value="88", unit="umol/L", range="57-111"))
    assert result.analyte.code == "CREA"
    assert not result.needs_review
    assert warnings == []


@given(st.text(alphabet="abclo01%三", max_size=8), st.text(alphabet="abclo01%三", max_size=8))
def test_the_character_set_bound_never_exceeds_the_edit_distance(a: str, b: str) -> None:
    from checkup2action.grammar.fuzzy import _apart

    assert _apart(frozenset(a), frozenset(b)) <= edit_distance(a, b, 100)
