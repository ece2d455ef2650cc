"""Results written inside sentences (``tables.prose``): a discharge summary's lab values, read only
where the catalogue knows the name and the unit fits it, with boxes on the printed line; and a
body fluid's count is never taken for the blood test of the same name."""

from __future__ import annotations

from checkup2action.grammar.catalogue import load_catalogue, uncovered_specimen
from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine
from checkup2action.normalize.results import normalise_rows
from checkup2action.report.models import Patient
from checkup2action.tables.prose import heading_before, prose_rows, running_text
from checkup2action.tables.roles import Role

#: Points a character of the test lines is wide.
CHAR = 5.0


def prose_line(text: str, top: float) -> TextLine:
    """One printed line of running text, as OCR gives it: one word, 5 pt a character."""
    return TextLine([Word(text, 50.0, top, 50.0 + CHAR * len(text), top + 10, 1, confidence=0.9)])


def page_of(*texts: str) -> list[TextLine]:
    """Lines one under another."""
    return [prose_line(text, 100.0 + 14 * i) for i, text in enumerate(texts)]


DISCHARGE = page_of(
    "入院时病情：体温39℃，门诊查血常规:WBC16.6 *10^9/L， N 24.1%，HB 115g/L， CRP 1.0 mg",
    "/L。脑脊液常规：脑脊液白细胞1330*10^6/L，单核细胞70.1%，多核细胞2",
    "9.9%。入院查体：体温38.7℃，脉搏120次/分，体重10Kg。2018-08-05颅脑核磁:脑外间隙增宽。",
    "出院带药：甲钴胺片0.25mg/天，维生素B6片10mg/天。",
)


def readings(lines: list[TextLine]) -> list[tuple[str, str, str]]:
    """(name, value, unit) of each row read."""
    return [
        (r.text(Role.NAME), r.text(Role.VALUE), r.text(Role.UNIT)) for r in prose_rows(lines, 1)
    ]


def test_values_in_sentences_are_read_where_the_name_and_unit_fit() -> None:
    assert readings(DISCHARGE) == [
        ("WBC", "16.6", "*10^9/L"),
        ("HB", "115", "g/L"),
        ("CRP", "1.0", "mg/L"),  # the unit runs onto the next line
        ("脑脊液白细胞", "1330", "*10^6/L"),  # the specimen stays with its test
        ("单核细胞", "70.1", "%"),
    ]  # no temperature, pulse, weight, date or drug dose; N and 多核细胞 are no catalogue names


def test_wrapped_numbers_and_units_join_without_a_space() -> None:
    text, where = running_text(DISCHARGE)
    assert "CRP 1.0 mg/L。" in text and "多核细胞29.9%" in text
    assert len(text) == len(where)


def test_a_value_in_brackets_takes_the_name_before_them() -> None:
    lines = page_of("复查：血红蛋白(110g/L)；血小板（201*10^9/L）")
    assert readings(lines) == [("血红蛋白", "110", "g/L"), ("血小板", "201", "*10^9/L")]


def test_english_running_text() -> None:
    lines = page_of("Her haemoglobin was 13.2 g/dL and platelets 250 x10^9/L on admission.")
    assert readings(lines) == [("haemoglobin", "13.2", "g/dL"), ("platelets", "250", "x10^9/L")]


def test_each_part_is_boxed_on_its_printed_line() -> None:
    (wbc, *_) = prose_rows(DISCHARGE, 1)
    line = DISCHARGE[0].words[0]
    value = wbc.cells[Role.VALUE][0]
    start = line.text.index("16.6")
    assert value.x0 == 50.0 + CHAR * start and value.x1 == 50.0 + CHAR * (start + 4)
    assert (value.top, value.bottom) == (line.top, line.bottom)
    crp = prose_rows(DISCHARGE, 1)[2]
    unit = crp.cells[Role.UNIT][0]
    assert unit.top == DISCHARGE[0].top and unit.bottom == DISCHARGE[1].bottom  # over two lines


def test_a_heading_before_a_colon_is_the_rows_panel() -> None:
    text, _ = running_text(DISCHARGE)
    assert heading_before(text, text.index("单核细胞")) == "脑脊液常规"
    assert heading_before(text, text.index("WBC")) == "门诊查血常规"
    rows = prose_rows(DISCHARGE, 1)
    assert rows[4].panel == "脑脊液常规"


def test_a_body_fluids_count_is_not_the_blood_count() -> None:
    catalogue = load_catalogue()
    assert catalogue.match("白细胞").code == "WBC"
    assert catalogue.match("脑脊液白细胞") is None
    assert catalogue.match("白细胞", panel="脑脊液常规") is None
    assert catalogue.match("LDH", panel="CSF chemistry") is None
    assert catalogue.match_ocr("体液白细胞") is None
    assert catalogue.match("IgG", panel="体液免疫").code == "IGG"  # humoral immunity: blood
    assert uncovered_specimen("Pleural fluid LDH") and not uncovered_specimen("LDH")


def test_the_few_csf_tests_the_catalogue_knows_match_only_by_their_whole_names() -> None:
    catalogue = load_catalogue()
    assert catalogue.match("脑脊液蛋白定量").loinc == "2880-3"
    assert catalogue.match("Glucose, CSF").code == "CSF_GLU"
    assert catalogue.match("Glucose", panel="CSF chemistry").code == "CSF_GLU"
    assert catalogue.match("蛋白定量", panel="脑脊液生化").code == "CSF_PRO"
    assert catalogue.match("蛋白定量", panel="胸水生化") is None  # a pleural fluid's is no CSF's
    assert catalogue.match("脑脊液蛋白定量", panel="胸水生化") is not None
    assert catalogue.match("脑脊液氯化物").loinc == "2070-1"
    assert catalogue.match("脑脊液乳酸脱氢酶") is None  # not the blood's LDH
    assert catalogue.match("CSF albumin") is None


def test_rows_under_a_body_fluid_heading_get_no_blood_analyte() -> None:
    rows = prose_rows(DISCHARGE, 1)
    results = normalise_rows(rows, Patient(), load_catalogue()).results
    by_name = {r.name_raw: r for r in results}
    assert by_name["WBC"].analyte is not None and by_name["WBC"].analyte.code == "WBC"
    fluid = [by_name["脑脊液白细胞"], by_name["单核细胞"]]
    assert all(r.analyte is None and r.flag is None for r in fluid)
