"""Tests of the analyte catalogue: data integrity, name matching, validation errors."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from checkup2action.errors import CatalogueError
from checkup2action.grammar.analyte import CATEGORIES
from checkup2action.grammar.catalogue import (
    DEFAULT_PATH,
    Analyte,
    Catalogue,
    load_catalogue,
    normalise_key,
)
from checkup2action.report.models import AnalyteRef

# docs/CONTRACTS.md, "Canonical UCUM codes used across the project" (right-hand sides of "->").
CONTRACT_UNITS = {
    "10*9/L", "10*12/L", "10*3/uL", "10*6/uL", "/uL", "/[HPF]", "/[LPF]",
    "g/L", "g/dL", "mg/dL", "mg/L", "ug/L", "ug/dL", "ng/mL", "ng/dL", "ng/L", "pg/mL",
    "mmol/L", "umol/L", "nmol/L", "pmol/L", "mmol/mol",
    "U/L", "U/mL", "kU/L", "[IU]/L", "[IU]/mL", "m[IU]/L", "m[IU]/mL", "u[IU]/mL",
    "%", "fL", "pg", "mm/h", "s", "{ratio}", "mL/min/{1.73_m2}", "[pH]", "1", "mg/g",
    "mg/(24.h)", "g/(24.h)", "mm[Hg]", "kg/m2", "{titer}", "{index}", "{COI}", "{s_co_ratio}",
    "mosm/kg", "mS/cm", "cm", "kg", "mL/min",
}  # fmt: skip


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    """The bundled catalogue."""
    return load_catalogue()


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    """The bundled YAML, parsed independently of the loader."""
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def luhn_check_digit(number: str) -> int:
    """LOINC's mod-10 check digit, written out the way the LOINC manual describes it."""
    digits = number[::-1]
    odd = "".join(digits[0::2])[::-1]  # positions 1, 3, 5... from the right
    even = "".join(digits[1::2])[::-1]
    total = sum(int(d) for d in even + str(int(odd) * 2))
    return (10 - total % 10) % 10


def all_names(entry: dict) -> list[str]:
    """Every name a YAML entry is indexed under."""
    head = [entry["code"], entry["name_en"], entry["name_zh"], entry["name_zh_hant"]]
    return head + entry["abbreviations"] + entry["aliases"]


# ---------------------------------------------------------------- data integrity


def test_catalogue_is_large_enough(cat: Catalogue) -> None:
    assert len(cat) >= 230
    assert len(list(cat)) == len(cat)


def test_yaml_entries_have_exactly_the_contract_keys(raw: list[dict]) -> None:
    keys = {
        "code", "loinc", "name_en", "name_zh", "name_zh_hant", "abbreviations", "aliases",
        "category", "kind", "unit", "alt_units", "molar_mass", "ref_low", "ref_high",
        "plausible_low", "plausible_high",
    }  # fmt: skip
    for entry in raw:
        optional = {"valence", "loinc_by_kind", "ratio_of"}
        assert keys <= set(entry) <= keys | optional, entry["code"]


def test_ions_carry_their_valence(raw: list[dict]) -> None:
    valences = {entry["code"]: entry["valence"] for entry in raw if "valence" in entry}
    assert valences == {
        "NA": 1, "K": 1, "CL": 1, "CO2": 1, "HCO3": 1, "CA": 2, "MG": 2, "CSF_CL": 1,
    }  # fmt: skip


def test_codes_are_unique_and_well_formed(raw: list[dict]) -> None:
    codes = Counter(e["code"] for e in raw)
    assert [c for c, n in codes.items() if n > 1] == []
    assert all(c.replace("_", "").isalnum() and c == c.upper() for c in codes)


