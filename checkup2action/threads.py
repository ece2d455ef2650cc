"""How many threads each ONNX Runtime session may use (it ignores ``OMP_NUM_THREADS``), and
picture arithmetic shared among that many threads."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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


#: Rows of a picture handed to one thread at a time by :func:`in_row_bands`.
BAND_ROWS: Final = 128


def in_row_bands(height: int, band: Callable[[slice], object], rows: int = BAND_ROWS) -> None:
    """Call ``band`` on every slice of ``rows`` rows of ``range(height)``, the slices shared
    among :func:`onnx_threads` threads (numpy and OpenCV let go of the interpreter lock on
    large arrays). Each call must write only its own rows, so the result is the same as in one
    pass; a band's temporaries are a few MB instead of the whole picture's."""
    tops = range(0, height, rows)
    threads = onnx_threads()
    if threads == 1 or len(tops) == 1:
        for top in tops:
            band(slice(top, top + rows))
        return
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(lambda top: band(slice(top, top + rows)), tops))
