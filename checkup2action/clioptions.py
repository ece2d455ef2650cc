"""Options several commands share: the output directory, quiet, and de-identification."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, cast

import typer

from checkup2action import pipeline
from checkup2action.deid.dates import DatePolicy
from checkup2action.deid.scrub import DeidOptions


class DatePolicyChoice(StrEnum):
    """How ``ingest`` generalises dates (``checkup2action.deid.dates``)."""

    keep = "keep"
    month = "month"
    year = "year"
    shift = "shift"


OutDirOption = Annotated[Path, typer.Option("--out", "-o", help="Output directory.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Only print failures.")]
KeepFilenamesOption = Annotated[
    bool,
    typer.Option(
        "--keep-filenames",
        help="Keep the input's file name in source and in output names (default: a hash).",
    ),
]
KeepIdentifiersOption = Annotated[
    bool,
    typer.Option(
        "--keep-identifiers",
        help="Clinical use: list the identifiers found in the report's 'identifiers'.",
    ),
]
DatePolicyOption = Annotated[
    DatePolicyChoice,
    typer.Option(
        "--date-policy",
        help="Dates as printed (keep), the 1st of their month, 1 January of their year, or "
        "all shifted by one per-document number of days (key: C2A_DATE_SHIFT_KEY).",
    ),
]


def pipeline_options(
    keep_filenames: bool, keep_identifiers: bool, date_policy: DatePolicyChoice
) -> pipeline.PipelineOptions:
    """Pipeline options from the de-identification options of the command line."""
    deid = DeidOptions(
        keep_filenames=keep_filenames,
        keep_identifiers=keep_identifiers,
        date_policy=cast(DatePolicy, date_policy.value),
    )
    return pipeline.PipelineOptions(deid=deid)
