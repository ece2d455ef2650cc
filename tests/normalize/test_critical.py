"""Critical values (normalize.critical, applied by report.review): HH/LL beyond the documented
adult limits, honest about what was printed; and the unit-fit warning."""

from __future__ import annotations

import pytest

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.grammar.ranges import parse_range
from checkup2action.normalize.critical import critical_limits, critical_of
from checkup2action.ocr.stage import OcrOutcome
from checkup2action.report.models import LabResult
from checkup2action.report.review import review, review_warnings, unit_mismatch
from tests.normalize.test_derived import lab

NO_OCR = OcrOutcome(engine="rapidocr", pages=set())


def _reviewed(result: LabResult) -> tuple[LabResult, list[tuple[str, str | None, str]]]:
    """The result as review leaves it, and its review warnings (code, result id, message)."""
    warnings = review_warnings([result], NO_OCR)
    return review(result, NO_OCR), [(w.code, w.result_id, w.message) for w in warnings]


def test_the_table_is_valid_and_in_canonical_units():
    limits = critical_limits()
    catalogue = load_catalogue()
    assert {"K", "NA", "GLU", "CA", "HGB", "PLT", "WBC", "INR"} <= set(limits)
    for code, entry in limits.items():
        analyte = catalogue.by_code(code)
        assert entry.unit == analyte.unit and entry.source
        for bound in (entry.low, entry.high):  # a critical limit is a value a body can have
            if bound is not None:
                assert analyte.plausible_low is None or bound >= analyte.plausible_low
                assert analyte.plausible_high is None or bound <= analyte.plausible_high


def test_a_printed_high_beyond_the_critical_limit_becomes_hh():
    k = lab("K", 6.8, "mmol/L", flag="H", flag_raw="H", flag_source="printed",
            reference_range=parse_range("3.5-5.1"))  # fmt: skip
    out, warnings = _reviewed(k)
    assert (out.flag, out.flag_raw, out.flag_source) == ("HH", "H", "printed")
    ((code, rid, message),) = warnings
    assert (code, rid) == ("CRITICAL_VALUE", k.id)
    assert "critical high limit 6.2 mmol/L" in message and "Potassium" in message
    assert "6.8" not in message  # the limit, not the patient's value


def test_a_value_in_another_unit_meets_the_limit_by_its_canonical_value():
    glucose = lab("GLU", 40, "mg/dL")  # 2.22 mmol/L, below 2.6 mmol/L (46 mg/dL)
    out, warnings = _reviewed(glucose)
    assert (out.flag, out.flag_raw, out.flag_source) == ("LL", None, "computed")
    assert [w[0] for w in warnings] == ["CRITICAL_VALUE"]


@pytest.mark.parametrize(
    ("code", "value", "unit", "comparator", "flag"),
    [
        ("PLT", 20, "10*9/L", "<", "LL"),  # below 20, so below 37
        ("GLU", 30, "mmol/L", "<", None),  # below 30 says nothing of 26.9
        ("GLU", 500, "mg/dL", ">", "HH"),
        ("K", 6.2, "mmol/L", None, None),  # at the limit is not beyond it
        ("HGB", 6.0, "g/dL", None, "LL"),  # 60 g/L < 66 g/L
        ("INR", 5.5, "{ratio}", None, "HH"),
        ("ALT", 900, "U/L", None, None),  # not in the table
    ],
)
def test_critical_by_value_and_comparator(code, value, unit, comparator, flag):
    found = critical_of(lab(code, value, unit, comparator=comparator))
    assert (found.flag if found else None) == flag


@pytest.mark.parametrize(
    "extra",
    [
        {"reference_range": parse_range("3.5-7.0")},  # the lab's own range holds 6.5
        {"flag": "L", "flag_raw": "L", "flag_source": "printed"},  # the other way
        {"flag": "N", "flag_raw": "N", "flag_source": "printed"},  # printed normal
    ],
)
def test_the_report_saying_otherwise_wins(extra):
    k = lab("K", 6.5, "mmol/L", **extra)
    out, warnings = _reviewed(k)
    assert out.flag == k.flag and warnings == []


def test_an_implausible_value_is_a_misread_not_a_critical_value():
    k = lab("K", 15, "mmol/L", flag="H", flag_raw="H", flag_source="printed")
    out, warnings = _reviewed(k)
    assert out.flag == "H" and out.needs_review
    assert [w[0] for w in warnings] == ["IMPLAUSIBLE_VALUE"]


def test_a_printed_critical_flag_is_kept():
    printed = {"flag": "HH", "flag_raw": "HH", "flag_source": "printed"}
    out, warnings = _reviewed(lab("K", 6.0, "mmol/L", **printed))  # within the table's limits
    assert (out.flag, out.flag_source) == ("HH", "printed") and warnings == []
    out, warnings = _reviewed(lab("K", 7.0, "mmol/L", **printed))
    assert out.flag == "HH" and [w[0] for w in warnings] == ["CRITICAL_VALUE"]


def test_a_unit_of_another_kind_is_warned_about():
    glucose = lab("GLU", 5.6, "U/L")
    assert glucose.value_canonical is None and unit_mismatch(glucose) == "mmol/L"
    _, warnings = _reviewed(glucose)
    ((code, rid, message),) = warnings
    assert (code, rid) == ("UNIT_MISMATCH", glucose.id)
    assert message == "unit U/L does not convert to Glucose's unit mmol/L"


@pytest.mark.parametrize(
    "result",
    [
        lambda: lab("GLU", 100, "mg/dL"),  # converts
        lambda: lab("ALB", 600, "umol/L"),  # a molar unit, the catalogue has no molar mass
        lambda: lab(None, 5.6, "U/L"),  # no analyte
        lambda: lab("GLU", None, "U/L", value_raw="Negative"),  # no number
    ],
)
def test_no_unit_warning_when_the_unit_fits_or_cannot_be_told(result):
    assert unit_mismatch(result()) is None