def test_no_alias_names_two_analytes(raw: list[dict]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in raw:
        for name in all_names(entry):
            key = normalise_key(name)
            assert key, (entry["code"], name)
            if owner.setdefault(key, entry["code"]) != entry["code"]:
                clashes.append((name, owner[key], entry["code"]))
    assert clashes == []


def test_loinc_codes_are_well_formed_with_valid_check_digit(raw: list[dict]) -> None:
    bad = []
    for entry in raw:
        loinc = entry["loinc"]
        if loinc is None:
            continue
        m = re.fullmatch(r"(\d{1,6})-(\d)", str(loinc))
        if m is None or luhn_check_digit(m[1]) != int(m[2]):
            bad.append((entry["code"], loinc))
    assert bad == []
    assert sum(e["loinc"] is not None for e in raw) >= 180


@pytest.mark.parametrize(
    ("code", "loinc"),
    [("WBC", "6690-2"), ("RBC", "789-8"), ("HGB", "718-7"), ("HCT", "4544-3"), ("PLT", "777-3"),
     ("MCV", "787-2"), ("ALT", "1742-6"), ("AST", "1920-8"), ("CREA", "2160-0"),
     ("GLU", "2345-7"), ("HBA1C", "4548-4"), ("TC", "2093-3"), ("TG", "2571-8"),
     ("HDL_C", "2085-9"), ("LDL_C_CALC", "13457-7"), ("LDL_C", "18262-6"), ("TSH", "3016-3"),
     ("FT4", "3024-7"), ("NA", "2951-2"), ("K", "2823-3")],
)  # fmt: skip
def test_known_loinc_codes(cat: Catalogue, code: str, loinc: str) -> None:
    assert cat.by_code(code).loinc == loinc


def test_every_category_is_well_represented(cat: Catalogue) -> None:
    counts = Counter(a.category for a in cat)
    assert set(counts) == set(CATEGORIES)
    assert {c: n for c, n in counts.items() if n < 5} == {}


def test_units_follow_the_contract(cat: Catalogue) -> None:
    for a in cat:
        if a.kind == "quantitative":
            assert a.unit in CONTRACT_UNITS, (a.code, a.unit)
        else:
            assert a.unit is None or a.unit in CONTRACT_UNITS, (a.code, a.unit)


def test_reference_ranges_sit_inside_plausible_limits(cat: Catalogue) -> None:
    for a in cat:
        chain = [a.plausible_low, a.ref_low, a.ref_high, a.plausible_high]
        present = [v for v in chain if v is not None]
        assert present == sorted(present), a.code
        if a.kind == "qualitative":
            assert a.ref_low is None and a.ref_high is None, a.code


def test_urine_and_stool_analytes_are_prefixed(cat: Catalogue) -> None:
    for a in cat:
        if a.category == "urinalysis":
            assert a.code.startswith("U_"), a.code


@pytest.mark.parametrize(
    ("code", "molar_mass"),
    [("GLU", 180.16), ("CREA", 113.12), ("UREA", 60.06), ("BUN", 28.014), ("TC", 386.65),
     ("TG", 885.7), ("UA", 168.11), ("TBIL", 584.66), ("CA", 40.08)],
)  # fmt: skip
def test_molar_masses(cat: Catalogue, code: str, molar_mass: float) -> None:
    assert cat.by_code(code).molar_mass == pytest.approx(molar_mass)


def test_hba1c_units_are_separate_codes(cat: Catalogue) -> None:
    assert cat.by_code("HBA1C").unit == "%"
    assert cat.by_code("HBA1C_IFCC").unit == "mmol/mol"


def test_analyte_api(cat: Catalogue) -> None:
    wbc = cat.by_code("WBC")
    assert isinstance(wbc, Analyte)
    assert isinstance(wbc.aliases, tuple) and isinstance(wbc.alt_units, tuple)
    assert wbc.ref() == AnalyteRef(
        code="WBC", loinc="6690-2", name_en=wbc.name_en, name_zh="白细胞计数", category="cbc"
    )
    with pytest.raises(KeyError):
        cat.by_code("NOT_AN_ANALYTE")


def test_default_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


# ---------------------------------------------------------------- matching

PRINTED_NAMES = [
    # simplified Chinese
    ("uE3", "UE3"), ("Unconjugated estriol", "UE3"),
    ("白细胞计数", "WBC"), ("血红蛋白", "HGB"), ("红细胞压积", "HCT"), ("血小板计数", "PLT"),
    ("中性粒细胞百分比", "NEUT_PCT"), ("中性粒细胞绝对值", "NEUT_ABS"), ("谷丙转氨酶", "ALT"),
    ("γ-谷氨酰转移酶", "GGT"), ("总胆红素", "TBIL"), ("肌酐", "CREA"), ("尿素氮", "BUN"),
    ("尿酸", "UA"), ("甘油三酯", "TG"), ("低密度脂蛋白胆固醇", "LDL_C"), ("空腹血糖", "FPG"),
    ("糖化血红蛋白", "HBA1C"), ("促甲状腺激素", "TSH"), ("癌胚抗原", "CEA"), ("甲胎蛋白", "AFP"),
    ("乙肝表面抗原", "HBSAG"), ("超敏C反应蛋白", "HSCRP"), ("同型半胱氨酸", "HCY"),
    ("25-羟基维生素D", "VITD25"), ("β2-微球蛋白", "B2MG"), ("C13呼气试验", "HP_UBT"),
    ("大便潜血", "ST_OB"), ("收缩压", "SBP"),
    # traditional Chinese (Taiwan / Hong Kong)
    ("白血球數目", "WBC"), ("紅血球", "RBC"), ("血色素", "HGB"), ("血球容積比", "HCT"),
    ("總膽固醇", "TC"), ("三酸甘油酯", "TG"), ("飯前血糖", "FPG"), ("糖化血色素", "HBA1C"),
    ("肌酸酐", "CREA"), ("B型肝炎表面抗原", "HBSAG"), ("甲型胎兒蛋白", "AFP"),
    ("攝護腺特異抗原", "TPSA"), ("白細胞計數", "WBC"), ("嗜中性球百分比", "NEUT_PCT"),
    # English, British and US spellings, abbreviations
    ("Hb", "HGB"), ("Haemoglobin", "HGB"), ("Haematocrit", "HCT"), ("Leucocytes", "WBC"),
    ("Total Leucocyte Count", "WBC"), ("Serum Creatinine", "CREA"), ("Oestradiol", "E2"),
    ("Glycated haemoglobin (HbA1c)", "HBA1C"), ("HbA1c (IFCC)", "HBA1C_IFCC"),
    ("HB AIC", "HBA1C"), ("HbAlc", "HBA1C"),  # the 1 read as I or l
    ("Glucose, Fasting", "FPG"), ("Cholesterol, Total", "TC"), ("HDL Cholesterol", "HDL_C"),
    ("LDL-C (calc)", "LDL_C_CALC"), ("Lp(a)", "LPA"), ("25-OH Vitamin D", "VITD25"),
    ("Vitamin D, 25-Hydroxy", "VITD25"), ("Alkaline Phosphatase, S", "ALP"),
    ("Protein, Total, Serum", "TP"), ("AST (SGOT)", "AST"), ("GPT", "ALT"), ("Gamma GT", "GGT"),
    ("Ionised calcium", "CA_ION"), ("eGFR (CKD-EPI)", "EGFR"), ("NT-proBNP", "NTPROBNP"),
    ("CA 19-9", "CA199"), ("CYFRA 21-1", "CYFRA211"), ("Anti-HBs", "ANTI_HBS"),
    ("D-Dimer", "DDIMER"), ("Specific Gravity", "U_SG"), ("Leukocyte esterase", "U_LEU"),
    ("Urine Protein", "U_PRO"), ("Immature Grans (Abs)", "IG_ABS"),
    # punctuation and spacing variants
    ("HDL-C", "HDL_C"), ("HDL C", "HDL_C"), ("HDLC", "HDL_C"), ("hs-CRP", "HSCRP"),
    ("hsCRP", "HSCRP"), ("ＷＢＣ", "WBC"), ("NEUT%", "NEUT_PCT"), ("NEUT#", "NEUT_ABS"),
    ("A/G", "AG_RATIO"), ("AG", "AG"),
    # bilingual
    ("白血球數目WBC", "WBC"), ("WBC白细胞", "WBC"), ("ALT(谷丙转氨酶)", "ALT"),
    ("谷丙转氨酶(ALT)", "ALT"), ("ＡＬＴ（谷丙转氨酶）", "ALT"), ("Hemoglobin (Hb)", "HGB"),
    ("血红蛋白 Hemoglobin", "HGB"), ("总胆固醇 TC", "TC"), ("尿素氮 BUN", "BUN"),
    ("GOT (AST)", "AST"), ("血红蛋白(HGB)", "HGB"), ("中性粒细胞绝对值(NEUT#)", "NEUT_ABS"),
    ("NEUT%(中性粒细胞百分比)", "NEUT_PCT"), ("淋巴细胞百分比(LYMPH%)", "LYMPH_PCT"),
    ("超敏C反应蛋白(hs-CRP)", "HSCRP"), ("高密度脂蛋白膽固醇 HDL-C", "HDL_C"),
    ("天门冬氨酸氨基转移酶(AST)", "AST"), ("WBC\n白细胞", "WBC"),
    # row numbers, site codes, decoration
    ("WBC 02", "WBC"), ("HDL-C A, 01", "HDL_C"), ("GLU *", "GLU"), ("1. 血红蛋白", "HGB"),
    ("①红细胞计数", "RBC"), ("(3) 血小板", "PLT"), ("01 WBC", "WBC"), ("12、总蛋白", "TP"),
    ("PLT 02", "PLT"), ("CEA 02", "CEA"), ("*总胆固醇", "TC"), ("▲甘油三酯", "TG"),
    ("低密度脂蛋白胆固醇↑", "LDL_C"), ("WBC (10^9/L)", "WBC"), ("1.25(OH)2D", "VITD125"),
    ("Hemoglobin (Hb) Method: Photometric (SLS)", "HGB"), ("血红蛋白 方法：比色法", "HGB"),
    # names seen in the sample generator's vocabulary
    ("白细胞数目", "WBC"), ("嗜碱细胞比率", "BASO_PCT"), ("卵巢癌指數CA-125", "CA125"),
    ("胰臟癌指數CA19-9", "CA199"), ("T4, Free (Direct)", "FT4"), ("Total RBC Count", "RBC"),
    ("C-Reactive Protein, Quant 02", "CRP"), ("Erythrocyte distribution width", "RDW_CV"),
]  # fmt: skip


def test_enough_printed_names_are_covered() -> None:
    assert len(PRINTED_NAMES) >= 60


@pytest.mark.parametrize(("name", "code"), PRINTED_NAMES)
def test_printed_names_match(cat: Catalogue, name: str, code: str) -> None:
    hit = cat.match(name)
    assert hit is not None and hit.code == code, (name, hit and hit.code)


@pytest.mark.parametrize(
    "name",
    ["Moderate", "Interpretation", "Remarks", "Desirable", "参考范围", "结果", "Page 1 of 2",
     "", "   ", "Total", "Urine", "%", "Protein", "Bilirubin", "潜血", "Glucose (2h random)",
     "维生素K2", "Negative", "阴性", "Reference range", "检验者", "Unknown test (XYZ)",
     "AFP MoM", "uE3 MoM"],
)  # fmt: skip
def test_non_analyte_text_does_not_match(cat: Catalogue, name: str) -> None:
    assert cat.match(name) is None


def test_single_letter_parts_need_corroboration(cat: Catalogue) -> None:
    for name in ("K", "钾 K", "K(钾)"):
        hit = cat.match(name)
        assert hit is not None and hit.code == "K", name
    assert cat.match("未知K") is None
    assert cat.match("维生素P") is None


@pytest.mark.parametrize(
    ("name", "panel", "code"),
    [("白细胞", "尿常规", "U_WBC"), ("白细胞", "血常规", "WBC"), ("白细胞", None, "WBC"),
     ("红细胞", "尿液分析", "U_RBC"), ("葡萄糖", "尿常规", "U_GLU"), ("葡萄糖", "生化", "GLU"),
     ("蛋白质", "尿常规", "U_PRO"), ("Glucose", "Urinalysis", "U_GLU"), ("Glucose", None, "GLU"),
     ("Protein", "Routine urine examination", "U_PRO"), ("WBC", "UA", "U_WBC"),
     ("隐血", "尿常规", "U_BLD"), ("潜血", "便常规", "ST_OB"), ("颜色", "大便常规", "ST_COLOR"),
     ("颜色", "尿常规", "U_COLOR"), ("ALB", "尿微量白蛋白", "U_ALB"), ("ALB", "肝功能", "ALB"),
     ("Creatinine", "Urine chemistry", "U_CREA"), ("尿酸", "尿常规", "UA"),
     ("尿素", "肾功能(尿素、肌酐、尿酸)", "UREA"), ("Glucose (urine)", None, "U_GLU"),
     ("尿GLU", None, "U_GLU"), ("潛血 OB", "尿液檢查", "U_BLD"), ("ERY", "Urinalysis", "U_BLD"),
     ("Occult Blood 02", "Urinalysis", "U_BLD"), ("Occult Blood", "Stool examination", "ST_OB")],
)  # fmt: skip
def test_panel_tie_break(cat: Catalogue, name: str, panel: str | None, code: str) -> None:
    hit = cat.match(name, panel=panel)
    assert hit is not None and hit.code == code, (name, panel, hit and hit.code)


@pytest.mark.parametrize(
    ("name", "unit", "code"),
    [("NEUT", "%", "NEUT_PCT"), ("NEUT", "10^9/L", "NEUT_ABS"), ("NEUT", "×10⁹/L", "NEUT_ABS"),
     ("中性粒细胞", "%", "NEUT_PCT"), ("中性粒细胞", "10*9/L", "NEUT_ABS"),
     ("Lymphocytes", "%", "LYMPH_PCT"), ("淋巴球", "%", "LYMPH_PCT"), ("RET", "%", "RET_PCT"),
     ("HbA1c", "%", "HBA1C"), ("HbA1c", "mmol/mol", "HBA1C_IFCC"),
     ("糖化血红蛋白", "mmol/mol", "HBA1C_IFCC"), ("HBsAg", "IU/mL", "HBSAG_QUANT"),
     ("HBsAg", "COI", "HBSAG"), ("CK-MB", "ng/mL", "CKMB_MASS"), ("CK-MB", "U/L", "CKMB"),
     ("NEUT%", "10^9/L", "NEUT_PCT"), ("中性粒细胞百分比", "10^9/L", "NEUT_PCT"),
     ("Neutrophils (%)", None, "NEUT_PCT"), ("Glucose", "mg/dL", "GLU"),
     ("Hep B Surface Ag", "[IU]/mL", "HBSAG_QUANT"), ("GRAN%", "%", "NEUT_PCT")],
)  # fmt: skip
def test_unit_tie_break(cat: Catalogue, name: str, unit: str | None, code: str) -> None:
    hit = cat.match(name, unit=unit)
    assert hit is not None and hit.code == code, (name, unit, hit and hit.code)


# Chinese names holding Latin letters or digits, glued or spaced abbreviations, full-width
# brackets; panels and units as the Taiwanese booklet prints them.
GLUED_NAMES = [
    ("γ-麩胺醯轉移酶GGT", "肝膽功能檢查 Liver Function", "[IU]/L", "GGT"),
    ("γ-麩胺醯轉移酶 GGT", "肝功能檢查 Liver Function", "U/L", "GGT"),
    ("B型肝炎核心抗體Anti-HBc", "B型肝炎檢查 Hepatitis B", None, "ANTI_HBC"),
    ("B型肝炎核心抗體 Anti-HBc", "肝炎檢查 Hepatitis B", None, "ANTI_HBC"),
    ("B型肝炎e抗原HBeAg", "B型肝炎檢查 Hepatitis B", None, "HBEAG"),
    ("B型肝炎e抗原 HBeAg", "肝炎檢查 Hepatitis B", None, "HBEAG"),
    ("B型肝炎表面抗體Anti-HBs", "B型肝炎檢查 Hepatitis B", "mIU/mL", "ANTI_HBS"),
    ("B型肝炎表面抗體 Anti-HBs", "肝炎檢查 Hepatitis B", None, "ANTI_HBS"),
    ("B型肝炎e抗體Anti-HBe", "B型肝炎檢查 Hepatitis B", None, "ANTI_HBE"),
    ("B型肝炎e抗體 Anti-HBe", "肝炎檢查 Hepatitis B", None, "ANTI_HBE"),
    ("B型肝炎表面抗原HBsAg", "B型肝炎檢查 Hepatitis B", "IU/mL", "HBSAG_QUANT"),
    ("B型肝炎表面抗原 HBsAg", "肝炎檢查 Hepatitis B", "[IU]/mL", "HBSAG_QUANT"),
    ("B型肝炎表面抗原 HBsAg", "B型肝炎檢查 Hepatitis B", None, "HBSAG"),
    ("B型肝炎表面抗原HBsAg", None, "COI", "HBSAG"),
    ("癌抗原19-9CA199", "腫瘤指標 Tumor Markers", "U/mL", "CA199"),
    ("胰臟癌指數CA19-9CA199", "癌症篩檢 Tumor Markers", "U/mL", "CA199"),
    ("胰臟癌指數CA19-9 CA199", "癌症篩檢 Tumor Markers", "U/mL", "CA199"),
    ("癌抗原125CA125", "腫瘤指標 Tumor Markers", "U/mL", "CA125"),
    ("血糖GLU", "糖尿病篩檢 Diabetes", "mg/dL", "GLU"),
    ("血糖（GLU）", "糖尿病篩檢 Diabetes", "mg/dL", "GLU"),
    ("血糖（GLU）", None, None, "GLU"),
    ("葡萄糖（GLU）", "糖尿病篩檢 Diabetes", "mg/dL", "GLU"),
    ("葡萄糖（GLU）", "血糖 Glucose", "mg/dL", "GLU"),
    ("葡萄糖（GLU）", "生化", None, "GLU"),
    ("葡萄糖（GLU）", None, None, "GLU"),
    ("葡萄糖（GLU）", "尿液檢查", None, "U_GLU"),
    ("尿葡萄糖（GLU）", None, None, "U_GLU"),
    # the general rule on other names
    ("C型肝炎抗體Anti-HCV", None, None, "ANTI_HCV"),
    ("總膽固醇T-CHO", None, None, "TC"),
    ("三酸甘油酯TG", None, None, "TG"),
    ("中性粒细胞NEUT#", None, None, "NEUT_ABS"),
    # a distribution width's generic name beside its explicit kind, or the kind by its unit
    ("红细胞分布宽度 RDW-SD", None, None, "RDW_SD"),
    ("RDW-SD 红细胞分布宽度", None, None, "RDW_SD"),
    ("红细胞分布宽度(fl)", None, None, "RDW_SD"),
    ("红细胞分布宽度", None, "fL", "RDW_SD"),
    ("红细胞分布宽度", None, "%", "RDW_CV"),
    ("RDW-CV", None, "fL", "RDW_CV"),
    # a count written long
    ("嗜碱性粒细胞数目", None, None, "BASO_ABS"),
    ("嗜酸性粒细胞数量", None, None, "EOS_ABS"),
    ("糖化血色素（HbA1c）", "糖尿病篩檢 Diabetes", "%", "HBA1C"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "panel", "unit", "code"), GLUED_NAMES)
def test_glued_and_mixed_script_names(
    cat: Catalogue, name: str, panel: str | None, unit: str | None, code: str
) -> None:
    hit = cat.match(name, panel=panel, unit=unit)
    assert hit is not None and hit.code == code, (name, panel, unit, hit and hit.code)


@pytest.mark.parametrize(
    "name",
    ["未知酶GGT", "B型肝炎XYZ", "維生素K2", "血糖HbA1c", "CA19-9CA125", "白血球數目WBC12",
     "未知19-9CA199", "γ-未知酶 GGT"],
)  # fmt: skip
def test_glued_names_still_refuse_unknown_or_conflicting_parts(cat: Catalogue, name: str) -> None:
    assert cat.match(name) is None


@pytest.mark.parametrize(
    ("name", "panel", "code"),
    [("ERY", "URINE DIPSTICK", "U_BLD"), ("GLU", "URINE DIPSTICK", "U_GLU"),
     ("Protein", "URINE DIPSTICK", "U_PRO"), ("Sugar", "URINE DIPSTICK", "U_GLU"),
     ("ERY", "Urine Routine", "U_BLD"), ("Protein", "Urine Routine", "U_PRO"),
     ("Sugar", "Urine Routine", "U_GLU"), ("Protein", "Urine Examination", "U_PRO"),
     ("Sugar", "URINE ROUTINE EXAMINATION", "U_GLU"), ("GLU", "尿液", "U_GLU"),
     ("Protein", "尿液檢查", "U_PRO"), ("ERY", "尿液常規 Urinalysis", "U_BLD"),
     ("葡萄糖 GLU", "尿液常規 Urinalysis", "U_GLU"), ("尿糖 GLU", "尿液常規 Urinalysis", "U_GLU"),
     ("Blood", "Urine Dipstick", "U_BLD"), ("Occult blood", "URINE DIPSTICK", "U_BLD"),
     ("GLU", "糖尿病篩檢 Diabetes", "GLU"), ("葡萄糖", "糖尿病篩檢", "GLU"),
     ("Glucose", "DIABETES SCREEN", "GLU")],
)  # fmt: skip
def test_urine_panels(cat: Catalogue, name: str, panel: str, code: str) -> None:
    for unit in (None, "mg/dL"):
        hit = cat.match(name, panel=panel, unit=unit)
        assert hit is not None and hit.code == code, (name, panel, unit, hit and hit.code)


@pytest.mark.parametrize(
    ("name", "panel", "code"),
    [("pH", "GASES EN SANGRE VENOSA", "BG_PH"), ("pH", "Blood gas analysis", "BG_PH"),
     ("酸碱度", "血气分析", "BG_PH"), ("pH", "Urinalysis", "U_PH"), ("pH", None, "U_PH"),
     ("pO2", None, "BG_PO2"), ("PaCO2", None, "BG_PCO2"), ("sO2", None, "BG_SO2"),
     ("SpO2", None, "SPO2"), ("Exceso de base", None, "BG_BE"), ("HCO3 st", None, "HCO3")],
)  # fmt: skip
def test_blood_gases(cat: Catalogue, name: str, panel: str | None, code: str) -> None:
    hit = cat.match(name, panel=panel)
    assert hit is not None and hit.code == code, (name, panel, hit and hit.code)


def test_ocrs_zero_for_the_o_of_a_formula_is_no_site_code(cat: Catalogue) -> None:
    """``p02`` is pO2 read with a zero (not phosphate with a glued site code ``02``); a glued
    site code after any other letter is still one (``Sodium01``, ``K02``, ``A1c01``)."""
    assert cat.match("p02") is None and cat.match("s02") is None
    for read, code in [("p02", "BG_PO2"), ("s02", "BG_SO2"), ("pC02", "BG_PCO2"), ("HC03", "HCO3")]:
        hit = cat.match_ocr(read)
        assert hit is not None and hit[0].code == code and hit[1].distance == 1, read
    glued_codes = [
        ("Sodium01", "NA"),
        ("K02", "K"),
        ("WBC02", "WBC"),
        ("Hemoglobin A1c01", "HBA1C"),
    ]
    for glued, code in glued_codes:
        hit = cat.match(glued)
        assert hit is not None and hit.code == code, glued
    assert cat.match_ocr("CD40") is None  # a zero after a digit stays a zero


@pytest.mark.parametrize("name", ["ERY", "Sugar", "Protein", "Blood"])
def test_urine_only_words_need_a_urine_context(cat: Catalogue, name: str) -> None:
    assert cat.match(name) is None
    assert cat.match(name, panel="生化") is None
    assert cat.match(name, panel="糖尿病篩檢 Diabetes") is None


# ---------------------------------------------------------------- validation errors


def _entry(**overrides: object) -> dict:
    """A valid entry, with some fields replaced."""
    entry = {
        "code": "TEST_A", "loinc": "6690-2", "name_en": "Test analyte", "name_zh": "测试",
        "name_zh_hant": "測試", "abbreviations": ["TA"], "aliases": ["Test A"],
        "category": "cbc", "kind": "quantitative", "unit": "g/L", "alt_units": [],
        "molar_mass": None, "ref_low": 1, "ref_high": 2, "plausible_low": 0,
        "plausible_high": 10,
    }  # fmt: skip
    entry.update(overrides)
    return entry


def _write(tmp_path: Path, data: object) -> Path:
    """Dump ``data`` as a YAML catalogue file."""
    path = tmp_path / "analytes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _entry_b(**overrides: object) -> dict:
    """A second valid entry whose names do not clash with ``_entry()``."""
    names = {"name_en": "Other", "name_zh": "乙", "name_zh_hant": "乙", "aliases": ["B test"]}
    return _entry(**{"code": "TEST_B", "abbreviations": ["TB2"], **names, **overrides})


def test_valid_temporary_catalogue_loads(tmp_path: Path) -> None:
    cat = load_catalogue(_write(tmp_path, [_entry(), _entry_b()]))
    assert len(cat) == 2
    hit = cat.match("test-a")
    assert hit is not None and hit.code == "TEST_A"


@pytest.mark.parametrize(
    ("entries", "needle"),
    [
        ([_entry(loinc="6690-3")], "TEST_A"),  # wrong check digit
        ([_entry(loinc="6690")], "TEST_A"),  # malformed
        ([_entry(category="misc")], "TEST_A"),
        ([_entry(kind="semi")], "TEST_A"),
        ([_entry(unit=None)], "TEST_A"),  # quantitative without unit
        ([_entry(ref_low=5, ref_high=2)], "TEST_A"),
        ([_entry(ref_high=20)], "TEST_A"),  # above plausible_high
        ([_entry(molar_mass=-1)], "TEST_A"),
        ([_entry(aliases="Test A")], "TEST_A"),  # not a list
        ([_entry(ref_low="low")], "TEST_A"),
        ([{k: v for k, v in _entry().items() if k != "unit"}], "TEST_A"),  # missing key
        ([_entry(extra=1)], "TEST_A"),  # unknown key
        ([_entry(code="bad code")], "bad code"),
        ([_entry(), _entry()], "TEST_A"),  # duplicate code
        ([_entry(), _entry_b(abbreviations=["T-A"])], "TEST_B"),  # TA == T-A
        ([_entry(), _entry_b(aliases=["test  a"])], "TEST_B"),  # Test A == test  a
        ([_entry(aliases=["***"])], "TEST_A"),  # normalises to nothing
    ],
)
def test_malformed_catalogue_raises(tmp_path: Path, entries: list, needle: str) -> None:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(_write(tmp_path, entries))
    assert needle in str(info.value)


@pytest.mark.parametrize("text", ["- code: [unclosed", "{}", "[]", "just a string"])
def test_malformed_yaml_raises(tmp_path: Path, text: str) -> None:
    path = tmp_path / "analytes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError):
        load_catalogue(path)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError):
        load_catalogue(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("name", "code"),
    [("Zinco Sanguineo", "ZN"), ("Zinco sérico", "ZN"), ("Kupfer im Serum", "CU"),
     ("Dosagem de Vitamina D", "VITD25"), ("Cobre plasmático", "CU")],
)  # fmt: skip
def test_specimen_words_and_determination_of_are_stripped(cat, name, code) -> None:
    assert cat.match(name) is not None and cat.match(name).code == code


