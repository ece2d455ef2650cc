"""A task function for the service's tests (``ServiceConfig.runner``; it runs in spawned
workers): an upload holding ``HANG`` sleeps for ever, one holding ``CRASH`` kills its own
process, anything else is read as the service reads it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from checkup2action.batch.task import Task, TaskResult
from checkup2action.pipeline import PipelineOptions
from checkup2action.service.outputs import read_for_viewer


def misbehave(task: Task, options: PipelineOptions) -> TaskResult:
    """Hang or crash on the marked uploads; read the others."""
    head = Path(task.path).read_bytes()[:256]
    if b"HANG" in head:
        time.sleep(3600)
    if b"CRASH" in head:
        os.kill(os.getpid(), signal.SIGSEGV)
    return read_for_viewer(task, options)
