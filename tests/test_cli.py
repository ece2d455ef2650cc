"""Tests of the command-line interface, with the pipeline replaced by a fake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checkup2action import __version__, pipeline
from checkup2action.cli import app
from checkup2action.errors import EncryptedDocumentError
from checkup2action.report.models import StructuredReport
from tests.report.test_writers import make_report

runner = CliRunner()


@pytest.fixture
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the pipeline: files named 'locked*' are encrypted, 'boom*' crash, 'bomb*' run out
    of memory, others parse."""
    calls: list[str] = []

    def fake(path: str | Path, *, options: object = None) -> StructuredReport:
        name = Path(path).name
        calls.append(name)
        if name.startswith("locked"):
            raise EncryptedDocumentError("password-protected", file=name)
        if name.startswith("boom"):
            raise RuntimeError("secret value 7.25 must not be printed")
        if name.startswith("bomb"):
            raise MemoryError
        return make_report(name)

    monkeypatch.setattr(pipeline, "ingest", fake)
    return calls


def _pdfs(folder: Path, *names: str) -> list[Path]:
    """Create small placeholder files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / n for n in names]
    for p in paths:
        p.write_bytes(b"%PDF-1.7\n")
    return paths


def test_single_document_json(tmp_path: Path, fake_ingest: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "report.pdf")
    out = tmp_path / "out"
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.pdf.json").read_text(encoding="utf-8"))
    assert data["source"]["file_name"] == "report.pdf"
    assert "葡萄糖" in result.stdout and "2 abnormal" in result.stdout
    # abnormal results first in the summary table
    assert result.stdout.index("葡萄糖") < result.stdout.index("白细胞计数")


def test_quiet_prints_nothing(tmp_path: Path, fake_ingest: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "report.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "o" / "report.pdf.json").exists()


def test_output_is_named_like_the_reports_source_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """De-identified runs name the output by the content hash the report carries, not the
    input's name (which often holds the patient's)."""
    hashed = make_report("0123456789abcdef.pdf")
    monkeypatch.setattr(pipeline, "ingest", lambda path, *, options=None: hashed)
    (pdf,) = _pdfs(tmp_path, "Jane Doe blood test.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["0123456789abcdef.pdf.json"]


def test_same_named_inputs_in_two_folders_are_both_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (one,) = _pdfs(tmp_path / "x", "a.pdf")
    (two,) = _pdfs(tmp_path / "y", "a.pdf")
    names = {one.resolve(): "11.pdf", two.resolve(): "22.pdf"}
    monkeypatch.setattr(
        pipeline, "ingest", lambda path, *, options=None: make_report(names[Path(path).resolve()])
    )
    result = runner.invoke(app, ["ingest", str(one), str(two), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["11.pdf.json", "22.pdf.json"]


def test_format_csv(tmp_path: Path, fake_ingest: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "体检.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "体检.pdf.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *rows = raw.decode("utf-8-sig").splitlines()
    assert header.startswith("id,page,panel,name_raw,analyte_code,loinc,value_raw,value,")
    assert header.endswith(",needs_review,confidence,derived,bbox")
    assert any("葡萄糖" in r for r in rows) and len(rows) == 3


def test_format_md(tmp_path: Path, fake_ingest: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "report.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path), "-f", "md", "-q"])
    assert result.exit_code == 0, result.output
    assert "## Abnormal results" in (tmp_path / "report.pdf.md").read_text(encoding="utf-8")


def test_single_failure_exit_3(tmp_path: Path, fake_ingest: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "locked.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "locked.pdf: password-protected [ENCRYPTED]" in result.stderr
    assert "Traceback" not in result.output
    assert not list((tmp_path / "out").iterdir())


def test_a_memory_error_is_a_typed_outcome_and_the_batch_goes_on(
    tmp_path: Path, fake_ingest: list[str]
) -> None:
    bomb, good = _pdfs(tmp_path / "in", "bomb.pdf", "good.pdf")
    result = runner.invoke(app, ["ingest", str(bomb), str(good), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3 and fake_ingest == ["bomb.pdf", "good.pdf"]
    assert "bomb.pdf: out of memory (MemoryError) [RESOURCE_LIMIT]" in result.stderr


def test_mixed_batch_continues(tmp_path: Path, fake_ingest: list[str]) -> None:
    good, bad, good2 = _pdfs(tmp_path / "in", "a.pdf", "locked.pdf", "c.pdf")
    out = tmp_path / "out"
    result = runner.invoke(app, ["ingest", str(good), str(bad), str(good2), "-o", str(out)])
    assert result.exit_code == 3
    assert fake_ingest == ["a.pdf", "locked.pdf", "c.pdf"]
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf.json", "c.pdf.json"]
    assert "locked.pdf: password-protected [ENCRYPTED]" in result.stderr
    assert "failed [ENCRYPTED]" in result.stdout and "3 documents" in result.stdout


def test_directory_input_sorted_pdfs_only(tmp_path: Path, fake_ingest: list[str]) -> None:
    folder = tmp_path / "in"
    _pdfs(folder, "b.pdf", "a.PDF", "notes.txt")
    (folder / "sub").mkdir()
    _pdfs(folder / "sub", "nested.pdf")
    result = runner.invoke(app, ["ingest", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert fake_ingest == ["a.PDF", "b.pdf"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.PDF.json", "b.pdf.json"]


def test_duplicate_input_processed_once(tmp_path: Path, fake_ingest: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), str(tmp_path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0 and fake_ingest == ["a.pdf"]


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "{missing}", "-o", "{out}"],
        ["ingest", "{empty}", "-o", "{out}"],
        ["ingest", "{pdf}", "-o", "{out}", "--format", "xml"],
        ["ingest", "-o", "{out}"],
        ["ingest", "{pdf}"],
        ["ingest", "{pdf}", "{clash}", "-o", "{out}", "--keep-filenames"],
        ["ingest", "{pdf}", "-o", "{pdf}"],
    ],
    ids=["missing", "empty-dir", "bad-format", "no-inputs", "no-out", "name-clash", "out-file"],
)
def test_usage_errors_exit_2(tmp_path: Path, fake_ingest: list[str], args: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    (clash,) = _pdfs(tmp_path / "other", "a.pdf")
    (tmp_path / "empty").mkdir()
    names = {
        "missing": tmp_path / "nope.pdf",
        "empty": tmp_path / "empty",
        "pdf": pdf,
        "out": tmp_path / "out",
        "clash": clash,
    }
    result = runner.invoke(app, [a.format(**names) for a in args])
    assert result.exit_code == 2, result.output
    assert fake_ingest == []
    assert "Traceback" not in result.output


def test_unexpected_error_exit_2_one_line(tmp_path: Path, fake_ingest: list[str]) -> None:
    (pdf,) = _pdfs(tmp_path, "boom.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "checkup2action: boom.pdf: unexpected error (RuntimeError)"
    ]
    assert "7.25" not in result.output


def test_not_implemented_pipeline_is_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (pdf,) = _pdfs(tmp_path, "a.pdf")

    def not_ready(path: str | Path, *, options: object = None) -> StructuredReport:
        raise NotImplementedError

    monkeypatch.setattr(pipeline, "ingest", not_ready)
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "NotImplementedError" in result.stderr


def test_schema_command() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == StructuredReport.model_json_schema()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"checkup2action {__version__}"


def test_file_name_is_a_hash_unless_kept(tmp_path: Path) -> None:
    """The real pipeline: source.file_name carries no name of the input unless asked to."""
    sample = Path(__file__).parent.parent / "samples" / "en_app_list_64.pdf"
    named = tmp_path / "in" / "Jane Doe labs.pdf"
    named.parent.mkdir()
    named.write_bytes(sample.read_bytes())
    for flags, expect_kept in (([], False), (["--keep-filenames"], True)):
        out = tmp_path / f"out{len(flags)}"
        result = runner.invoke(app, ["ingest", str(named), "-o", str(out), "-q", *flags])
        assert result.exit_code == 0, result.output
        report = json.loads(next(out.glob("*.json")).read_text("utf-8"))
        assert (report["source"]["file_name"] == named.name) is expect_kept
        assert "Jane" not in json.dumps(report) or expect_kept


def test_date_policy_generalises_the_exam_date(tmp_path: Path) -> None:
    """The real pipeline: ``--date-policy year`` leaves 1 January of the exam's year."""
    sample = Path(__file__).parent.parent / "samples" / "en_app_list_64.pdf"
    dates = {}
    for policy in ("keep", "year"):
        out = tmp_path / policy
        args = ["ingest", str(sample), "-o", str(out), "-q", "--date-policy", policy]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        report = json.loads(next(out.glob("*.json")).read_text("utf-8"))
        assert report["date_policy"] == policy
        dates[policy] = report["patient"]["exam_date"]
    assert dates["keep"] and dates["year"] == dates["keep"][:4] + "-01-01" != dates["keep"]


