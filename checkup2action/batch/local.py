"""The local engine: N worker processes (``spawn``), each reading one document at a time, watched
by this process.

A worker that passes the wall-clock limit on a document is killed (``TIMEOUT``); one whose
resident memory passes the limit is killed (``RESOURCE_LIMIT``); one that dies on its own
(``PARSER_CRASH``, or ``RESOURCE_LIMIT`` when the system's OOM killer took it near the limit) is
replaced. Only that document fails; the batch goes on with a fresh worker.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait
from queue import Empty, Queue
from typing import Any, Final

from checkup2action.batch.limits import rss_mb
from checkup2action.batch.task import Task, TaskResult, failed
from checkup2action.batch.worker import READY, WorkerConfig, worker_main
from checkup2action.errors import (
    DocumentTimeoutError,
    ParserCrashError,
    ResourceLimitError,
    StageError,
)

log = logging.getLogger(__name__)

POLL_SECONDS: Final = 0.1
#: A worker that dies with its memory this close to the limit is counted a memory failure.
NEAR_LIMIT: Final = 0.9

OnDone = Callable[[Task, TaskResult], None]
OnStart = Callable[[Task], None]
#: Tasks for a long-running pool; None ends it.
Inbox = Queue[Task | None]


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits: wall-clock seconds and resident memory in MB (None: none)."""

    timeout: float | None = None
    max_memory_mb: float | None = None


class _Worker:
    """One worker process, its pipe and the task it is on."""

    def __init__(self, ctx: Any, config: WorkerConfig):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0
        self.peak = 0.0
        self.ready = False  # the worker has started and warmed up

    def assign(self, task: Task) -> None:
        """Send the worker a document."""
        self.task, self.started, self.peak = task, time.monotonic(), 0.0
        self.conn.send(task)

    def kill(self) -> None:
        """Stop the worker at once."""
        if self.process.is_alive() and self.process.pid is not None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to end, and make sure it does."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.kill()
        self.conn.close()


