"""Threads per process: the ONNX setting and picture arithmetic shared in bands of rows."""

from __future__ import annotations

import threading

import pytest

from checkup2action.threads import THREADS_VARIABLE, in_row_bands, onnx_threads


@pytest.mark.parametrize("threads", ["1", "2"])
@pytest.mark.parametrize(("height", "rows"), [(0, 4), (1, 4), (4, 4), (10, 4), (9, 3)])
def test_every_row_is_handed_out_once(monkeypatch, threads, height, rows):
    monkeypatch.setenv(THREADS_VARIABLE, threads)
    seen: list[int] = []
    lock = threading.Lock()

    def band(part: slice) -> None:
        with lock:
            seen.extend(range(height)[part])

    in_row_bands(height, band, rows=rows)
    assert sorted(seen) == list(range(height))


def test_bands_share_the_threads_the_process_may_use(monkeypatch):
    monkeypatch.setenv(THREADS_VARIABLE, "2")
    if onnx_threads() < 2:
        pytest.skip("a one-core machine runs bands in turn")
    names: set[str] = set()
    barrier = threading.Barrier(2, timeout=10)

    def band(part: slice) -> None:
        names.add(threading.current_thread().name)
        barrier.wait()  # both bands run at once, or this times out

    in_row_bands(8, band, rows=4)
    assert len(names) == 2


def test_a_band_error_reaches_the_caller(monkeypatch):
    monkeypatch.setenv(THREADS_VARIABLE, "2")

    def band(part: slice) -> None:
        raise RuntimeError("made-up failure")

    with pytest.raises(RuntimeError, match="made-up failure"):
        in_row_bands(10, band, rows=4)
