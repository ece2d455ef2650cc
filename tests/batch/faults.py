"""Task functions that misbehave on purpose, for the batch engines' tests (named by
``module:function`` in ``BatchOptions.runner``; they run in spawned workers).

Each one does its fault for inputs whose name holds a keyword and reads the others normally.
"""

from __future__ import annotations

import os
import signal
import time

from checkup2action.batch.task import Task, TaskResult, read_task
from checkup2action.pipeline import PipelineOptions

#: Where ``models_loaded`` writes a line per task (set by the test before the workers start).
LOG_VARIABLE = "C2A_TEST_TASK_LOG"


def misbehave(task: Task, options: PipelineOptions) -> TaskResult:
    """``hang`` sleeps for ever, ``crash`` kills its own process, ``balloon`` grows its memory
    step by step, ``bomb`` asks for 64 GB at once; anything else is read."""
    if "hang" in task.name:
        time.sleep(3600)
    if "crash" in task.name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "balloon" in task.name:
        held = []
        while True:
            held.append(bytearray(b"x" * (64 << 20)))  # touched: resident
            time.sleep(0.02)
    if "bomb" in task.name:
        bytearray(64 << 30)
    return read_task(task, options)


def models_loaded(task: Task, options: PipelineOptions) -> TaskResult:
    """Load the OCR engine the pipeline uses (cached by its options), note the process and how
    many times the engine was built in it, then read the document."""
    from checkup2action.ocr.rapid import RapidOcrOptions, _cached_engine, create_rapid_engine

    create_rapid_engine(RapidOcrOptions())
    with open(os.environ[LOG_VARIABLE], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {_cached_engine.cache_info().misses}\n")
    return read_task(task, options)
