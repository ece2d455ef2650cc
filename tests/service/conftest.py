"""Fixtures of the service's tests: a running app (its worker pool started) and a helper that
waits for a job to end."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from checkup2action.service.app import create_app
from checkup2action.service.config import ServiceConfig

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
#: The test client's address: a loopback name, which the host guard lets through.
BASE_URL = "http://127.0.0.1:8000"


def client_for(config: ServiceConfig) -> TestClient:
    """A test client of an app with ``config`` (enter it to start the pool)."""
    return TestClient(create_app(config), base_url=BASE_URL)


def wait_done(client: TestClient, job_id: str, timeout: float = 120.0) -> dict[str, Any]:
    """The job's status once it has ended (ok, partial or failed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/v1/reports/{job_id}").json()
        if body["status"] in ("ok", "partial", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not end in {timeout} s")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data directory of the module's service."""
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def client(data_dir: Path) -> Iterator[TestClient]:
    """A service with two workers, a 1 MB upload cap, an 8 s timeout and the faulty runner."""
    config = ServiceConfig(
        data_dir=data_dir,
        max_upload_mb=1.0,
        workers=2,
        timeout=8.0,
        runner="tests.service.faults:misbehave",
    )
    with client_for(config) as test_client:
        yield test_client
