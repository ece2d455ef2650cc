"""Settings of the service: where jobs live, how big an upload may be, how long a job is kept,
the worker pool's size and limits, and which hosts may call it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from checkup2action.batch.run import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT
from checkup2action.pipeline import PipelineOptions

#: Host names that always reach the service (it binds to loopback by default).
LOOPBACK_HOSTS: Final = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Everything the service needs to know, fixed at start."""

    data_dir: Path | None = None  # None: a temporary folder, removed at shutdown
    max_upload_mb: float = 50.0
    expire_after: float = 3600.0  # seconds a job and its files are kept after it ends
    max_queued: int = 200  # jobs waiting or running; past it an upload is refused (503)
    workers: int = field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 4)))
    timeout: float | None = DEFAULT_TIMEOUT
    max_memory_mb: float | None = DEFAULT_MAX_MEMORY_MB
    threads: int = 1
    allowed_hosts: frozenset[str] = LOOPBACK_HOSTS
    options: PipelineOptions = field(default_factory=PipelineOptions)
    runner: str = "checkup2action.service.outputs:read_for_viewer"

    @property
    def max_upload_bytes(self) -> int:
        """The upload cap in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)
