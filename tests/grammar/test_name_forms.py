"""Printed name forms the catalogue reads past: marks, methods, serum prefixes, plurals, signs."""

from __future__ import annotations

import pytest

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.names import leading_method, method_phrase, synonym_forms, trailing_mark


def _code(name: str, panel: str | None = None) -> str | None:
    """The catalogue code a printed name matches under ``panel`` (None: no match)."""
    hit = load_catalogue().match(name, panel=panel)
    return hit.code if hit is not None else None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kreatinin (A)", "CREA"),  # an accreditation mark after the name
        ("Ceruloplasmin, Serun", "CER"),  # the specimen word with OCR's n for its m
        ("Creatinine Plasna", "CREA"),
        ("Vas (Fe) (A)", "FE"),
        ("Limfocita % (A)", "LYMPH_PCT"),
        ("Neutrofil granulocita # (A)", "NEUT_ABS"),
        ("Sodium (N)", "NA"),
    ],
)
def test_a_one_letter_mark_after_a_name_is_read_past(name: str, code: str) -> None:
    assert _code(name) == code


@pytest.mark.parametrize(
    "name",
    [
        "Bilirubin (D)",  # direct or total: the letter may choose the analyte
        "Bilirubin (T)",
        "Glucose (U)",  # urine is another specimen
        "CREATININE, RANDOM URINE",
    ],
)
def test_letters_and_words_that_may_change_the_analyte_are_not_dropped(name: str) -> None:
    assert _code(name) not in {"TBIL", "GLU", "CREA"}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iron (Ferrozine)", "FE"),
        ("Total Iron Binding Capacity (TIBC) (Chromazurol B)", "TIBC"),
        ("Platelet Count (Manual)", "PLT"),
        ("(VCS Technology) Lymphocytes", "LYMPH_ABS"),  # a method before the name
        ("Insulin, LC/MS/MS", "INS"),  # a method after a comma
    ],
)
def test_methods_before_after_or_beside_a_name_are_read_past(name: str, code: str) -> None:
    assert _code(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("S. Creatinine", "CREA"),  # S. for serum
        ("S.Cholesterol", "TC"),
        ("Sr. Creatinine", "CREA"),
        ("LDL Cholestrol", "LDL_C"),  # a common misspelling
        ("%Neut", "NEUT_PCT"),  # the percent sign before the name
        ("MON%", "MONO_PCT"),
        ("Neutrophils Count", "NEUT_ABS"),  # plural words
        ("Eosinophils Absolute Count", "EOS_ABS"),
        ("NEUTROPHILS - ABSOLUTE COUNT", "NEUT_ABS"),
        ("Absolute Eosinophils Count, AEC", "EOS_ABS"),
        ("Platelet Counts", "PLT"),
        ("M.C.H. Concentration", "MCHC"),
        ("Recuento Leucocitos", "WBC"),  # Spanish "count"
        ("Fosfatasas Alcalinas", "ALP"),
        ("Bilirubin ges.", "TBIL"),
    ],
)
def test_other_ways_of_printing_a_name(name: str, code: str) -> None:
    assert _code(name) == code


def test_a_word_ending_in_a_double_s_is_no_plural() -> None:
    assert _code("CLASS") is None
    assert _code("CLAS") is None
    assert "Neutrophil Count" in synonym_forms("Neutrophils Count")


def test_mark_and_method_positions() -> None:
    assert trailing_mark("Kreatinin (A)") == len("Kreatinin")
    assert trailing_mark("Bilirubin (D)") is None
    assert trailing_mark("(A)") is None
    assert leading_method("(VCS Technology) Monocytes") == (
        len("(VCS Technology) "),
        "VCS Technology",
    )
    assert leading_method("(HDL) Cholesterol") is None  # no method in the brackets
    assert leading_method("(Manual)") is None  # nothing after the brackets


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Direct Bilirubin (Conjugated)", "DBIL"),  # the brackets say the same test again
        ("Indirect Bilirubin (Unconjugated)", "IBIL"),
        ("RBCs", "RBC"),  # an abbreviation's plural
        ("% Transferrin Saturation", "TSAT"),
        ("Hématies / mm3", "RBC"),  # a count unit after a slash
        ("Plaquettes /mm3", "PLT"),
        ("大便镜检（白细胞）", "ST_WBC"),  # a method word between the specimen and the test
        ("HBsAg (Australia antigen)", "HBSAG"),
        ("Blood Sugar Fasting", "FPG"),
        ("Chol/HDL Ratio", "TC_HDL"),
    ],
)
def test_more_printed_forms(name: str, code: str) -> None:
    assert _code(name) == code


@pytest.mark.parametrize(
    "name",
    [
        "% Free Testosterone",  # a share of the hormone, not its concentration
        "Total Bilirubin (Direct)",  # brackets naming another test
    ],
)
def test_a_percent_or_a_bracket_that_names_another_measure_refuses(name: str) -> None:
    assert _code(name) is None


