"""Parquet tables of a dataset: ``results.parquet`` (one row per lab result, the flat columns of
the CSV writer) and ``vitals.parquet`` (one row per vital sign), each with the document's sha256.
pyarrow is the optional extra ``dataset``, imported only here and only when needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import pandas as pd

from checkup2action.errors import EngineNotAvailableError
from checkup2action.fileio import replacing
from checkup2action.report.models import StructuredReport, Vital
from checkup2action.report.writers import COLUMNS, results_frame

INSTALL_HINT: Final = "install the extra: pip install 'checkup2action[dataset]'"
RESULT_COLUMNS: Final = ("sha256", *COLUMNS)
VITAL_COLUMNS: Final = (
    "sha256", "id", "page", "code", "loinc", "name_raw", "value_raw", "value", "unit", "unit_raw",
    "range_low", "range_high", "range_text", "flag", "flag_source", "derived", "bbox",
)  # fmt: skip
# Arrow types of the columns that are not text.
_TYPES: Final = {
    "page": "int64",
    "value": "float64",
    "value_canonical": "float64",
    "range_low": "float64",
    "range_high": "float64",
    "previous_value": "float64",
    "confidence": "float64",
    "needs_review": "bool_",
    "derived": "bool_",
}


def require_pyarrow() -> Any:
    """The ``pyarrow`` module (with ``pyarrow.parquet`` loaded), or EngineNotAvailableError
    with the install hint."""
    try:
        import pyarrow
        import pyarrow.parquet  # loads the submodule
    except ImportError as exc:
        raise EngineNotAvailableError(f"pyarrow is not installed ({exc}); {INSTALL_HINT}") from exc
    return pyarrow


def _schema(pa: Any, columns: tuple[str, ...]) -> Any:
    """The Arrow schema of a table: text unless ``_TYPES`` says otherwise."""
    return pa.schema([(c, getattr(pa, _TYPES.get(c, "string"))()) for c in columns])


def result_rows(report: StructuredReport) -> pd.DataFrame:
    """The report's lab results as rows of ``results.parquet`` (the CSV writer's flattening)."""
    frame = results_frame(report)
    frame.insert(0, "sha256", report.source.sha256)
    return frame


def _vital_row(vital: Vital, sha256: str) -> dict[str, Any]:
    """One flat row of ``vitals.parquet``."""
    rng, prov = vital.reference_range, vital.provenance[0]
    box = prov.bbox
    return {
        "sha256": sha256,
        **vital.model_dump(include={"id", "code", "loinc", "name_raw", "value_raw", "value"}),
        **vital.model_dump(include={"unit", "unit_raw", "flag", "flag_source", "derived"}),
        "page": prov.page,
        "range_low": rng.low if rng else None,
        "range_high": rng.high if rng else None,
        "range_text": rng.text if rng else None,
        "bbox": ",".join(f"{v:g}" for v in (box.x0, box.top, box.x1, box.bottom)),
    }


def vital_rows(report: StructuredReport) -> pd.DataFrame:
    """The report's vital signs as rows of ``vitals.parquet``."""
    rows = [_vital_row(v, report.source.sha256) for v in report.vitals]
    return pd.DataFrame(rows, columns=list(VITAL_COLUMNS), dtype=object)


def write_table(path: Path, frames: list[pd.DataFrame], columns: tuple[str, ...]) -> int:
    """Write the frames as one Parquet table with a fixed schema (also when empty), atomically;
    returns the number of rows."""
    pa = require_pyarrow()
    schema = _schema(pa, columns)
    frames = [f for f in frames if len(f)]
    if frames:
        frame = pd.concat(frames, ignore_index=True)[list(columns)]
        table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    else:
        table = schema.empty_table()
    with replacing(path) as tmp:
        pa.parquet.write_table(table, tmp)
    return int(table.num_rows)
