"""How many threads each ONNX Runtime session may use (it ignores ``OMP_NUM_THREADS``)."""

from __future__ import annotations

import os
from typing import Final

#: Set by a batch worker so that workers × threads does not exceed the cores.
THREADS_VARIABLE: Final = "C2A_ONNX_THREADS"


def onnx_threads() -> int:
    """Intra-op threads: ``C2A_ONNX_THREADS`` when set, else 2, or fewer on a smaller machine."""
    cores = os.cpu_count() or 1
    try:
        wanted = int(os.environ.get(THREADS_VARIABLE, "2"))
    except ValueError:
        wanted = 2
    return max(1, min(wanted, cores))
