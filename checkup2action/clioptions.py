"""Options several commands share: the output directory, quiet, and de-identification."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, cast

import typer

from checkup2action import pipeline
from checkup2action.batch.run import default_workers
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


#: Batch workers when not told: one a core (read once, for the option's default).
DEFAULT_WORKERS = default_workers()


class EngineChoice(StrEnum):
    """Where the documents of a batch are read."""

    local = "local"
    ray = "ray"


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers", "-w", min=0, help="Worker processes (default: cores; 0: in this process)."
    ),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=1, help="Seconds a document may take.")
]
MaxMemoryOption = Annotated[
    float,
    typer.Option("--max-memory", min=200, help="Resident MB a worker may use per document."),
]
EngineOption = Annotated[
    EngineChoice, typer.Option("--engine", help="local processes, or Ray (extra 'ray').")
]
AddressOption = Annotated[
    str | None, typer.Option("--address", help="Address of a running Ray cluster.")
]
