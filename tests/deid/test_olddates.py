"""Birth dates without a label: full dates decades before the report's own dates."""

from __future__ import annotations

from datetime import date

import pytest

from checkup2action.deid.olddates import MIN_YEARS_BEFORE, dated_spans, old_dates

TODAY = date(2026, 6, 1)


def _found(lines: list[str]) -> list[tuple[int, str]]:
    return [(i, item.text) for i, item in old_dates(lines, TODAY)]


def test_a_birth_date_after_the_age_or_alone_on_a_line_is_found():
    lines = [
        "COLLECTED  14/03/2025 09:10  AGE : 47 Y  08/11/1977",
        "Jane Roe",
        "21/06/64",
        "Haemoglobin  13.2  g/dL  12.0 - 16.0",
    ]
    found = _found(lines)
    assert found == [(0, "08/11/1977"), (2, "21/06/64")]
    assert all(item.kind == "birth_date" for _, item in old_dates(lines, TODAY))


@pytest.mark.parametrize(
    "text", ["1961-04-30", "30.04.1961", "30-04-1961", "30 Apr 1961", "30-April-1961"]
)
def test_other_date_forms(text):
    assert _found(["Report 2024-02-02", f"born {text}"]) == [(1, text)]


def test_the_report_s_own_days_and_earlier_visits_are_kept():
    lines = ["Collected 02/02/2025", "Previous 11/09/2016  5.4", "Next review 01/01/2026"]
    assert _found(lines) == []  # nine years back is a visit, not a birth


def test_a_lone_date_has_nothing_to_be_old_against():
    assert _found(["DOB 08/11/1977"]) == []


def test_a_date_after_today_does_not_make_the_report_s_days_old():
    lines = ["Collected 02/02/2025", "Valid until 01/01/2050"]
    assert _found(lines) == []


@pytest.mark.parametrize(
    "text",
    [
        "Glucose 3.5-5.5 mmol/L",  # a range
        "10-20-30",  # a list with dashes and a two-digit end
        "firmware 1.5.10",  # dots with a short year
        "ratio 1/2/3",
        "Platelets 150-400 x10^9/L",
        "13/25/1970",  # no month
    ],
)
def test_numbers_that_are_no_date(text):
    assert dated_spans(text, TODAY) == []


def test_the_gap_is_counted_in_years():
    close = f"{2025 - MIN_YEARS_BEFORE + 1}-01-01"
    far = f"{2025 - MIN_YEARS_BEFORE}-01-01"
    assert _found(["2025-05-05", close, far]) == [(2, far)]


def test_the_document_s_identifiers_include_its_old_dates():
    from checkup2action.deid.scrub import document_identifiers

    found = document_identifiers(["Report date 12/03/2024", "Jane Roe  15/07/1958  F"])
    assert any(i.kind == "birth_date" and i.text == "15/07/1958" for i in found)
