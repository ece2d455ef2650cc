"""``checkup2action dataset build`` through typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from checkup2action.cli import app
from checkup2action.report.models import StructuredReport
from tests.dataset.conftest import PATIENT_WORDS, placeholder_tree, sample_tree

runner = CliRunner()


def test_build_on_samples(tmp_path: Path) -> None:
    inp = sample_tree(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["dataset", "build", str(inp), "-o", str(out)])
    assert result.exit_code == 3, result.output  # the broken file failed; the others did not
    assert "3 documents (4 files): 2 ok, 0 partial, 1 failed; 3 read now" in result.stdout
    assert "[NOT_A_DOCUMENT]" in result.stderr and "Traceback" not in result.output
    assert not any(word in result.output for word in PATIENT_WORDS)  # hashes, not names
    results = pd.read_parquet(out / "results.parquet")
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    reports = [StructuredReport.model_validate_json(line) for line in lines]
    assert len(results) == sum(len(r.lab_results) for r in reports) > 0
    assert results["sha256"].nunique() == 2
    again = runner.invoke(app, ["dataset", "build", str(inp), "-o", str(out), "-q"])
    assert again.exit_code == 3 and again.output == ""  # nothing read again, nothing to say


def test_all_ok_exit_0_and_quiet(tmp_path: Path, fake_ingest: list[str]) -> None:
    inp = placeholder_tree(tmp_path, "a.pdf", "sub/a.pdf")
    args = ["dataset", "build", str(inp), "-o", str(tmp_path / "o"), "-q", "-w", "0"]
    result = runner.invoke(app, args)  # in this process: the fake pipeline is here only
    assert result.exit_code == 0 and result.output == ""
    assert fake_ingest == ["a.pdf", "a.pdf"]  # two documents of one name, both read


def test_retry_failed_and_keep_filenames_flags(tmp_path: Path, fake_ingest: list[str]) -> None:
    inp = placeholder_tree(tmp_path, "broken.pdf", "fine.pdf")
    args = ["dataset", "build", str(inp), "-o", str(tmp_path / "o"), "--keep-filenames", "-w", "0"]
    first = runner.invoke(app, args)
    assert first.exit_code == 3 and "broken.pdf: failed: not a PDF" in first.stderr
    assert (tmp_path / "o" / "reports" / "fine.pdf.json").is_file()
    fake_ingest.clear()
    retried = runner.invoke(app, [*args, "--retry-failed", "--date-policy", "keep"])
    assert retried.exit_code == 3 and fake_ingest == ["broken.pdf"]
    assert "1 read now, 1 done earlier" in retried.stdout


@pytest.mark.parametrize("case", ["missing", "empty", "out-file", "bad-policy"])
def test_usage_errors_exit_2(tmp_path: Path, fake_ingest: list[str], case: str) -> None:
    inp = placeholder_tree(tmp_path, "a.pdf")
    (tmp_path / "empty").mkdir()
    (tmp_path / "file").write_text("x")
    args = {
        "missing": [str(tmp_path / "nope"), "-o", str(tmp_path / "o")],
        "empty": [str(tmp_path / "empty"), "-o", str(tmp_path / "o")],
        "out-file": [str(inp), "-o", str(tmp_path / "file")],
        "bad-policy": [str(inp), "-o", str(tmp_path / "o"), "--date-policy", "week"],
    }[case]
    result = runner.invoke(app, ["dataset", "build", *args])
    assert result.exit_code == 2 and fake_ingest == []
    assert "Traceback" not in result.output


def test_unexpected_error_while_writing_is_one_line(
    tmp_path: Path, fake_ingest: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from checkup2action.dataset import build

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("value 4711")

    monkeypatch.setattr(build, "write_outputs", fail)
    inp = placeholder_tree(tmp_path, "a.pdf")
    result = runner.invoke(app, ["dataset", "build", str(inp), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert (
        result.stderr.strip().splitlines()[-1] == "checkup2action: unexpected error (RuntimeError)"
    )
    assert "4711" not in result.output


def test_workers_build_the_same_dataset_as_one_process(tmp_path: Path) -> None:
    inp = sample_tree(tmp_path)
    for workers in ("0", "2"):
        args = ["dataset", "build", str(inp), "-o", str(tmp_path / workers), "-w", workers]
        assert runner.invoke(app, args).exit_code == 3  # the broken file
    for name in ("reports.jsonl", "manifest.csv"):
        inline, isolated = (tmp_path / w / name for w in ("0", "2"))
        assert _stable(inline) == _stable(isolated)


def _stable(path: Path) -> list[str]:
    """A table's lines without the columns that differ between runs (seconds, time of day)."""
    if path.suffix == ".jsonl":
        return path.read_text(encoding="utf-8").splitlines()
    frame = pd.read_csv(path).drop(columns=["seconds", "processed_at"])
    return frame.to_csv(index=False).splitlines()
