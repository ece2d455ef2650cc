"""The engines a batch runs on, by name: ``local`` (worker processes on this machine) and ``ray``
(Ray tasks, on a local Ray instance or a cluster; extra ``ray``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from checkup2action.batch.local import Limits, LocalEngine, OnDone
from checkup2action.batch.task import Task
from checkup2action.batch.worker import WorkerConfig
from checkup2action.errors import OptionError


class Engine(Protocol):
    """Reads tasks and calls ``on_done`` (in the caller's process) as each one ends."""

    name: str

    def run(self, tasks: list[Task], on_done: OnDone) -> None:
        """Read every task."""
        ...


def _local(config: WorkerConfig, workers: int, limits: Limits, address: str | None) -> Engine:
    """The local engine (an address makes no sense for it)."""
    if address is not None:
        raise OptionError("--address is for the ray engine")
    return LocalEngine(config, workers, limits)


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
