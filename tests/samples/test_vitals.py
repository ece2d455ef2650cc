"""Vital signs in generated reports: consistent values, printed as the truth says, scored."""

import random

from checkup2action.samples.generator import generate
from checkup2action.samples.scoring import score_vitals
from checkup2action.samples.vitals import fake_vitals


def test_the_printed_bmi_is_the_one_height_and_weight_give():
    for seed in range(30):
        items = {v.label: v for v in fake_vitals(random.Random(seed), "F", "en")}
        height = items["Height"].values[0][1] / 100
        weight = items["Weight"].values[0][1]
        assert abs(items["BMI"].values[0][1] - weight / height**2) < 0.051
        (systolic, s), (diastolic, d) = items["BP"].values
        assert (systolic, diastolic) == ("systolic_bp", "diastolic_bp") and s > d


def test_families_that_print_vitals_record_them_in_the_truth():
    for family in ("zh_checkup_multi", "en_headerless"):
        truth = generate(family, 5).truth
        codes = [v["code"] for v in truth["vitals"]]
        # zh_checkup_multi's ECG prints its heart rate too: a seventh vital (samples.exams)
        assert codes[:6] == ["height", "weight", "bmi", "systolic_bp", "diastolic_bp", "pulse"]
        assert codes[6:] == (["pulse"] if family == "zh_checkup_multi" else [])
    assert "vitals" not in generate("zh_ruled", 5).truth


def test_vitals_are_matched_by_code_page_and_value():
    truth = [{"code": "pulse", "value": 72.0, "page": 1}, {"code": "bmi", "value": 23.4, "page": 1}]
    preds = [
        {"code": "pulse", "value": 72.0, "provenance": [{"page": 1}]},
        {"code": "bmi", "value": 24.3, "provenance": [{"page": 1}]},
    ]
    counts, misses = score_vitals(truth, preds, "doc")
    assert counts == {"truth": 2, "pred": 2, "matched": 1}
    assert misses == ["doc missed vital p1: bmi 23.4", "doc extra vital: bmi 24.3"]
