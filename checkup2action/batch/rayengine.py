"""The Ray engine: the same per-document task as the local engine, run as Ray tasks on a local Ray
instance (``ray.init()``) or on a cluster (``address``). Each file's bytes go to its task through
Ray's object store and results come back to this process, which writes the same status file and
reports: the nodes need no shared file system.

At most ``workers`` tasks are in flight, so a task's wall clock starts near its submission; one
past the timeout is cancelled with its worker (``TIMEOUT``). A worker caps its own address space
as a local worker does; one the system or Ray's memory monitor kills is ``RESOURCE_LIMIT``, one
that dies otherwise ``PARSER_CRASH``. Ray's models stay loaded in its worker processes between
tasks, as they do in a local worker.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from checkup2action.batch.limits import limit_address_space, peak_mb, reset_peak
from checkup2action.batch.local import Limits, OnDone
from checkup2action.batch.task import Task, TaskResult, failed, resolve_runner, run_guarded
from checkup2action.batch.worker import WorkerConfig
from checkup2action.errors import (
    DocumentTimeoutError,
    EngineNotAvailableError,
    ParserCrashError,
    ResourceLimitError,
)
from checkup2action.ingestion.sniff import check_size
from checkup2action.pipeline import warm_up
from checkup2action.threads import THREADS_VARIABLE

log = logging.getLogger(__name__)

POLL_SECONDS: Final = 0.2
_prepared = False  # whether this Ray worker process has set its limits and warmed up


def _import_ray() -> Any:
    """The ``ray`` module, or a clear error naming the extra to install."""
    try:
        import ray
    except ImportError as exc:
        raise EngineNotAvailableError(
            "the ray engine needs the extra 'ray' (pip install 'checkup2action[ray]')"
        ) from exc
    return ray


def prepare_worker(config: WorkerConfig) -> None:
    """This Ray worker's limits and warm-up, once per worker process (the local worker's)."""
    global _prepared
    os.environ[THREADS_VARIABLE] = str(config.threads)
    if not _prepared:
        if config.max_memory_mb:
            limit_address_space(config.max_memory_mb)
        warm_up()
        _prepared = True


def ray_task(task: Task, config: WorkerConfig, content: bytes) -> TaskResult:
    """One document on a Ray worker: the file's content written under its own name in a
    temporary folder (a cluster's nodes need not share a file system with the machine that
    holds the inputs), then the task function."""
    prepare_worker(config)
    with tempfile.TemporaryDirectory(prefix="c2a-ray-") as folder:
        local = Path(folder) / Path(task.path).name
        local.write_bytes(content)
        reset_peak()
        result = run_guarded(
            resolve_runner(config.runner), replace(task, path=str(local)), config.options
        )
    return result.with_peak(peak_mb())


class RayEngine:
    """Runs tasks as Ray tasks, ``workers`` at a time."""

    name = "ray"

    def __init__(self, config: WorkerConfig, workers: int, limits: Limits, address: str | None):
        self.ray = _import_ray()
        self.config, self.workers, self.limits, self.address = config, workers, limits, address

    def _init(self) -> bool:
        """Connect to the cluster, or start a local instance; True when started here."""
        if self.ray.is_initialized():
            return False
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if self.address is None:
            options["num_cpus"] = self.workers
        self.ray.init(address=self.address, **options)
        return True

    def run(self, tasks: list[Task], on_done: OnDone) -> None:
        """Read every task, calling ``on_done`` here as each one ends."""
        started_here = self._init()
        remote = self.ray.remote(max_retries=0, num_cpus=1)(ray_task)
        warm = self.ray.remote(max_retries=0, num_cpus=1)(prepare_worker)
        # start and warm the workers first: a document's clock starts at its submission
        self.ray.get([warm.remote(self.config) for _ in range(self.workers)])
        pending = list(reversed(tasks))
        flight: dict[Any, tuple[Task, float]] = {}
        try:
            while pending or flight:
                while pending and len(flight) < self.workers:
                    task = pending.pop()
                    if (too_big := self._too_big(task)) is not None:
                        on_done(task, too_big)
                        continue
                    content = self.ray.put(Path(task.path).read_bytes())
                    flight[remote.remote(task, self.config, content)] = (task, time.monotonic())
                ready, _ = self.ray.wait(list(flight), num_returns=1, timeout=POLL_SECONDS)
                for ref in ready:
                    task, start = flight.pop(ref)
                    on_done(task, self._result(ref, start))
                self._cancel_late(flight, on_done)
        finally:
            for ref in flight:
                self.ray.cancel(ref, force=True)
            if started_here:
                self.ray.shutdown()

    def _too_big(self, task: Task) -> TaskResult | None:
        """The failure of a file over the size limit, found before its bytes are sent (the
        ingest stage's own check)."""
        try:
            check_size(Path(task.path), self.config.options.max_file_mb)
        except ResourceLimitError as exc:
            return failed(exc.code, exc.message, 0.0)
        return None

    def _cancel_late(self, flight: dict[Any, tuple[Task, float]], on_done: OnDone) -> None:
        """Cancel (with its worker) every task past the timeout."""
        if self.limits.timeout is None:
            return
        now = time.monotonic()
        for ref, (task, start) in list(flight.items()):
            if now - start > self.limits.timeout:
                self.ray.cancel(ref, force=True)
                del flight[ref]
                message = f"stopped after {self.limits.timeout:g} s"
                on_done(task, failed(DocumentTimeoutError.code, message, now - start))

    def _result(self, ref: Any, start: float) -> TaskResult:
        """A finished task's result, or the failure Ray reports for it."""
        exceptions = self.ray.exceptions
        elapsed = time.monotonic() - start
        try:
            result: TaskResult = self.ray.get(ref)
            return result
        except exceptions.OutOfMemoryError:
            return failed(ResourceLimitError.code, "killed for memory", elapsed)
        except (exceptions.WorkerCrashedError, exceptions.RayTaskError) as exc:
            log.info("batch: a Ray task died (%s)", type(exc).__name__)
            return failed(ParserCrashError.code, "the reader died", elapsed)
