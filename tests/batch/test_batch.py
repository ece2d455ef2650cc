"""``batch``: one status line per input, reports for the rest, reruns that skip what is done, and
workers that fail alone (timeout, crash, memory) while the batch goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checkup2action.batch.run import STATUS_FILE, BatchOptions, run_batch
from checkup2action.cli import app
from checkup2action.errors import StageError
from checkup2action.pipeline import PipelineOptions
from tests.batch.faults import LOG_VARIABLE

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FAULTS = "tests.batch.faults:misbehave"


def _inputs(root: Path, *extra: str) -> Path:
    """Two born-digital samples (one also in a sub-folder), an empty file, a text file, and
    a copy of a sample under each ``extra`` name (for the faulty runners), each with its own
    content (a comment after the end), so that none is read once for all."""
    root.mkdir()
    (root / "sub").mkdir()
    shutil.copy(SAMPLES / "en_us_lab_28.pdf", root / "lab.pdf")
    shutil.copy(SAMPLES / "en_us_lab_28.pdf", root / "sub" / "copy.pdf")
    shutil.copy(SAMPLES / "zh_ruled_37.pdf", root / "zh.pdf")
    (root / "empty.pdf").write_bytes(b"")
    (root / "notes.txt").write_text("not a report")
    (root / ".hidden.pdf").write_bytes(b"")
    for name in extra:
        pdf = (SAMPLES / "zh_ruled_37.pdf").read_bytes()
        (root / name).write_bytes(pdf + f"\n% {name}\n".encode())
    return root


def _status(out: Path) -> dict[str, dict]:
    """The status file's records by input name (and a check of one line per input)."""
    lines = [json.loads(line) for line in (out / STATUS_FILE).read_text().splitlines()]
    names = [line["input"] for line in lines]
    assert len(names) == len(set(names)) and names == sorted(names)
    return {line["input"]: line for line in lines}


def test_every_input_gets_one_status_line_and_the_good_ones_a_report(tmp_path):
    root = _inputs(tmp_path / "in")
    summary = run_batch(root, tmp_path / "out", BatchOptions(workers=2))
    status = _status(tmp_path / "out")
    assert sorted(status) == ["empty.pdf", "lab.pdf", "notes.txt", "sub/copy.pdf", "zh.pdf"]
    assert status["empty.pdf"]["error_code"] == "EMPTY_FILE"
    assert status["notes.txt"]["error_code"] == "NOT_A_DOCUMENT"
    lab = status["lab.pdf"]
    assert lab["status"] == "ok" and lab["pages"] == 2 and lab["results"] > 30
    assert lab["seconds"] > 0 and lab["peak_memory_mb"] > 50 and lab["sha256"]
    report = json.loads((tmp_path / "out" / lab["report"]).read_text())
    assert report["source"]["sha256"] == lab["sha256"]
    copy = tmp_path / "out" / status["sub/copy.pdf"]["report"]
    assert copy.read_text() == (tmp_path / "out" / lab["report"]).read_text()
    assert summary.statuses == {"ok": 3, "failed": 2} and summary.processed == 5
    assert summary.failures == {"EMPTY_FILE": 1, "NOT_A_DOCUMENT": 1}


def test_a_rerun_skips_what_is_done_and_retries_failures_only_when_asked(tmp_path):
    root, out = _inputs(tmp_path / "in"), tmp_path / "out"
    run_batch(root, out, BatchOptions(workers=1))
    again = run_batch(root, out, BatchOptions(workers=1))
    assert (again.processed, again.skipped) == (0, 5)
    (root / "notes.txt").write_bytes((SAMPLES / "zh_ruled_37.pdf").read_bytes())  # new content
    (out / _status(out)["zh.pdf"]["report"]).unlink()  # a report lost
    third = run_batch(root, out, BatchOptions(workers=1))
    assert (third.processed, third.skipped) == (2, 3)
    assert _status(out)["notes.txt"]["status"] == "ok"
    retry = run_batch(root, out, BatchOptions(workers=1, retry_failed=True))
    assert (retry.processed, retry.skipped) == (1, 4)  # the empty file, again
    changed = BatchOptions(workers=1, pipeline=PipelineOptions(pdf_backend="pdfplumber"))
    assert run_batch(root, out, changed).processed == 5  # other options: read again


def test_a_status_line_cut_by_a_crash_is_read_again(tmp_path):
    root, out = _inputs(tmp_path / "in"), tmp_path / "out"
    run_batch(root, out, BatchOptions(workers=1))
    text = (out / STATUS_FILE).read_text()
    (out / STATUS_FILE).write_text(text[: len(text) - 40])  # the last line cut short
    rerun = run_batch(root, out, BatchOptions(workers=1))
    assert (rerun.processed, rerun.skipped) == (1, 4) and len(_status(out)) == 5