class LocalEngine:
    """Runs tasks on ``workers`` local processes under ``limits``."""

    name = "local"

    def __init__(self, config: WorkerConfig, workers: int, limits: Limits):
        self.config = config
        self.workers = max(1, workers)
        self.limits = limits
        self.ctx = multiprocessing.get_context("spawn")

    def run(self, tasks: list[Task], on_done: OnDone) -> None:
        """Read every task, calling ``on_done`` as each one ends (in this process)."""
        queue = deque(tasks)
        self._supervise(
            min(self.workers, len(tasks)),
            lambda block=False: queue.popleft() if queue else None,  # a list never waits
            lambda: bool(queue),
            on_done,
        )

    def serve(self, inbox: Inbox, on_done: OnDone, on_start: OnStart | None = None) -> None:
        """Read tasks as they arrive in ``inbox`` until it yields None (a long-running pool: the
        workers start at once and stay warm between documents)."""
        closed = False

        def next_task(block: bool = False) -> Task | None:
            nonlocal closed
            if closed:
                return None
            try:
                task = inbox.get(timeout=POLL_SECONDS) if block else inbox.get_nowait()
            except Empty:
                return None
            closed = task is None
            return task

        self._supervise(self.workers, next_task, lambda: not closed, on_done, on_start)

    def _supervise(
        self,
        size: int,
        next_task: Callable[..., Task | None],
        more: Callable[[], bool],
        on_done: OnDone,
        on_start: OnStart | None = None,
    ) -> None:
        """The supervisor loop: hand tasks to ``size`` workers, watch them, replace the lost."""
        pool = [_Worker(self.ctx, self.config) for _ in range(size)]
        try:
            while more() or any(w.task for w in pool):
                for index, worker in enumerate(pool):
                    if worker.task is None and (task := next_task()) is not None:
                        pool[index] = self._assign(worker, task, on_start)
                busy = [w for w in pool if w.task is not None]
                if not busy:  # an idle pool waits on its inbox, not on its workers
                    if (task := next_task(True)) is not None:
                        pool[0] = self._assign(pool[0], task, on_start)
                    continue
                wait([w.conn for w in busy] + [w.process.sentinel for w in busy], POLL_SECONDS)
                for index, worker in enumerate(pool):
                    if worker.task is None or (checked := self._check(worker)) is None:
                        continue
                    (result, restart), task = checked, worker.task
                    worker.task = None
                    if restart:
                        worker.kill()
                        pool[index] = _Worker(self.ctx, self.config)
                    if (following := next_task()) is not None:  # the worker reads while we write
                        pool[index] = self._assign(pool[index], following, on_start)
                    on_done(task, result)
        finally:
            for worker in pool:
                worker.stop() if worker.task is None else worker.kill()

    def _assign(self, worker: _Worker, task: Task, on_start: OnStart | None = None) -> _Worker:
        """Give a worker a task; a worker gone while idle is replaced first."""
        if on_start is not None:
            on_start(task)
        try:
            worker.assign(task)
        except (OSError, ValueError):  # its pipe is broken: it died between documents
            worker.kill()
            worker = _Worker(self.ctx, self.config)
            worker.assign(task)
        return worker

    def _check(self, worker: _Worker) -> tuple[TaskResult, bool] | None:
        """The worker's result, or the failure it ended in, and whether the worker must be
        replaced; None while it works."""
        if worker.conn.poll():
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                message = None  # the worker died while sending: judged below
            if message == READY:  # the document's clock starts now, not at the worker's start
                worker.ready, worker.started = True, time.monotonic()
                return None
            if isinstance(message, TaskResult):
                return message, _out_of_memory(message)
        elapsed = time.monotonic() - worker.started
        if not worker.process.is_alive():
            return self._died(worker, elapsed), True
        stopped = self._over_limits(worker, elapsed)
        return None if stopped is None else (stopped, True)

    def _over_limits(self, worker: _Worker, elapsed: float) -> TaskResult | None:
        """The failure of a worker past its time or memory limit, else None."""
        assert worker.task is not None
        if self.limits.timeout is not None and elapsed > self.limits.timeout:
            log.info("batch: %s timed out after %.0fs", worker.task.sha256[:16], elapsed)
            return failed(
                DocumentTimeoutError.code,
                f"stopped after {self.limits.timeout:g} s",
                elapsed,
                worker.peak or None,
            )
        rss = rss_mb(worker.process.pid or 0) or 0.0
        worker.peak = max(worker.peak, rss)
        limit = self.limits.max_memory_mb
        if limit is not None and rss > limit:
            log.info("batch: %s over the memory limit", worker.task.sha256[:16])
            return failed(
                ResourceLimitError.code,
                f"stopped at {rss:.0f} MB (limit {limit:g} MB)",
                elapsed,
                rss,
            )
        return None

    def _died(self, worker: _Worker, elapsed: float) -> TaskResult:
        """The failure of a worker that died on a document: a crash, or the OOM killer near the
        memory limit. A worker that died before it was ready is no document's fault: the batch
        stops (StageError) rather than fail every document alike."""
        code = worker.process.exitcode
        if not worker.ready:
            raise StageError(
                f"a batch worker could not start (exit code {code}); run the batch from the"
                " command line or a script file (a worker started with 'spawn' imports it)"
            )
        limit = self.limits.max_memory_mb
        if code == -signal.SIGKILL and limit is not None and worker.peak >= NEAR_LIMIT * limit:
            return failed(ResourceLimitError.code, "killed for memory", elapsed, worker.peak)
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return failed(ParserCrashError.code, f"the reader died ({how})", elapsed, worker.peak)


def _out_of_memory(result: TaskResult) -> bool:
    """Whether a worker ran out of memory inside (its heap may be left fragmented: replace it)."""
    return result.error_code == ResourceLimitError.code and "memory" in (result.error_message or "")
