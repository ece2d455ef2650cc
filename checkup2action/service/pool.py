"""The service's reading pool: the batch engine's local worker processes (``batch.local``, the
same isolation, timeouts and memory caps as ``checkup2action batch``), fed from a queue by the
API and supervised from a thread of the service's process, so the API answers while workers
read."""

from __future__ import annotations

import logging
import threading
from queue import Queue

from checkup2action.batch.local import Limits, LocalEngine
from checkup2action.batch.task import Task, TaskResult, failed
from checkup2action.batch.worker import WorkerConfig
from checkup2action.service.config import ServiceConfig
from checkup2action.service.jobs import Job, JobStore

log = logging.getLogger("checkup2action.service")


class ReadingPool:
    """Worker processes reading the jobs of a ``JobStore`` as they are submitted."""

    def __init__(self, config: ServiceConfig, store: JobStore):
        self.store = store
        self.inbox: Queue[Task | None] = Queue()
        worker = WorkerConfig(
            options=config.options,
            max_memory_mb=config.max_memory_mb,
            threads=config.threads,
            runner=config.runner,
        )
        limits = Limits(timeout=config.timeout, max_memory_mb=config.max_memory_mb)
        self.engine = LocalEngine(worker, config.workers, limits)
        self.workers = self.engine.workers
        self.failure: BaseException | None = None
        self._thread = threading.Thread(target=self._supervise, name="reading-pool", daemon=True)

    def start(self) -> None:
        """Start the workers (they warm up in the background)."""
        self._thread.start()

    def submit(self, job: Job) -> None:
        """Queue a stored upload for reading."""
        self.inbox.put(Task(name=job.id, path=str(job.input_path), sha256=job.sha256))

    def stop(self) -> None:
        """Let the workers finish what they hold, then end them."""
        self.inbox.put(None)
        self._thread.join(timeout=30)

    @property
    def alive(self) -> bool:
        """Whether the supervisor runs (it stops only when asked, or on a fault of its own)."""
        return self._thread.is_alive()

    def _supervise(self) -> None:
        """The supervisor thread: the engine's long-running loop."""
        try:
            self.engine.serve(self.inbox, self._done, self._started)
        except BaseException as exc:  # a pool that cannot start workers: /health says so
            self.failure = exc
            log.error("reading pool stopped: %s", type(exc).__name__)
            code = getattr(exc, "code", "STAGE_ERROR")
            self.store.fail_pending(failed(code, "the reading workers stopped", 0.0))

    def _started(self, task: Task) -> None:
        """A worker took a job."""
        self.store.start(task.name)

    def _done(self, task: Task, result: TaskResult) -> None:
        """A job ended: record it and log its id, status, code and time only."""
        self.store.finish(task.name, result)
        log.info(
            "job %s %s%s in %.2fs",
            task.name,
            result.status,
            f" ({result.error_code})" if result.error_code else "",
            result.seconds,
        )
