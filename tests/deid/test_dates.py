"""Ages over 89 and dates under each date policy (fake data only)."""

from __future__ import annotations

from datetime import date

import pytest

from checkup2action.deid.dates import generalise_dates, shift_days, top_code_age, without_dates
from checkup2action.deid.scrub import DeidOptions, deidentify
from checkup2action.errors import OptionError
from checkup2action.report.models import (
    BBox,
    EarlierResult,
    LabResult,
    Patient,
    Provenance,
    SourceInfo,
    StructuredReport,
)

SHA = "cd" * 32
BOX = [Provenance(page=1, bbox=BBox(x0=1, top=1, x1=2, bottom=2))]


def _report(age: float = 47.0) -> StructuredReport:
    earlier = EarlierResult(value_raw="5.0", date=date(2023, 11, 20), provenance=BOX)
    result = LabResult(
        id="r1", name_raw="Glucose", value_raw="5.4", previous_date=date(2023, 11, 20),
        history=[earlier], provenance=BOX,
    )  # fmt: skip
    return StructuredReport(
        source=SourceInfo(file_name="x.pdf", sha256=SHA, page_count=1, pages=[]),
        patient=Patient(sex="F", age=age, exam_date=date(2024, 5, 17)),
        lab_results=[result],
    )


def _dates(report: StructuredReport) -> list[date | None]:
    result = report.lab_results[0]
    return [report.patient.exam_date, result.previous_date, result.history[0].date]


def test_an_age_over_89_is_reported_as_90_plus_and_younger_ages_stay() -> None:
    assert top_code_age(Patient(age=93)).model_dump() == {
        "sex": None, "age": 90.0, "age_band": "90+", "exam_date": None
    }  # fmt: skip
    assert (
        top_code_age(Patient(age=89)).age == 89 and top_code_age(Patient(age=89)).age_band is None
    )
    assert deidentify(_report(age=95), []).patient.age_band == "90+"
    kept = deidentify(_report(age=95), [], DeidOptions(keep_identifiers=True))
    assert kept.patient.age == 95  # clinical use keeps the exact age


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("keep", [date(2024, 5, 17), date(2023, 11, 20), date(2023, 11, 20)]),
        ("month", [date(2024, 5, 1), date(2023, 11, 1), date(2023, 11, 1)]),
        ("year", [date(2024, 1, 1), date(2023, 1, 1), date(2023, 1, 1)]),
    ],
)
def test_dates_follow_the_policy_everywhere(policy, expected) -> None:
    out = deidentify(_report(), [], DeidOptions(date_policy=policy))
    assert _dates(out) == expected and out.date_policy == policy


def test_a_shift_moves_every_date_of_a_document_by_the_same_days() -> None:
    before, after = _dates(_report()), _dates(generalise_dates(_report(), "shift"))
    moves = {(b - a).days for a, b in zip(before, after, strict=True) if a and b}
    assert len(moves) == 1 and 1 <= abs(moves.pop()) <= 365
    assert shift_days(SHA) == shift_days(SHA) and shift_days(SHA) != 0


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(OptionError, match="date policy"):
        generalise_dates(_report(), "blur")  # type: ignore[arg-type]


def test_dates_printed_inside_texts_go_unless_dates_are_kept() -> None:
    report = _report()
    result = report.lab_results[0]
    earlier = result.history[0].model_copy(update={"header": "上次 2023.11.20", "value_raw": "5.0"})
    report = report.model_copy(
        update={"lab_results": [result.model_copy(
            update={"previous_value_raw": "5.0 11/20/2023", "history": [earlier]}
        )]}
    )  # fmt: skip
    out = generalise_dates(report, "year").lab_results[0]
    assert out.previous_value_raw == "5.0 [date]" and out.history[0].header == "上次 [date]"
    kept = generalise_dates(report, "keep").lab_results[0]
    assert kept.previous_value_raw == "5.0 11/20/2023"
    assert without_dates("seen 12 Mar 2024 and Mar 12, 2024") == "seen [date] and [date]"
