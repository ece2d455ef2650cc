"""Memory of a process, read from ``/proc`` (Linux), and the limits a worker sets on itself.

A worker's resident memory (RSS) is watched by its supervisor, which stops the worker past the
batch's ``--max-memory``. A worker also limits its own address space to what it has mapped when it starts, plus that,
plus ``ADDRESS_SPACE_HEADROOM_MB`` (the virtual memory ONNX Runtime, thread stacks and allocator
arenas reserve but never touch), so one huge allocation (a bomb) fails at once with a
``MemoryError`` instead of growing faster than the supervisor looks.
"""

from __future__ import annotations

import logging
import os
import resource
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

ADDRESS_SPACE_HEADROOM_MB: Final = 4096
_PAGE_BYTES: Final = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_MB: Final = 1024 * 1024


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB, or None when it is gone (or not on Linux)."""
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except (OSError, IndexError):
        return None
    return int(fields[1]) * _PAGE_BYTES / _MB


def _status_mb(key: str) -> float | None:
    """A memory line (``VmHWM``, ``VmRSS``) of this process's ``/proc/self/status``, in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def reset_peak() -> None:
    """Start this process's peak resident memory (``VmHWM``) again from now (Linux 4.0+)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        log.debug("peak memory cannot be reset here")


def peak_mb() -> float | None:
    """This process's peak resident memory in MB since start or ``reset_peak``."""
    return _status_mb("VmHWM")


def limit_address_space(max_memory_mb: float) -> None:
    """Cap this process's address space at what it has mapped now plus ``max_memory_mb`` and
    the headroom (a Ray worker maps its object store before any task); a no-op where the
    platform has no such limit."""
    mapped = _status_mb("VmSize") or 0.0
    limit = int((mapped + max_memory_mb + ADDRESS_SPACE_HEADROOM_MB) * _MB)
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError, AttributeError):
        log.debug("address-space limit not available")