def test_a_hung_document_times_out_and_the_batch_goes_on(tmp_path):
    root = _inputs(tmp_path / "in", "hang.pdf")
    options = BatchOptions(workers=1, timeout=4, runner=FAULTS)
    summary = run_batch(root, tmp_path / "out", options)
    status = _status(tmp_path / "out")
    assert status["hang.pdf"]["error_code"] == "TIMEOUT" and status["hang.pdf"]["report"] is None
    assert status["zh.pdf"]["status"] == "ok"  # read by the worker started after the timeout
    assert summary.statuses["ok"] == 3


def test_a_crashed_worker_fails_its_document_only(tmp_path):
    root = _inputs(tmp_path / "in", "crash.pdf")
    run_batch(root, tmp_path / "out", BatchOptions(workers=2, runner=FAULTS))
    status = _status(tmp_path / "out")
    assert status["crash.pdf"]["error_code"] == "PARSER_CRASH"
    assert "signal 11" in status["crash.pdf"]["message"]
    assert [status[n]["status"] for n in ("lab.pdf", "sub/copy.pdf", "zh.pdf")] == ["ok"] * 3


def test_memory_past_the_limit_stops_the_document(tmp_path):
    root = _inputs(tmp_path / "in", "balloon.pdf", "bomb.pdf")
    options = BatchOptions(workers=2, max_memory_mb=600, runner=FAULTS)
    run_batch(root, tmp_path / "out", options)
    status = _status(tmp_path / "out")
    balloon, bomb = status["balloon.pdf"], status["bomb.pdf"]
    assert balloon["error_code"] == "RESOURCE_LIMIT" and balloon["message"].startswith("stopped at")
    assert 600 < balloon["peak_memory_mb"] < 1200
    assert bomb["error_code"] == "RESOURCE_LIMIT" and "MemoryError" in bomb["message"]
    assert status["zh.pdf"]["status"] == "ok"


def test_workers_that_cannot_start_stop_the_batch_with_a_typed_error(tmp_path):
    root = _inputs(tmp_path / "in")
    options = BatchOptions(workers=1, runner="tests.batch.no_such_module:run")
    with pytest.raises(StageError, match="could not start"):
        run_batch(root, tmp_path / "out", options)
    assert _status(tmp_path / "out") == {}  # no document blamed for the workers


def test_models_load_once_per_worker(tmp_path, monkeypatch):
    log = tmp_path / "tasks.log"
    monkeypatch.setenv(LOG_VARIABLE, str(log))
    root = _inputs(tmp_path / "in")
    options = BatchOptions(workers=1, runner="tests.batch.faults:models_loaded")
    run_batch(root, tmp_path / "out", options)
    lines = [line.split() for line in log.read_text().splitlines()]
    assert len(lines) == 4 and len({pid for pid, _ in lines}) == 1  # 4 contents, one worker
    assert {misses for _, misses in lines} == {"1"}  # the engine was built once


def test_cli_exit_codes_and_summary(tmp_path):
    root = _inputs(tmp_path / "in")
    runner = CliRunner()
    failed = runner.invoke(app, ["batch", str(root), "-o", str(tmp_path / "out"), "-w", "2"])
    assert failed.exit_code == 3, failed.output
    assert "empty.pdf: the file is empty [EMPTY_FILE]" in failed.stderr
    assert "NOT_A_DOCUMENT" in failed.stdout and "status file" in failed.stdout
    for name in ("empty.pdf", "notes.txt"):
        (root / name).unlink()
    good = runner.invoke(app, ["batch", str(root), "-o", str(tmp_path / "out2")])
    assert good.exit_code == 0, good.output
    usage = runner.invoke(app, ["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "x")])
    assert usage.exit_code == 2 and "not a directory" in usage.stderr
    engine = runner.invoke(app, ["batch", str(root), "-o", str(tmp_path / "x"), "--address", "a"])
    assert engine.exit_code == 2 and "--address is for the ray engine" in engine.stderr


@pytest.mark.slow
def test_the_ray_engine_writes_the_same_status_and_reports(tmp_path):
    pytest.importorskip("ray")
    root = _inputs(tmp_path / "in", "hang.pdf")
    local, remote = tmp_path / "local", tmp_path / "ray"
    options = BatchOptions(workers=2, timeout=15, runner=FAULTS)
    run_batch(root, local, options)
    run_batch(root, remote, BatchOptions(workers=2, timeout=15, runner=FAULTS, engine="ray"))
    mine, theirs = _status(local), _status(remote)
    assert {n: (r["status"], r["error_code"]) for n, r in mine.items()} == {
        n: (r["status"], r["error_code"]) for n, r in theirs.items()
    }
    assert theirs["hang.pdf"]["error_code"] == "TIMEOUT"
    for record in mine.values():
        if record["report"]:
            assert (local / record["report"]).read_bytes() == (
                remote / record["report"]
            ).read_bytes()