def test_a_trailing_s_means_serum_only_after_a_comma(cat) -> None:
    assert cat.match("Sodium, S").code == "NA"
    assert cat.match("Hemoglobin S") is None  # HbS, a haemoglobin variant: not haemoglobin


@pytest.mark.parametrize(
    ("name", "code"),
    [("抗ds-DNA(ELISA法)", "ANTI_DSDNA"), ("抗ds-DNA(短膜虫法)", "ANTI_DSDNA"),
     ("抗双链DNA滴度", "ANTI_DSDNA"), ("抗SSA-Ro52", "ANTI_RO52"), ("抗线粒体-M2型抗体", "AMA_M2"),
     ("抗心磷脂抗体IgM", "ACL_IGM"), ("ALT(速率法)", "ALT"), ("抗双链DNA 滴度(短膜虫)", "ANTI_DSDNA"),
     ("PCV/HCT", "HCT")],
)  # fmt: skip
def test_autoantibodies_and_an_assay_in_brackets(cat, name, code) -> None:
    assert cat.match(name) is not None and cat.match(name).code == code


def test_a_ratio_of_two_analytes_is_no_synonym_pair(cat) -> None:
    assert cat.match("BUN/Cr").code != "BUN"


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("12|直接镜检-红细胞", "U_RBC"),  # a row number before the column rule OCR read as '|'
        ("|14|直接镜检-管型", "U_CAST"),
        ("5|ALT", "ALT"),
    ],
)
def test_row_numbers_cut_off_at_a_column_rule(cat: Catalogue, printed: str, code: str) -> None:
    analyte = cat.match(printed)
    assert analyte is not None and analyte.code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("粪便虫卵", "ST_OVA"),  # specimen word + a stool analyte's own short name
        ("粪便脓球", "ST_WBC"),
        ("尿液酮体", "U_KET"),
        ("Urine glucose", "U_GLU"),
        ("尿酸", "UA"),  # uric acid opens with 尿 but names no urine test
        ("A群轮状病毒抗原测定", "ST_ROTA"),  # 测定 closes the name without changing it
        ("寄生虫卵检查", "ST_OVA"),  # and so does 检查 (examination)
        ("查虫卵", "ST_OVA"),  # a verb of looking for the thing tested before it
        ("找虫卵", "ST_OVA"),
        ("Prothrombin Index", "PTA"),  # patient time as a share of the control's
        ("APTT Patient value", "APTT"),
        ("BTSXB 便吞噬细胞", "ST_MACRO"),  # the lab's item code before the Chinese name
        ("F-XZ 大便性状", "ST_FORM"),
        ("BAS% 嗜碱性粒细胞百分比", "BASO_PCT"),  # an item code marked as a share or a count
        ("MON# 单核细胞计数", "MONO_ABS"),
        ("LY= 淋巴细胞绝对值", "LYMPH_ABS"),
        ("CHr 网织红细胞血红蛋白含量", "CHR"),
        ("镜检：红细胞(RBC)", "U_RBC"),  # a part that names a urine test sets the specimen
        ("红细胞(RBC)", "RBC"),
        ("清晰度", "U_CLARITY"),
        ("浑浊度", "U_CLARITY"),
        ("小圆上皮细胞数量 SRC", "U_SRC"),  # a urine analyser's (Sysmex UF) fields
        ("病理管型 P.CAST", "U_PATH_CAST"),
        ("完整红细胞绝对值", "U_RBC_INTACT_ABS"),
        ("红细胞形态信息", "U_RBC_INFO"),
        ("尿路感染信息", "U_UTI_INFO"),
        ("电导率信息", "U_COND_GRADE"),
        ("电导率", "U_COND"),
        ("GFR Category", "EGFR_CATEGORY"),
        ("CRP(QUALITATIVE)", "CRP"),  # the kind of assay in brackets
        ("HCG (Quantitative)", "HCG"),
        ("eGFR", "EGFR"),
        ("身高", "HEIGHT"),  # a check-up's general examination
        ("体重", "WEIGHT"),
        ("体重指数", "BMI"),
    ],
)
def test_names_with_specimen_words_codes_and_closing_words(
    cat: Catalogue, name: str, code: str
) -> None:
    hit = cat.match(name)
    assert hit is not None and hit.code == code


