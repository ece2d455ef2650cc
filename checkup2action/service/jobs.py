"""The jobs of the service: one per upload, named by a random id, each with its own folder under
the data directory. The uploaded file is stored as ``input`` (no name of the user's ever reaches
the file system); what the worker makes goes beside it (``outputs``). Jobs and their folders are
removed ``expire_after`` seconds after they end, when the service stops, and (if a service was
killed) when the next one starts on the same folder.
"""

from __future__ import annotations

import re
import secrets
import shutil
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from checkup2action.batch.task import TaskResult

JobStatus = Literal["queued", "running", "ok", "partial", "failed"]
#: A job id: 22 URL-safe characters (128 random bits).
ID_PATTERN: Final = r"^[A-Za-z0-9_-]{22}$"
INPUT_NAME: Final = "input"


@dataclass(slots=True)
class Job:
    """One upload and where its reading stands."""

    id: str
    folder: Path
    size: int
    sha256: str
    format: str
    created: float = field(default_factory=time.time)
    status: JobStatus = "queued"
    started: float | None = None
    finished: float | None = None
    result: TaskResult | None = None

    @property
    def input_path(self) -> Path:
        """The stored upload."""
        return self.folder / INPUT_NAME

    @property
    def done(self) -> bool:
        """Whether the job has ended (read or failed)."""
        return self.status in ("ok", "partial", "failed")

    def describe(self, expire_after: float) -> dict[str, Any]:
        """The job's public state (no file name, no patient value)."""
        result = self.result
        described: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "format": self.format,
            "size_bytes": self.size,
            "sha256": self.sha256,
            "created_at": _iso(self.created),
            "started_at": _iso(self.started),
            "finished_at": _iso(self.finished),
            "expires_at": _iso(self.finished + expire_after) if self.finished else None,
        }
        if result is not None:
            described |= {
                k: v
                for k, v in asdict(result).items()
                if k in ("seconds", "error_code", "error_message", "pages", "results", "warnings")
            }
        return described


def _iso(moment: float | None) -> str | None:
    """A UTC time in ISO 8601, to the second."""
    if moment is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))


class JobStore:
    """The service's jobs: created on upload, updated by the pool, removed when they expire."""

    def __init__(self, root: Path, expire_after: float):
        self.root = root
        self.expire_after = expire_after
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        root.mkdir(parents=True, exist_ok=True)
        self.remove_orphans()

    def remove_orphans(self) -> int:
        """Remove job folders no job of this store knows (left by a service that stopped
        without cleaning up): nothing could reach them, and they hold uploads."""
        with self._lock:
            known = set(self._jobs)
        orphans = [
            folder
            for folder in self.root.iterdir()
            if folder.is_dir()
            and re.fullmatch(ID_PATTERN, folder.name)
            and folder.name not in known
        ]
        for folder in orphans:
            shutil.rmtree(folder, ignore_errors=True)
        return len(orphans)

    def clear(self) -> None:
        """Forget every job and remove its files (the service is stopping)."""
        with self._lock:
            jobs, self._jobs = list(self._jobs.values()), {}
        for job in jobs:
            shutil.rmtree(job.folder, ignore_errors=True)

    def new_folder(self) -> tuple[str, Path]:
        """A fresh random id and its (new, empty) folder."""
        while True:
            job_id = secrets.token_urlsafe(16)
            folder = self.root / job_id
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:
                continue
            return job_id, folder

    def add(self, job: Job) -> None:
        """Record a job whose upload is stored."""
        with self._lock:
            self._jobs[job.id] = job

    def get(self, job_id: str) -> Job | None:
        """The job of an id, or None (unknown or expired)."""
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, job_id: str) -> None:
        """Mark a job as being read."""
        with self._lock:
            if (job := self._jobs.get(job_id)) is not None:
                job.status, job.started = "running", time.time()

    def finish(self, job_id: str, result: TaskResult) -> Job | None:
        """Record what reading a job gave."""
        with self._lock:
            if (job := self._jobs.get(job_id)) is not None:
                job.status, job.result, job.finished = result.status, result, time.time()
            return job

    def fail_pending(self, result: TaskResult) -> None:
        """End every job still queued or running with ``result`` (the pool is gone)."""
        with self._lock:
            for job in self._jobs.values():
                if not job.done:
                    job.status, job.result, job.finished = "failed", result, time.time()

    def ahead_of(self, job: Job) -> int:
        """How many queued jobs were uploaded before a queued one (0 once it is taken)."""
        if job.status != "queued":
            return 0
        with self._lock:
            return sum(
                other.status == "queued" and other.created < job.created
                for other in self._jobs.values()
            )

    def pending(self) -> int:
        """Jobs queued or running."""
        with self._lock:
            return sum(not job.done for job in self._jobs.values())

    def counts(self) -> dict[str, int]:
        """Jobs by status."""
        with self._lock:
            counts: dict[str, int] = {}
            for job in self._jobs.values():
                counts[job.status] = counts.get(job.status, 0) + 1
            return counts

    def expire(self, now: float | None = None) -> list[str]:
        """Remove the jobs that ended more than ``expire_after`` seconds ago, with their files."""
        now = time.time() if now is None else now
        with self._lock:
            gone = [
                job
                for job in self._jobs.values()
                if job.finished is not None and now - job.finished > self.expire_after
            ]
            for job in gone:
                del self._jobs[job.id]
        for job in gone:
            shutil.rmtree(job.folder, ignore_errors=True)
        return [job.id for job in gone]

    def discard(self, job_id: str) -> None:
        """Forget a job and remove its files (an upload refused after its folder was made)."""
        with self._lock:
            job = self._jobs.pop(job_id, None)
        shutil.rmtree(job.folder if job else self.root / job_id, ignore_errors=True)
