"""A bounded load test on loopback: 20 uploads at once to a real ``checkup2action serve`` (two
workers), born-digital and scanned; every one ends read, and ``/health`` answers within a second
all along (the API stays responsive while the workers are busy)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.service.conftest import SAMPLES
from tests.service.live import get_json, post_file, running_service

UPLOADS = (
    [SAMPLES / "en_us_lab_28.pdf"] * 8
    + [SAMPLES / "zh_ruled_37.pdf"] * 6
    + [SAMPLES / "zh_checkup_multi_42.pdf"] * 4
    + [SAMPLES / "scanned" / "zh_side_by_side_2_photo3_p1.jpg"]
    + [SAMPLES / "scanned" / "en_us_lab_2_scan5.pdf"]
)
HEALTH_LIMIT = 1.0


def _poll_health(base: str, stop: threading.Event, latencies: list[float]) -> None:
    """Ask /health every 0.2 s until told to stop, noting how long each answer took."""
    while not stop.is_set():
        start = time.perf_counter()
        try:
            get_json(f"{base}/health", timeout=5)
            latencies.append(time.perf_counter() - start)
        except OSError:
            latencies.append(float("inf"))
        stop.wait(0.2)


def _read(base: str, path: Path, deadline: float, steps: set[str]) -> tuple[str, int]:
    """Upload one file and wait for its job to end; its status, and the most jobs it was told
    were ahead of it in the queue (the steps it was seen on go into ``steps``)."""
    code, job = post_file(f"{base}/v1/reports", path)
    assert code == 202, job
    ahead = 0
    while time.monotonic() < deadline:
        body = get_json(f"{base}/v1/reports/{job['id']}")
        ahead = max(ahead, body.get("queue_position") or 0)
        if body.get("step"):
            steps.add(body["step"]["name"])
        if body["status"] in ("ok", "partial", "failed"):
            return str(body["status"]), ahead
        time.sleep(0.25)
    return "unfinished", ahead


@pytest.mark.slow
def test_twenty_concurrent_uploads_keep_health_fast(tmp_path: Path) -> None:
    assert len(UPLOADS) == 20
    with running_service(tmp_path, workers=2) as base:
        stop, latencies, steps = threading.Event(), [], set()
        poller = threading.Thread(target=_poll_health, args=(base, stop, latencies))
        poller.start()
        started = time.monotonic()
        try:
            with ThreadPoolExecutor(max_workers=len(UPLOADS)) as pool:
                deadline = started + 600
                ended = list(pool.map(lambda p: _read(base, p, deadline, steps), UPLOADS))
        finally:
            stop.set()
            poller.join()
        seconds = time.monotonic() - started
    statuses = [status for status, _ in ended]
    ahead = [waiting for _, waiting in ended]
    print(f"load: uploads={len(UPLOADS)} seconds={seconds:.1f} health_max={max(latencies):.3f}s")
    assert statuses.count("ok") + statuses.count("partial") == len(UPLOADS), statuses
    assert "OCR" in steps, steps  # a scan's reading is followed within the document
    assert max(ahead) >= 10  # 20 at once on 2 workers: the last ones wait behind most others
    assert len(latencies) >= 10
    assert max(latencies) < HEALTH_LIMIT, sorted(latencies)[-5:]