def test_a_slip_in_a_chinese_name_after_the_lab_s_item_code(cat: Catalogue) -> None:
    hit = cat.match_ocr("FBQT 粪便脉球")  # 脓 read as 脉
    assert hit is not None and hit[0].code == "ST_WBC" and hit[1].name == "粪便脓球"
    assert cat.match_ocr("Abc 粪便脉球") is None  # a lower-case word is no item code


@pytest.mark.parametrize("name", ["XYZ 某某", "Abc 白细胞", "粪便其他"])
def test_unknown_leading_words_still_refuse(cat: Catalogue, name: str) -> None:
    """Only capitals and digits read as an item code, and only before a Chinese name it knows."""
    assert cat.match(name) is None


def test_a_panel_of_another_specimen_keeps_its_context(cat: Catalogue) -> None:
    """'粪便…' under a urine panel is not read as a stool test by the specimen-prefix lookup."""
    hit = cat.match("粪便虫卵", panel="尿常规")
    assert hit is None or hit.code == "ST_OVA"


def test_an_item_code_marked_as_a_share_refuses_a_count_s_name(cat: Catalogue) -> None:
    assert cat.match("BAS% 嗜碱性粒细胞计数") is None
    assert cat.match("MON# 单核细胞百分比") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("嗜酸性粒细胞比", "EOS_PCT"),  # a share written short
        ("中性粒细胞比值", "NEUT_PCT"),
        ("嗜中性粒细胞数", "NEUT_ABS"),  # the neutrophil's longer name
        ("嗜碱性粒细胞百分比", "BASO_PCT"),  # 百分比 is left alone
        ("MCHC Calculated", "MCHC"),  # computed, said without brackets
        ("VLDL Cholesterol,Calculated (Calculated)", "VLDL_C"),
        ("LDL Cholesterol, Calculated", "LDL_C_CALC"),  # a name of its own is matched first
    ],
)
def test_short_shares_and_computed_values_are_read(cat: Catalogue, name: str, code: str) -> None:
    analyte = cat.match(name)
    assert analyte is not None and analyte.code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Charge globulaire TGMH", "MCH"),  # French: the long name beside its abbreviation
        ("Concentration globulaire CGMH", "MCHC"),
        ("Cholesterol TP", "TC"),  # Vietnamese: toàn phần, total
        ("Bilirubin toàn phần", "TBIL"),
        ("Bilirubin liên hợp", "DBIL"),
        ("Bilirubin gián tiếp", "IBIL"),
        ("Axit uric", "UA"),
    ],
)
def test_french_and_vietnamese_names(cat: Catalogue, name: str, code: str) -> None:
    assert (hit := cat.match(name)) is not None and hit.code == code


