"""Shared fixtures of the dataset tests: input trees of bundled samples, and a fake pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from checkup2action import pipeline
from checkup2action.dataset import BuildOptions, BuildSummary, build_dataset
from checkup2action.deid.scrub import DeidOptions
from checkup2action.errors import NotADocumentError
from checkup2action.fileio import sha256_of
from checkup2action.report.models import StructuredReport
from tests.report.test_writers import make_report

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Names that stand for a patient's: they must not reach any output unless names are kept.
PATIENT_WORDS = ("Jane", "Doe", "Smith", "copy")


def sample_tree(root: Path) -> Path:
    """An input tree of born-digital samples: two different reports of the same file name in two
    folders, one of them copied again deeper down, and a file that is no PDF."""
    inp = root / "in"
    for folder in (inp / "a", inp / "b" / "deeper"):
        folder.mkdir(parents=True)
    shutil.copy(SAMPLES / "en_headerless_35.pdf", inp / "a" / "Jane Doe.pdf")
    shutil.copy(SAMPLES / "zh_ruled_37.pdf", inp / "b" / "Jane Doe.pdf")
    shutil.copy(SAMPLES / "zh_ruled_37.pdf", inp / "b" / "deeper" / "Jane Doe copy.pdf")
    (inp / "Broken Smith.pdf").write_bytes(b"this is not a PDF\n")
    (inp / "notes.txt").write_text("not an input\n")
    return inp


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BuildSummary]:
    """The sample tree built once per module with default options: (input, output, summary)."""
    root = tmp_path_factory.mktemp("dataset")
    inp = sample_tree(root)
    summary = build_dataset(inp, root / "out")
    return inp, root / "out", summary


def fake_report(path: Path) -> StructuredReport:
    """A small report (one mapped, two unmapped results) carrying the file's real hash."""
    report = make_report()
    sha = sha256_of(path)
    source = report.source.model_copy(update={"sha256": sha, "file_name": f"{sha[:16]}.pdf"})
    return report.model_copy(update={"source": source})


@pytest.fixture
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the pipeline: 'broken*' is no document, 'boom*' crashes with a value in its
    message, 'empty*' gives no result, others give ``fake_report``; returns the names read."""
    calls: list[str] = []

    def fake(path: str | Path, *, options: object = None) -> StructuredReport:
        path = Path(path)
        calls.append(path.name)
        if path.name.lower().startswith("broken"):
            raise NotADocumentError("not a PDF or a picture file", file=path.name)
        if path.name.startswith("boom"):
            raise RuntimeError(f"secret text Roe 4711 in {path.name}")
        report = fake_report(path)
        if path.name.startswith("empty"):
            return report.model_copy(update={"lab_results": []})
        return report

    monkeypatch.setattr(pipeline, "ingest", fake)
    return calls


def placeholder_tree(root: Path, *names: str) -> Path:
    """An input folder of small placeholder PDFs, each with its own content."""
    inp = root / "in"
    inp.mkdir(parents=True, exist_ok=True)
    for name in names:
        (inp / name).parent.mkdir(parents=True, exist_ok=True)
        (inp / name).write_bytes(b"%PDF-1.7\n% " + name.encode() + b"\n")
    return inp


def build_options(*, retry_failed: bool = False, **deid: Any) -> BuildOptions:
    """Build options with the given de-identification settings."""
    return BuildOptions(pipeline.PipelineOptions(deid=DeidOptions(**deid)), retry_failed)
