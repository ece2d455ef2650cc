"""Build behaviour with a fake pipeline: failures recorded and the build goes on, partial
reports, interruption and resumption, stale reports, missing pyarrow and bad directories."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from checkup2action import pipeline
from checkup2action.dataset import build_dataset
from checkup2action.errors import EngineNotAvailableError, OptionError
from checkup2action.report.models import StructuredReport
from tests.dataset.conftest import build_options, fake_report, placeholder_tree


def _rows(out: Path) -> dict[str, dict[str, str]]:
    """The manifest's rows by status and error code, for small trees with one of each."""
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {r["error_code"] or r["status"]: r for r in csv.DictReader(fh)}


def test_failures_are_rows_and_the_build_goes_on(tmp_path: Path, fake_ingest: list[str]) -> None:
    inp = placeholder_tree(tmp_path, "boom.pdf", "broken.pdf", "empty.pdf", "x/fine.pdf")
    out = tmp_path / "out"
    summary = build_dataset(inp, out)
    assert sorted(fake_ingest) == ["boom.pdf", "broken.pdf", "empty.pdf", "fine.pdf"]
    assert summary.statuses == {"ok": 1, "partial": 1, "failed": 2}
    rows = _rows(out)
    assert rows["UNEXPECTED_ERROR"]["error_message"] == "unexpected error (RuntimeError)"
    assert rows["NOT_A_DOCUMENT"]["status"] == "failed"
    assert rows["partial"]["results"] == "0" and rows["ok"]["results"] == "3"
    assert all("4711" not in p.read_text("utf-8-sig") for p in out.glob("*.[cjm]*"))


class Interrupted(BaseException):
    """Stands for Ctrl-C (pytest keeps a real KeyboardInterrupt for itself)."""


def test_interrupted_build_resumes_where_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inp = placeholder_tree(tmp_path, "a.pdf", "b.pdf", "c.pdf")
    calls: list[str] = []
    stop = [True]

    def stop_at_second(path: str | Path, *, options: object = None) -> StructuredReport:
        calls.append(Path(path).name)
        if len(calls) == 2 and stop:
            stop.clear()
            raise Interrupted
        return fake_report(Path(path))

    monkeypatch.setattr(pipeline, "ingest", stop_at_second)
    with pytest.raises(Interrupted):
        build_dataset(inp, tmp_path / "out")
    assert (tmp_path / "out" / "state.json").is_file()  # saved on the way out
    calls.clear()
    summary = build_dataset(inp, tmp_path / "out")
    assert (summary.processed, summary.skipped) == (2, 1) and len(calls) == 2
    assert summary.statuses == {"ok": 3}


def test_names_kept_then_not_leaves_no_named_report(tmp_path: Path, fake_ingest: list[str]) -> None:
    inp = placeholder_tree(tmp_path, "Jane Doe/visit.pdf")
    out = tmp_path / "out"
    build_dataset(inp, out, build_options(keep_filenames=True))
    assert (out / "reports" / "Jane Doe" / "visit.pdf.json").is_file()
    summary = build_dataset(inp, out)  # other options: read again, named by hash
    assert summary.processed == 1
    names = [p.name for p in (out / "reports").iterdir()]  # the folder went too
    assert len(names) == 1 and "Jane" not in names[0] and names[0].endswith(".pdf.json")
    assert "Jane" not in (out / "state.json").read_text(encoding="utf-8")


def test_missing_pyarrow_fails_before_reading(
    tmp_path: Path, fake_ingest: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inp = placeholder_tree(tmp_path, "a.pdf")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    with pytest.raises(EngineNotAvailableError, match=r"checkup2action\[dataset\]"):
        build_dataset(inp, tmp_path / "out")
    assert fake_ingest == []


def test_bad_directories(tmp_path: Path, fake_ingest: list[str]) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "file.txt").write_text("x")
    inp = placeholder_tree(tmp_path, "a.pdf")
    with pytest.raises(OptionError, match="not a directory"):
        build_dataset(tmp_path / "missing", tmp_path / "out")
    with pytest.raises(OptionError, match="no PDF or picture"):
        build_dataset(tmp_path / "empty", tmp_path / "out")
    with pytest.raises(OptionError, match="output path is not a directory"):
        build_dataset(inp, tmp_path / "file.txt")
    with pytest.raises(OptionError, match="must not be the input"):
        build_dataset(inp, inp)
    assert fake_ingest == []


def test_hidden_files_and_other_suffixes_are_not_inputs(
    tmp_path: Path, fake_ingest: list[str]
) -> None:
    inp = placeholder_tree(tmp_path, "a.PDF", ".hidden.pdf", ".git/b.pdf", "notes.txt", "s/c.pdf")
    summary = build_dataset(inp, tmp_path / "out")
    assert sorted(fake_ingest) == ["a.PDF", "c.pdf"] and summary.files == 2
