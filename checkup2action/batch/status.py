"""``status.jsonl``: one line per input of a batch, saying what happened to it.

Lines are appended (and flushed to disk) as documents finish, so an interrupted batch keeps what
it did; reading takes the last line of each input. At the end of a run the file is rewritten,
atomically, with exactly one line per input of that run, in input order.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from checkup2action.batch.documents import Status
from checkup2action.batch.task import Task, TaskResult
from checkup2action.fileio import write_text_atomic

log = logging.getLogger(__name__)

STATUS_FILE: Final = "status.jsonl"


@dataclass(slots=True)
class StatusRecord:
    """What happened to one input: its name and content hash, status, error code and message,
    pages, results, seconds, peak memory of its worker, its report (relative to the output
    directory) and the fingerprint of the options it was read with."""

    input: str
    sha256: str | None
    status: Status
    error_code: str | None = None
    message: str | None = None
    pages: int | None = None
    results: int | None = None
    warnings: dict[str, int] | None = None
    seconds: float | None = None
    peak_memory_mb: float | None = None
    report: str | None = None
    options: str | None = None
    finished_at: str | None = None

    def to_line(self) -> str:
        """The record as one JSON line."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatusRecord:
        """A record from a parsed line (unknown keys ignored)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def record_of(task: Task, result: TaskResult, fingerprint: str, report: str | None) -> StatusRecord:
    """The status record of a task just read."""
    return StatusRecord(
        input=task.name,
        sha256=task.sha256,
        status=result.status,
        error_code=result.error_code,
        message=result.error_message,
        pages=result.pages,
        results=result.results,
        warnings=result.warnings or None,
        seconds=result.seconds,
        peak_memory_mb=result.peak_mb,
        report=report,
        options=fingerprint,
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


class StatusLog:
    """The status file of an output directory: records by input name."""

    def __init__(self, path: Path):
        self.path = path
        self.records: dict[str, StatusRecord] = self._read()

    def _read(self) -> dict[str, StatusRecord]:
        """Every input's last record; a line that does not parse (cut by a crash) is skipped."""
        records: dict[str, StatusRecord] = {}
        if not self.path.is_file():
            return records
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = StatusRecord.from_dict(json.loads(line))
            except (ValueError, TypeError) as exc:
                log.warning("batch: status line %d unreadable (%s)", number, type(exc).__name__)
                continue
            records[record.input] = record
        return records

    def is_done(
        self, name: str, sha256: str | None, fingerprint: str, out_dir: Path, retry: bool
    ) -> bool:
        """Whether an input was read from the same content with the same options: its report is
        on disk, or it failed and failures are not retried."""
        record = self.records.get(name)
        if (
            record is None
            or sha256 is None
            or (record.sha256, record.options)
            != (
                sha256,
                fingerprint,
            )
        ):
            return False
        if record.status == "failed":
            return not retry
        return record.report is not None and (out_dir / record.report).is_file()

    def append(self, record: StatusRecord) -> None:
        """Add a record, on disk at once (appended, flushed and synced)."""
        self.records[record.input] = record
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(record.to_line() + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def compact(self, names: list[str]) -> None:
        """Rewrite the file with one line for each of ``names`` that has a record, in order."""
        lines = [self.records[n].to_line() for n in names if n in self.records]
        write_text_atomic(self.path, "".join(line + "\n" for line in lines))