@pytest.mark.parametrize(
    ("name", "code", "loinc"),
    [
        ("Baciliformes", "BAND_PCT", "26508-2"),  # Spanish (Chile): band neutrophils
        ("Juveniles", "META_PCT", "740-1"),  # Spanish: metamyelocytes
        ("Metamyelozyten", "META_PCT", "740-1"),
        ("中幼粒细胞", "MYELO_PCT", "26498-6"),
        ("Promielocitos", "PROMYELO_PCT", "26524-9"),
        ("Blast cells", "BLAST_PCT", "26446-5"),
        ("原始细胞", "BLAST_PCT", "26446-5"),
    ],
)
def test_immature_granulocytes_of_a_manual_differential(
    cat: Catalogue, name: str, code: str, loinc: str
) -> None:
    hit = cat.match(name, unit="%")
    assert hit is not None and (hit.code, hit.loinc) == (code, loinc)


@pytest.mark.parametrize(
    ("name", "panel", "code"),
    [
        ("Urin Leukozyten", None, "U_WBC"),  # the specimen word before the name ...
        ("Glucosa en orina", None, "U_GLU"),  # ... or after it
        ("Harn Leukozyten", None, "U_WBC"),
        ("Leukozyten", "Harnstatus", "U_WBC"),  # a panel naming urine
        ("Glucosa", "Examen de orina", "U_GLU"),
        ("Harnsäure", None, "UA"),  # uric acid and urea are no urine tests
        ("Harnstoff", None, "UREA"),
        ("Leukozyten", None, "WBC"),
        ("Baktérium-szám", "Vizelet üledék", "U_BACT"),  # a sediment's bacteria count
    ],
)
def test_urine_named_in_other_languages(
    cat: Catalogue, name: str, panel: str | None, code: str
) -> None:
    assert (hit := cat.match(name, panel=panel)) is not None and hit.code == code