def test_a_prothrombin_time_in_percent_is_the_prothrombin_activity() -> None:
    assert _code("Tiempo de protrombina %") == "PTA"  # the activity, not the time in seconds
    assert _code("Tiempo de protrombina seg") == "PT"
    assert load_catalogue().match("Quick", unit="s").code == "PT"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("7嗜碱性粒细胞百分比", "BASO_PCT"),  # a row number OCR glued to a Chinese name
        ("12 中性粒细胞绝对值", "NEUT_ABS"),
        ("25羟维生素D", "VITD25"),  # the 25 is part of the name, not a row number
        ("嗜酸粒细胞绝对值", "EOS_ABS"),  # 嗜酸粒 for 嗜酸性粒
        ("平均红细胞Hb浓度", "MCHC"),  # Hb inside a Chinese name
        ("MCH *平均红细胞血红蛋白", "MCH"),  # MCH's name without 量; MCHC's adds 浓度
        ("幽门螺杆菌C13（需空腹）", "HP_UBT"),  # an instruction to the patient in brackets
        ("HBc-Ak", "ANTI_HBC"),  # the German antibody abbreviation
        ("Ferritin (Chemilumines", "FERR"),  # a bracket the cell cut short
        ("Glükóz - szérum", "GLU"),  # a specimen after a dash
        ("ALT meghatározása", "ALT"),  # "determination of"
        ("HDL CHOLESTEROL (Dosage direct)", "HDL_C"),
        ("Tiempo de protrombina seg", "PT"),  # the unit of a time as the name's last word
    ],
)
def test_more_printed_forms_of_known_names(name: str, code: str) -> None:
    assert _code(name) == code


def test_a_bracket_cut_short_does_not_hide_a_known_qualifier() -> None:
    # the whole name is tried first: a closed qualifier still chooses the analyte
    assert _code("Glucose (fasting)") == _code("Fasting glucose")
    assert _code("Glucose (") == "GLU"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("每高倍视野红细胞数", "U_RBC"),
        ("每低倍视野透明管型数", "U_HYAL_CAST"),
        ("结晶数量", "U_CRYST"),
    ],
)
def test_sediment_counts_per_field_read_under_a_urine_panel(name: str, code: str) -> None:
    assert _code(name, "尿常规") == code


def test_a_count_per_field_without_a_specimen_is_not_a_blood_count() -> None:
    assert _code("每高倍视野红细胞数") is None


def test_time_units_end_only_a_name() -> None:
    assert _code("Hemoglobin S") != "HGB"  # a variant, not a unit
    # a percent of a time is another test: the activity, never the time in seconds
    assert _code("TIEMPO DE PROTROMBINA %") == "PTA"


@pytest.mark.parametrize(
    ("name", "panel", "code"),
    [
        ("紅血球容積比", None, "HCT"),  # Taiwanese names
        ("平均血球容積", None, "MCV"),
        ("血清麩胺酸草醋酸轉胺酶", None, "AST"),
        ("血清麩胺酸丙酮酸轉胺酶", None, "ALT"),
        ("加瑪麩胺酸轉移酶", None, "GGT"),
        ("胎兒蛋白", None, "AFP"),
        ("血液尿素氮", None, "BUN"),
        ("總膽紅質", None, "TBIL"),  # 膽紅質 for 膽紅素
        ("直接膽紅質", None, "DBIL"),
        ("外觀", "尿液檢查", "U_CLARITY"),  # 觀 read as 观
        ("尿沉渣紅血球", None, "U_RBC"),  # urine sediment
        ("尿沈渣紅血球", None, "U_RBC"),  # 沈 for 沉
        ("糞便潛血免疫法", None, "ST_OB"),  # a method glued after the name
        ("尿糖干化学法", None, "U_GLU"),
        ("Segment", None, "SEG_PCT"),
        ("Band", None, "BAND_PCT"),
    ],
)
def test_traditional_chinese_and_taiwanese_forms(name: str, panel: str | None, code: str) -> None:
    assert _code(name, panel) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("Crystal", "U_CRYST"), ("Epithelial cell", "U_EPI"), ("Epith. cell", "U_EPI")],
)
def test_a_singular_reads_a_plural_catalogue_name(name: str, code: str) -> None:
    assert _code(name, "Urinalysis") == code


def test_seconds_are_no_count() -> None:
    # ``seg`` is the Spanish unit of seconds, printed after a name or alone on a line
    assert _code("Tiempo de protrombina seg") == "PT"
    assert _code("TIEMPO DE PROTROMBINA Seg") == "PT"
    assert _code("seg") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Hemoglobin Colorimetric", "HGB"),  # a method in small type beside the name
        ("RBC Count Electrical impedance", "RBC"),
        ("MCV Derived", "MCV"),
        ("LDL Cholesterol Calculated", "LDL_C_CALC"),  # a name of its own is read first
        ("TSH - HORMÔNIO TIREOESTIMULANTE - ULTRA SENSÍVEL", "TSH"),  # ultrasensitive TSH is TSH
        ("PCR ultra sensível", "HSCRP"),  # ultrasensitive CRP is another test
        ("CRP ultrasensitive", "HSCRP"),
        ("Ritmo de Filtração Glomerular (RFG)", "EGFR"),
    ],
)
def test_unbracketed_methods_and_sensitivity_words(name: str, code: str) -> None:
    assert _code(name) == code


def test_a_method_phrase_is_method_words_only() -> None:
    assert method_phrase("Calculated") and method_phrase("Electrical impedance")
    assert not method_phrase("Calculated LDL") and not method_phrase("Flow")
    assert not method_phrase("Platelet Count") and not method_phrase("Method 2")


def test_a_name_read_under_a_urine_or_stool_panel_when_no_panel_is_known() -> None:
    catalogue = load_catalogue()
    assert catalogue.match("Proteinas") is None
    hit = catalogue.match_any_specimen("Proteinas")
    assert hit is not None and hit.code == "U_PRO"
    assert catalogue.match_any_specimen("Glucosa").code == "GLU"  # a blood name comes first


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Plasmócitos....:", "PLASMA_CELL_PCT"),  # a leader of dots and a colon after the name
        ("Linf.atipicos..:", "ATYP_LYMPH_PCT"),  # an abbreviated word, its accent lost
        ("Plasma cells", "PLASMA_CELL_PCT"),
    ],
)
def test_differential_cells_of_a_manual_count(name: str, code: str) -> None:
    assert _code(name) == code
