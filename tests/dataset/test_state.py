"""Per-document outcomes, statuses, the options fingerprint, the state file and atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkup2action.batch.documents import (
    DocumentJob,
    Status,
    options_fingerprint,
    process_document,
    report_status,
)
from checkup2action.dataset.state import (
    BuildState,
    DocumentRecord,
    record_from_outcome,
)
from checkup2action.deid.scrub import DeidOptions
from checkup2action.fileio import replacing, write_text_atomic
from checkup2action.pipeline import PipelineOptions
from checkup2action.report.models import ReportWarning
from tests.dataset.conftest import fake_report, placeholder_tree


def _warning(code: str) -> ReportWarning:
    """A warning with the given code."""
    return ReportWarning(stage="tables", code=code, message="m", page=1)


def test_status_ok_partial(tmp_path: Path) -> None:
    inp = placeholder_tree(tmp_path, "a.pdf")
    report = fake_report(inp / "a.pdf")
    assert report_status(report) == "ok"
    assert report_status(report.model_copy(update={"lab_results": []})) == "partial"
    for code in ("RESULT_LINES_UNREAD", "PAGE_NOT_READ"):
        assert report_status(report.model_copy(update={"warnings": [_warning(code)]})) == "partial"
    assert (
        report_status(report.model_copy(update={"warnings": [_warning("LOW_CONFIDENCE")]})) == "ok"
    )


def test_unexpected_error_is_a_failed_outcome_named_by_type(
    tmp_path: Path, fake_ingest: list[str]
) -> None:
    inp = placeholder_tree(tmp_path, "boom.pdf")
    outcome = process_document(DocumentJob(inp / "boom.pdf", "f" * 64, PipelineOptions()))
    assert outcome.status == "failed" and outcome.error_code == "UNEXPECTED_ERROR"
    assert outcome.error_message == "unexpected error (RuntimeError)" and outcome.report is None


def test_typed_error_keeps_code_and_message(tmp_path: Path, fake_ingest: list[str]) -> None:
    inp = placeholder_tree(tmp_path, "broken.pdf")
    outcome = process_document(DocumentJob(inp / "broken.pdf", "f" * 64, PipelineOptions()))
    assert (outcome.error_code, outcome.error_message) == (
        "NOT_A_DOCUMENT",
        "not a PDF or a picture file",
    )
    record = record_from_outcome(outcome, "fp", None)
    assert record.status == "failed" and record.pages is None and record.report is None


def _options(**deid: object) -> PipelineOptions:
    """Pipeline options with the given de-identification settings."""
    return PipelineOptions(deid=DeidOptions(**deid))  # type: ignore[arg-type]


def test_fingerprint_follows_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("C2A_DATE_SHIFT_KEY", raising=False)
    base = options_fingerprint(_options())
    assert options_fingerprint(_options()) == base
    assert options_fingerprint(_options(date_policy="month")) != base
    assert options_fingerprint(_options(keep_filenames=True)) != base
    assert options_fingerprint(_options(keep_identifiers=True)) != base
    assert options_fingerprint(PipelineOptions(pdf_backend="pdfplumber")) != base


def test_fingerprint_follows_the_shift_key_only_when_shifting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("C2A_DATE_SHIFT_KEY", "one")
    shift_one = options_fingerprint(_options(date_policy="shift"))
    keep_one = options_fingerprint(_options())
    monkeypatch.setenv("C2A_DATE_SHIFT_KEY", "two")
    assert options_fingerprint(_options(date_policy="shift")) != shift_one
    assert options_fingerprint(_options()) == keep_one


def _record(
    sha: str, status: Status = "ok", report: str | None = "reports/x.json"
) -> DocumentRecord:
    """A record with the given status and report path."""
    return DocumentRecord(sha, "fp", status, 0.5, "2026-01-01T00:00:00+00:00", report)


def test_state_round_trip_and_done(tmp_path: Path) -> None:
    state = BuildState(tmp_path / "state.json")
    state.put(_record("a" * 64))
    state.put(_record("b" * 64, "failed", None))
    state.save()
    loaded = BuildState.load(tmp_path / "state.json")
    assert loaded.records == state.records
    assert not loaded.is_done("a" * 64, "fp", tmp_path, False)  # its report is missing
    write_text_atomic(tmp_path / "reports" / "x.json", "{}")
    assert loaded.is_done("a" * 64, "fp", tmp_path, False)
    assert not loaded.is_done("a" * 64, "other", tmp_path, False)  # other options
    assert loaded.is_done("b" * 64, "fp", tmp_path, False)
    assert not loaded.is_done("b" * 64, "fp", tmp_path, True)  # --retry-failed
    assert not loaded.is_done("c" * 64, "fp", tmp_path, False)


def test_unreadable_state_starts_afresh(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{not json", encoding="utf-8")
    assert BuildState.load(tmp_path / "state.json").records == {}
    (tmp_path / "state.json").write_text('{"documents": {"x": {"bad": 1}}}', encoding="utf-8")
    assert BuildState.load(tmp_path / "state.json").records == {}


def test_atomic_write_keeps_the_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    write_text_atomic(target, "old")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("stop")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]
