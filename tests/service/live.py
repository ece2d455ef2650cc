"""A real service on a free loopback port, started as the README says (``checkup2action serve``
in its own process), and a stdlib client for it: what the load and browser tests talk to."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get_json(url: str, timeout: float = 10.0) -> Any:
    """GET a URL's JSON."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


def post_file(url: str, path: Path, timeout: float = 60.0) -> tuple[int, Any]:
    """POST a file as the multipart field ``file``; the status and the JSON answer."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@contextmanager
def running_service(data_dir: Path, workers: int = 2, ready_within: float = 120.0) -> Iterator[str]:
    """``checkup2action serve`` on a free port, until the block ends; yields its base URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "checkup2action.cli", "serve", "--port", str(port),
        "--workers", str(workers), "--data-dir", str(data_dir),
    ]  # fmt: skip
    log = (data_dir / "serve.log").open("wb")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within
        while True:
            try:
                get_json(f"{base}/health", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"serve did not start: {log.name}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
