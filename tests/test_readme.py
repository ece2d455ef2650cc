"""The README's Python examples run as written, each in a fresh interpreter from the repo root."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def python_blocks() -> list[str]:
    """Every fenced ```python block of the README, in order."""
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run code in a new interpreter at the repository root, as a reader would paste it."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_readme_has_python_examples() -> None:
    """The API section is still there (the test below would pass vacuously without it)."""
    assert python_blocks(), "README lost its Python examples"


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_readme_python_example_runs(index: int) -> None:
    """Each example exits cleanly; printed comments (`# expected`) match what it prints."""
    code = python_blocks()[index]
    done = run_python(code)
    assert done.returncode == 0, done.stderr[-2000:]
    for line in code.splitlines():
        m = re.match(r"print\((.*)\)\s+# (.+)$", line.strip())
        if m and "yields" not in m[2]:
            assert m[2].strip() in done.stdout, f"expected {m[2]!r} in output"


def test_top_level_ingest_is_the_function_whatever_was_imported_first() -> None:
    """`from checkup2action import ingest` gives the function even after stage imports."""
    code = (
        "import checkup2action.pipeline, checkup2action.ingestion\n"
        "from checkup2action import ingest, ingest_many\n"
        "assert callable(ingest) and ingest.__module__ == 'checkup2action.pipeline', ingest\n"
        "assert callable(ingest_many)\n"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr[-2000:]
