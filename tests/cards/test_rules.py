"""The rule-based card generator: grouping, clinical weight, priority, department, language."""

import pytest

from checkup2action.cards.knowledge import DATA, KnowledgeError, load_knowledge, parse_knowledge
from checkup2action.cards.rules import generate_cards, report_language, window_text
from checkup2action.cards.safety import card_violations
from checkup2action.datafiles import load_yaml
from tests.cards.reports import finding, report, result, vital


def _cards(*results, **kw):
    return generate_cards(report(results, kw.get("vitals", ()), kw.get("findings", ())),
                          language=kw.get("language"))  # fmt: skip


def test_related_lipids_share_one_card_with_both_as_evidence():
    cards = _cards(
        result("r1", "LDL Cholesterol", 4.2, "H", code="LDL_C", high=3.4, canonical=4.2),
        result("r2", "Total Cholesterol", 6.4, "H", code="TC", high=5.2, canonical=6.4),
    ).cards
    assert [(c.category, c.department, c.evidence) for c in cards] == [
        ("lipids", "cardiology", ["r1", "r2"])
    ]
    assert cards[0].priority == "routine"


def test_a_markedly_raised_ldl_is_soon_and_a_critical_potassium_urgent():
    cards = _cards(
        result("r1", "LDL-C", 5.3, "H", code="LDL_C", high=3.4, canonical=5.3),
        result("r2", "Potassium", 6.6, "HH", code="K", low=3.5, high=5.3, canonical=6.6),
    ).cards
    assert [(c.category, c.priority) for c in cards] == [
        ("electrolytes", "urgent"),
        ("lipids", "soon"),
    ]
    assert cards[0].follow_up.max == "P1W"


def test_a_hair_outside_its_range_is_no_issue_but_a_clear_index_pair_is():
    alone = _cards(result("r1", "MCHC", 34.6, "H", code="MCHC", low=31, high=34.5)).cards
    assert alone == []
    pair = _cards(
        result("r1", "MCV", 76, "L", code="MCV", low=82, high=100),
        result("r2", "RDW-SD", 34.9, "L", code="RDW_SD", low=37, high=50),
    ).cards
    assert [c.category for c in pair] == ["blood_count"]


def test_a_lead_a_hair_beyond_its_limit_counts_as_an_index():
    assert _cards(result("r1", "PLT", 365, "H", code="PLT", low=125, high=350)).cards == []
    assert len(_cards(result("r1", "PLT", 480, "H", code="PLT", low=125, high=350)).cards) == 1


def test_context_indices_never_raise_a_card():
    cards = _cards(
        result("r1", "MPV", 8.0, "L", code="MPV", low=9, high=13),
        result("r2", "PDW", 6.0, "L", code="PDW", low=9, high=17),
    ).cards
    assert cards == []


def test_direction_that_is_no_issue_is_left_out():
    assert _cards(result("r1", "HDL", 2.4, "H", code="HDL_C", low=1.04)).cards == []


def test_an_unknown_row_inside_a_blood_count_run_joins_its_neighbours():
    cards = _cards(
        result("r1", "WBC", 14.7, "H", code="WBC", low=3.5, high=9.5, panel="CBC"),
        result("r2", "MON# 单核细胞计数", 1.9, "H", low=0.1, high=0.6, panel="CBC"),
        result("r3", "NEU#", 10.6, "H", code="NEUT_ABS", low=1.8, high=6.3, panel="CBC"),
    ).cards
    assert [c.evidence for c in cards] == [["r1", "r2", "r3"]]


def test_an_unknown_row_alone_gets_the_catch_all_card():
    cards = _cards(result("r1", "Lactato", 30.8, "H", low=4.5, high=19.8)).cards
    assert [c.category for c in cards] == ["other"]


def test_blood_pressure_and_bmi_bands():
    vitals = [vital("v1", "systolic_bp", 152, "收缩压"), vital("v2", "diastolic_bp", 95, "舒张压"),
              vital("v3", "bmi", 25.1, "体重指数")]  # fmt: skip
    zh = _cards(vitals=vitals, language="zh").cards
    assert [(c.category, c.priority) for c in zh] == [
        ("blood_pressure", "soon"),
        ("body_weight", "routine"),
    ]
    en = _cards(vitals=vitals, language="en").cards
    assert [c.category for c in en] == ["blood_pressure", "body_weight"]
    lean = [vital("v3", "bmi", 24.5, "BMI")]
    assert _cards(vitals=lean, language="en").cards == []  # WHO: 25
    assert len(_cards(vitals=lean, language="zh").cards) == 1  # China: 24


def test_finding_keywords_negation_and_tirads():
    nodule = finding("f1", "imaging", "甲状腺超声", "甲状腺右叶低回声结节，TI-RADS 4类")
    clean = finding("f2", "imaging", "腹部B超", "肝脏大小正常，未见脂肪肝")
    ecg = finding("f3", "ecg", "心电图", "窦性心律", "ST-T改变")
    cards = _cards(findings=[nodule, clean, ecg], language="zh").cards
    assert [(c.category, c.priority, c.department) for c in cards] == [
        ("thyroid", "soon", "thyroid_breast_surgery"),
        ("cardiac", "routine", "cardiology"),
    ]
    assert "结节" in cards[0].title


def test_every_card_passes_the_safety_gate_in_both_languages():
    items = [result("r1", "ALT", 150, "H", code="ALT", high=40, canonical=150),
             result("r2", "HbA1c", 7.1, "H", code="HBA1C", high=6.0, canonical=7.1)]  # fmt: skip
    for lang in ("en", "zh"):
        cards = _cards(*items, language=lang).cards
        assert {c.priority for c in cards} == {"soon"}
        assert all(not card_violations(c) and c.language == lang for c in cards)


def test_language_follows_the_report_and_windows_read_in_it():
    assert report_language(report([result("r1", "白细胞", 3, "L")])) == "zh"
    assert report_language(report([result("r1", "WBC", 3, "L")])) == "en"
    assert window_text("P1W", "P1M", "en") == "in 1 week to 1 month"
    assert window_text("P0D", "P1W", "zh") == "1周内"


def test_every_rule_names_a_source_and_a_bad_reference_is_caught():
    kb = load_knowledge()
    assert all(issue.sources for issue in kb.issues.values())
    results = load_yaml(DATA / "knowledge.yaml")
    observations = load_yaml(DATA / "observations.yaml")
    results["issues"]["lipids"]["lead"].append("NOT_AN_ANALYTE")
    results["issues"]["glucose"]["text"]["en"]["explanation"] = "You have diabetes."
    with pytest.raises(KnowledgeError) as caught:
        parse_knowledge(results, observations)
    assert "NOT_AN_ANALYTE" in str(caught.value) and "unsafe text" in str(caught.value)


def test_a_low_blood_pressure_gets_a_routine_card_whose_title_fits_it():
    low = [vital("v1", "systolic_bp", 84, "Systolic"), vital("v2", "diastolic_bp", 55, "Diastolic")]
    cards = _cards(vitals=low, language="en").cards
    assert [(c.category, c.priority) for c in cards] == [("blood_pressure", "routine")]
    assert "above" not in cards[0].title


def test_raised_specific_ige_results_share_one_allergy_card():
    cards = _cards(
        result("r1", "PEANUT (F13) IGE", 0.27, "H", code="SIGE_F13", high=0.1, unit="kU/L"),
        result("r2", "EGG WHITE (F1) IGE", 0.17, "H", code="SIGE_F1", high=0.1, unit="kU/L"),
    ).cards
    assert [(c.category, c.evidence) for c in cards] == [("allergy", ["r1", "r2"])]
