"""The engines a batch runs on, by name: ``local`` (worker processes on this machine) and ``ray``
(Ray tasks, on a local Ray instance or a cluster; extra ``ray``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from checkup2action.batch.local import Limits, LocalEngine, OnDone
from checkup2action.batch.task import Task, resolve_runner, run_guarded
from checkup2action.batch.worker import WorkerConfig
from checkup2action.errors import OptionError


class Engine(Protocol):
    """Reads tasks and calls ``on_done`` (in the caller's process) as each one ends."""

    name: str

    def run(self, tasks: list[Task], on_done: OnDone) -> None:
        """Read every task."""
        ...


class InlineEngine:
    """Reads tasks one after another in this process: no isolation and no limits (``workers``
    0: for debugging, and for callers that must not start processes)."""

    name = "inline"

    def __init__(self, config: WorkerConfig):
        self.config = config

    def run(self, tasks: list[Task], on_done: OnDone) -> None:
        """Read every task here."""
        run = resolve_runner(self.config.runner)
        for task in tasks:
            on_done(task, run_guarded(run, task, self.config.options))


def _local(config: WorkerConfig, workers: int, limits: Limits, address: str | None) -> Engine:
    """The local engine, or the inline one for 0 workers (an address makes no sense here)."""
    if address is not None:
        raise OptionError("--address is for the ray engine")
    return InlineEngine(config) if workers == 0 else LocalEngine(config, workers, limits)


def _ray(config: WorkerConfig, workers: int, limits: Limits, address: str | None) -> Engine:
    """The Ray engine, imported only when asked for."""
    from checkup2action.batch.rayengine import RayEngine

    return RayEngine(config, workers, limits, address)


ENGINES: dict[str, Callable[[WorkerConfig, int, Limits, str | None], Engine]] = {
    "local": _local,
    "ray": _ray,
}


def make_engine(
    name: str, config: WorkerConfig, workers: int, limits: Limits, address: str | None = None
) -> Engine:
    """The engine called ``name``."""
    if name not in ENGINES:
        raise OptionError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    return ENGINES[name](config, workers, limits, address)
