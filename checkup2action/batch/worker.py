"""The loop of one local batch worker process (started with ``spawn``): set its limits, then read
the tasks its supervisor sends, one at a time, and send each result back.

Models (OCR, layout) load on the first document that needs them and stay for the worker's life:
the engines are cached by their options (``ocr.rapid``, ``layout.regions``).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection

from checkup2action.batch.limits import limit_address_space, peak_mb, reset_peak
from checkup2action.batch.task import DEFAULT_RUNNER, resolve_runner, run_guarded
from checkup2action.pipeline import PipelineOptions, warm_up
from checkup2action.threads import THREADS_VARIABLE

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """What every worker of a batch shares: pipeline options, memory limit, ONNX threads and the
    task function (``module:function``)."""

    options: PipelineOptions
    max_memory_mb: float | None = None
    threads: int = 1
    runner: str = DEFAULT_RUNNER


#: What a worker sends once it has started and warmed up, before any result.
READY = "ready"


def worker_main(conn: Connection, config: WorkerConfig) -> None:
    """Warm up, say so, then serve tasks until the supervisor sends None or goes away."""
    os.environ[THREADS_VARIABLE] = str(config.threads)
    if config.max_memory_mb:
        limit_address_space(config.max_memory_mb)
    run = resolve_runner(config.runner)
    warm_up()
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        reset_peak()
        result = run_guarded(run, task, config.options)
        conn.send(result.with_peak(peak_mb()))
