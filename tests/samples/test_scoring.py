"""The synthetic scorer counts what the pipeline read: derived results and vitals are no
predictions, and a flag the critical table raised is compared by its direction."""

from __future__ import annotations

from checkup2action.samples.scoring import score_document


def _truth_row(name: str, value: float, flag: str, top: float) -> dict:
    return {
        "page": 1, "bbox": [10, top, 300, top + 9], "name_raw": name, "value_raw": f"{value}",
        "value": value, "unit": "mmol/L", "flag": flag, "analyte_code": None,
        "reference_range": {"low": None, "high": None},
    }  # fmt: skip


def _pred(rid: str, name: str, value: float, flag: str, top: float, **extra: object) -> dict:
    box = {"x0": 10, "top": top, "x1": 300, "bottom": top + 9}
    return {
        "id": rid, "name_raw": name, "value_raw": f"{value}", "value": value, "unit": "mmol/L",
        "flag": flag, "analyte": None, "reference_range": None, "history": [],
        "provenance": [{"page": 1, "bbox": box}], **extra,
    }  # fmt: skip


def test_derived_results_and_vitals_are_not_predictions():
    truth = {"lab_results": [_truth_row("TC", 5.2, "N", 100)], "vitals": []}
    report = {
        "lab_results": [
            _pred("r0001", "TC", 5.2, "N", 100),
            _pred("d0001", "Non-HDL cholesterol (derived)", 3.9, "N", 100, derived=True),
        ],
        "vitals": [{"code": "bmi", "value": 22.5, "provenance": [{"page": 1}], "derived": True}],
        "warnings": [],
    }
    summary = score_document(truth, report, "doc").summary()
    assert summary["precision"] == 1.0 and summary["vitals_precision"] == 1.0


def test_a_flag_raised_by_the_critical_table_counts_by_direction():
    truth = {"lab_results": [_truth_row("K", 6.8, "H", 100), _truth_row("NA", 150, "H", 120)]}
    report = {
        "lab_results": [_pred("r0001", "K", 6.8, "HH", 100), _pred("r0002", "NA", 150, "HH", 120)],
        "warnings": [{"code": "CRITICAL_VALUE", "result_id": "r0001"}],
    }
    tally = score_document(truth, report, "doc")
    assert tally.correct["flag"] == 1  # r0002's HH was no critical raise: H was right
