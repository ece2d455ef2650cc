"""The ``serve`` command's own behaviour: the settings it hands the app, the warning when it
listens beyond loopback, and the plain error when the ``serve`` extra is missing."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from checkup2action.cli import app
from checkup2action.service.config import LOOPBACK_HOSTS


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``uvicorn.run`` was called with (nothing is served)."""
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    return seen


def test_serve_defaults_to_loopback(started: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "8765", "--max-upload-mb", "5"])
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8765
    assert "warning" not in result.output


def test_serve_beyond_loopback_warns_and_allows_that_host(started: dict[str, Any]) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--host", "10.1.2.3", "--allow-host", "Clinic.Local"]
    )
    assert result.exit_code == 0, result.output
    assert "other machines can reach the service" in result.output
    guard = next(m for m in started["app"].user_middleware if m.cls.__name__ == "HostGuard")
    assert guard.kwargs["allowed"] == LOOPBACK_HOSTS | {"10.1.2.3", "clinic.local"}


def test_serve_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn raises ImportError
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "checkup2action[serve]" in result.output
