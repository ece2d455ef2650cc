"""Ages over 89 and dates, generalised as de-identification asks.

An age over 89 names few enough people to be an identifier (HIPAA Safe Harbor): the report says
``90`` with ``age_band`` ``90+``. Dates follow a policy chosen by the user:

- ``keep``: as printed (the default: a patient reading their own report needs them);
- ``month``: the first day of the month; ``year``: the first of January;
- ``shift``: every date of the document moved by one number of days (1 to 365, earlier or later)
  drawn from a keyed hash of the document's content: intervals between dates survive, the dates
  do not. The key comes from ``C2A_DATE_SHIFT_KEY``; without it a random key per process, so a
  shift cannot be recomputed from the document alone (set the key to shift the same way in every
  run).

Under any policy but ``keep`` a date printed inside a text the report carries as printed (an
earlier value ``41 03/12/2024``, a column header ``上次 2024.04.18``) becomes ``[date]``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, get_args

from checkup2action.dates import PRINTED_DATE
from checkup2action.errors import OptionError
from checkup2action.report.models import LabResult, Patient, StructuredReport

DatePolicy = Literal["keep", "month", "year", "shift"]
DATE_POLICIES: tuple[str, ...] = get_args(DatePolicy)
#: What a policy does to one date (None stays None).
Mover = Callable[[date | None], date | None]
#: Ages above this are reported as the band above it.
TOP_AGE = 89
TOP_BAND = "90+"
#: A shifted date moves by at most this many days.
MAX_SHIFT_DAYS = 365


def top_code_age(patient: Patient) -> Patient:
    """The patient with an age over 89 reported as 90, band ``90+``."""
    if patient.age is None or patient.age <= TOP_AGE:
        return patient
    return patient.model_copy(update={"age": float(TOP_AGE + 1), "age_band": TOP_BAND})


def generalise_dates(report: StructuredReport, policy: DatePolicy) -> StructuredReport:
    """The report with every date (exam, earlier visits) generalised by ``policy``."""
    if policy not in DATE_POLICIES:
        raise OptionError(f"unknown date policy {policy!r}; one of {', '.join(DATE_POLICIES)}")
    if policy == "keep":
        return report.model_copy(update={"date_policy": policy})
    move = _mover(policy, report.source.sha256)
    patient = report.patient.model_copy(update={"exam_date": move(report.patient.exam_date)})
    results = [_moved_result(r, move) for r in report.lab_results]
    return report.model_copy(
        update={"patient": patient, "lab_results": results, "date_policy": policy}
    )


def _moved_result(result: LabResult, move: Mover) -> LabResult:
    """A result with its earlier visits' dates generalised, and the dates printed inside its
    texts (``41 03/12/2024``, a header ``上次 2024.04.18``) taken out."""
    history = [
        h.model_copy(
            update={
                "date": move(h.date),
                "value_raw": without_dates(h.value_raw),
                "header": without_dates(h.header),
            }
        )
        for h in result.history
    ]
    return result.model_copy(
        update={
            "previous_date": move(result.previous_date),
            "previous_value_raw": without_dates(result.previous_value_raw),
            "history": history,
        }
    )


DATE_MARK = "[date]"


def without_dates(text: str | None) -> str | None:
    """A text with the dates printed in it replaced by ``[date]``."""
    return PRINTED_DATE.sub(DATE_MARK, text) if text else text


def _mover(policy: DatePolicy, sha256: str) -> Mover:
    """The function a policy applies to one date (None stays None)."""
    days = shift_days(sha256) if policy == "shift" else 0

    def move(day: date | None) -> date | None:
        """One date under the policy."""
        if day is None:
            return None
        if policy == "month":
            return day.replace(day=1)
        if policy == "year":
            return day.replace(month=1, day=1)
        return day + timedelta(days=days)

    return move


def shift_days(sha256: str) -> int:
    """The document's shift: 1 to 365 days, earlier or later, from a keyed hash of its content."""
    digest = hmac.new(_shift_key(), sha256.encode(), hashlib.sha256).digest()
    n = int.from_bytes(digest[:4], "big")
    days = 1 + n % MAX_SHIFT_DAYS
    return days if n & (1 << 31) else -days


@lru_cache(maxsize=1)
def _shift_key() -> bytes:
    """The shift key: ``C2A_DATE_SHIFT_KEY``, else random for this process."""
    key = os.environ.get("C2A_DATE_SHIFT_KEY")
    return key.encode() if key else secrets.token_bytes(32)