def test_the_terminal_shows_vitals_findings_and_summary(tmp_path: Path, monkeypatch) -> None:
    from tests.report.test_writers_narrative import _report

    monkeypatch.setattr(pipeline, "ingest", lambda path, *, options=None: _report())
    (pdf,) = _pdfs(tmp_path, "exam.pdf")
    wide = {"COLUMNS": "160"}  # rich wraps cells to the terminal's width
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "out")], env=wide)
    assert result.exit_code == 0, result.output
    assert "Vitals, findings and summary" in result.stdout
    assert "bmi" in result.stdout and "27.1 kg/m2  [H]" in result.stdout
    assert "腹部彩超" in result.stdout and "脂肪肝（轻度）" in result.stdout
    assert "建议低脂饮食" in result.stdout
    two = _pdfs(tmp_path / "two", "a.pdf", "b.pdf")
    result = runner.invoke(app, ["ingest", *map(str, two), "-o", str(tmp_path / "out2")])
    assert "V/F/S" in result.stdout and "1/1/1" in result.stdout


def test_a_report_without_narrative_prints_no_second_table(tmp_path, fake_ingest) -> None:
    (pdf,) = _pdfs(tmp_path, "report.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "out")])
    assert "Vitals, findings and summary" not in result.stdout


def test_check_safety_reports_violations_by_line_and_exits_3(tmp_path: Path) -> None:
    text = tmp_path / "card.txt"
    text.write_text("Your LDL is high.\nTake atorvastatin daily.\nDo I need medication?\n")
    result = runner.invoke(app, ["check-safety", str(text)])
    assert result.exit_code == 3
    assert "line 2: treatment: Take atorvastatin" in result.stdout
    result = runner.invoke(app, ["check-safety", "-"], input="建议到心内科就诊。")
    assert result.exit_code == 0 and "no violation" in result.stdout
