"""Rows weighed by content: analyte, value, unit fit, range agreement, plausibility."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from checkup2action.tables.scoring import bad_name, is_result, score_cells, ucum_of
from checkup2action.tables.settings import DEFAULT_SETTINGS, RowWeights, TableSettings


def test_a_full_result_outscores_a_partial_one() -> None:
    full = score_cells("Hemoglobin", "13.5", "g/dL", "12.0-16.0")
    bare = score_cells("Hemoglobin", "13.5")
    assert full.analyte is not None and full.analyte.code == "HGB"
    assert full.total > bare.total and is_result(full)


def test_unknown_name_needs_unit_or_range() -> None:
    assert not is_result(score_cells("Wibble", "4.2"))
    assert is_result(score_cells("Wibble", "4.2", "mmol/L", "3.0-5.0"))


def test_a_value_far_outside_its_range_is_another_column() -> None:
    near = score_cells("Glucose", "5.6", "mmol/L", "3.9-6.1")
    far = score_cells("Glucose", "2024", "mmol/L", "3.9-6.1")
    assert near.total - far.total >= 2.0


def test_implausible_value_loses_points() -> None:
    ok = score_cells("Potassium", "4.1", "mmol/L")
    wild = score_cells("Potassium", "410", "mmol/L")
    assert ok.total > wild.total and any(e.startswith("plausible-") for e in wild.evidence)


@pytest.mark.parametrize(
    "name",
    [
        "Name:", "Age", "2024-03-05", "Very High", "Extreme (A)", "结果", "姓名",
        "Sob a responsabilidade do Dr. Ricardo Moraes CRM", "Dra. Marilene Santos",
        "Liberado por Paula Tanaka CRBM-SP",
    ],
)  # fmt: skip
def test_bad_names(name: str) -> None:
    assert bad_name(name)


@pytest.mark.parametrize("name", ["Drug screen", "Vitamin D3", "MCHC", "Ms Hemoglobin A2"])
def test_test_names_with_title_like_letters_are_kept(name: str) -> None:
    assert not bad_name(name)


def test_a_method_in_brackets_alone_is_no_name_but_a_known_test_in_brackets_is() -> None:
    assert bad_name("(Oxidation)") and bad_name("(IFCC-AMP)") and bad_name("（速率法）")
    assert bad_name("(CKD")  # a method wrapped onto the next line
    assert not bad_name("(SGPT)") and not bad_name("Bilirubin Total (Oxidation)")


def test_a_test_name_printed_with_a_colon_is_no_label() -> None:
    assert not bad_name("Mean Corpuscular Hb Conc (M.C.H.C.):")
    assert not bad_name("{#} IMMATURE PLATELET FRACTION:")
    assert bad_name("Sample Id:") and bad_name("Referring Doctor :") and bad_name("Lap:")
    assert not bad_name("HCT :") and bad_name("HCT:")  # a colon set apart: a column of colons


def test_a_test_name_after_a_section_word_and_a_colon_is_no_label() -> None:
    assert not bad_name("镜检：红细胞(RBC)") and not bad_name("镜检:透明管型")
    assert bad_name("Sample: Serum") and bad_name("临床诊断：贫血")


def test_dates_and_text_are_no_values() -> None:
    assert not is_result(score_cells("Glucose", "2024-03-05", "mmol/L"))
    assert not is_result(score_cells("Glucose", "see note"))


def test_settings_are_validated() -> None:
    with pytest.raises(ValidationError):
        TableSettings(prefer_header_margin=0.5)
    with pytest.raises(ValidationError):
        RowWeights(bad_value=1.0)
    assert DEFAULT_SETTINGS.min_row_score < DEFAULT_SETTINGS.min_row_score_unknown_name


def test_a_titer_is_a_known_result_form() -> None:
    titer = score_cells("滴度1", "1:1280", "", "阴性", "+")
    free = score_cells("滴度1", "核颗粒", "", "阴性", "+")
    assert titer.total > free.total and is_result(titer)


def test_a_word_result_that_suits_its_analyte_outscores_one_that_does_not() -> None:
    """黄色 is what a colour test gives, ``++`` is not; a presence test gives ``++``, not 黄色:
    a value paired with the neighbouring row's name scores lower (a drifting stool slip)."""
    assert score_cells("颜色", "黄色").total > score_cells("颜色", "++").total
    assert score_cells("粪便粘液", "++").total > score_cells("粪便粘液", "黄色").total
    assert score_cells("粪便性状", "粘液便").total > score_cells("粪便性状", "阴性").total
    fits = score_cells("Urine colour", "Amarelo citrino")
    assert "fits+0.5" in fits.evidence


def test_a_stage_code_is_the_result_of_a_staging_test_only() -> None:
    assert is_result(score_cells("GFR Category", "G1"))
    assert not is_result(score_cells("Glucose", "G1"))  # a measured test's result is a number


def test_a_unit_ocr_slipped_the_one_way_no_other_unit_reads_counts_without_an_analyte() -> None:
    """``KUL`` (kU/L with its slash lost) beside a test the catalogue does not know is a unit;
    a slip that needs the analyte to tell it (``U/``) is not."""
    assert ucum_of("KUL", None) == "kU/L"
    assert ucum_of("mmol/I", None) == "mmol/L"
    assert ucum_of("U/", None) is None
    # beside an unknown name such a slip is no evidence either way: it neither costs the row
    # as a bad unit would nor lifts it over a reading that knows the name
    bare = score_cells("Allergen panel F2", "0.35").total
    assert score_cells("Allergen panel F2", "0.35", "KUL").total == bare
    assert score_cells("Allergen panel F2", "0.35", "kU/L").total > bare
    assert score_cells("Allergen panel F2", "0.35", "Kxq").total < bare


def test_a_urine_strip_name_with_a_colon_is_a_test_not_a_label() -> None:
    # ``Proteínas :`` on a urinalysis (made up): the row has no panel yet when it is weighed
    assert not bad_name("Proteinas :")
    assert score_cells("Proteinas :", "Negativo").analyte is not None
    assert bad_name("Sample Id:")


def test_a_risk_beside_its_cut_off_reads_as_a_result() -> None:
    """A screen's ``1/640`` beside the cut-off ``1/270`` it is judged by: a result with no unit."""
    risk = score_cells("Hội chứng Patau", "1/640", "", "1/270")
    assert "cut-off+2.0" in risk.evidence and is_result(risk)
    assert not is_result(score_cells("Hội chứng Patau", "4.2", "", "1/270"))


def test_an_arrow_read_before_the_range_leaves_the_range_its_points() -> None:
    """``个 2.00--7.00``: the up arrow OCR read as 个 is the flag's, the range still reads."""
    marked = score_cells("中性粒细胞计数", "8.31", "", "个 2.00--7.00")
    plain = score_cells("中性粒细胞计数", "8.31", "", "2.00--7.00")
    assert marked.evidence == plain.evidence and "range+1.5" in marked.evidence


def test_a_header_word_names_a_measured_row_but_not_a_repeated_header() -> None:
    """``TEST`` and ``CONTROL`` under a prothrombin time heading are results; a header line
    printed again (``Test  Result  Range``) has no number in its value cell."""
    measured = score_cells("TEST", "31.00", "Seconds", "9.5 - 13.8")
    assert is_result(measured, DEFAULT_SETTINGS)
    assert bad_name("TEST") and not bad_name("TEST", header_words=False)
    assert not is_result(score_cells("Test", "Result", "", "Reference"), DEFAULT_SETTINGS)


def test_a_name_ocr_misread_by_a_character_still_names_its_analyte() -> None:
    slip = score_cells("제질량지수(kg/m²)", "22.3", "", "", "")  # 체질량지수 (BMI), one letter off
    assert slip.analyte is not None and slip.analyte.code == "BMI"
    assert "name-slip+2.0" in slip.evidence and is_result(slip)
    short = score_cells("乳房", "5.0", "", "", "")  # two characters: another word, not 乳酸
    assert short.analyte is None and not is_result(short)


def test_another_tests_name_with_its_translation_is_no_value() -> None:
    """The next card's name taken for a word result (``Alk. Phos(알칼리인산분해효소)`` beside a
    urine test whose results are words) scores as no value; a result glossed is still one."""
    assert not is_result(score_cells("Urine nitrite", "Alk. Phos(알칼리인산분해효소)"))
    assert is_result(score_cells("Urine nitrite", "Negative(음성)"))
