"""Tests of the command-line interface, with the pipeline replaced by a fake."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checkup2action import __version__, pipeline
from checkup2action.cli import app
from checkup2action.errors import EncryptedDocumentError
from checkup2action.report.models import ReportWarning, StructuredReport
from tests.report.test_writers import make_report, review_report

runner = CliRunner()
SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the pipeline: files named 'locked*' are encrypted, 'boom*' crash, 'bomb*' run out
    of memory, others parse."""
    calls: list[str] = []

    def fake(
        path: str | Path, *, options: object = None, progress: object = None
    ) -> StructuredReport:
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
    monkeypatch.setattr(pipeline, "ingest", lambda path, **_: hashed)
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
        pipeline, "ingest", lambda path, **_: make_report(names[Path(path).resolve()])
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

    def not_ready(path: str | Path, **_: object) -> StructuredReport:
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

    monkeypatch.setattr(pipeline, "ingest", lambda path, **_: _report())
    (pdf,) = _pdfs(tmp_path, "exam.pdf")
    wide = {"COLUMNS": "160"}  # rich wraps cells to the terminal's width
    args = ["ingest", str(pdf), "-o", str(tmp_path / "out"), "--allow-empty"]  # no lab result
    result = runner.invoke(app, args, env=wide)
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


# ---- what the terminal shows: analyte, LOINC, converted value, review marker, warnings ----

WIDE = {"COLUMNS": "200"}  # rich wraps cells to the terminal's width


def _serve(monkeypatch: pytest.MonkeyPatch, reports: dict[str, StructuredReport]) -> list[object]:
    """Make the pipeline return ``reports`` by input file name; returns the options it got."""
    seen: list[object] = []

    def fake(path: str | Path, *, options: object = None, progress: object = None) -> object:
        seen.append(options)
        return reports[Path(path).name]

    monkeypatch.setattr(pipeline, "ingest", fake)
    return seen


def _empty(name: str = "blank.png") -> StructuredReport:
    """A report read without any lab result: a blank page."""
    warning = ReportWarning(stage="ocr", code="PAGE_NOT_READ", page=1, message="no text")
    return make_report(name).model_copy(update={"lab_results": [], "warnings": [warning]})


def test_the_table_shows_analyte_loinc_converted_value_and_review_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve(monkeypatch, {"scan.pdf": review_report()})
    (pdf,) = _pdfs(tmp_path, "scan.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "o")], env=WIDE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "3 results, 1 abnormal, 1 to review (⚠)" in out
    hb = next(line for line in out.splitlines() if "Hemoglobin A, 02" in line and "│" in line)
    cells = [c.strip() for c in hb.strip("│ ").split("│")]
    assert cells == ["⚠", "Hemoglobin A, 02", "Hemoglobin (718-7)", "17.6 g/dL", "176 g/L",
                     "11.1-15.9", "H"]  # fmt: skip
    # the warnings follow the table, each naming its row (printed name and page) or its page
    assert out.index("Warnings (3)") > out.index("Hemoglobin (718-7)")
    assert (
        '⚠ page 1, "Hemoglobin A, 02": OCR is unsure of this row (confidence 62%) [LOW_CONFIDENCE]'
    ) in out
    assert "• page 2: 3 lines on this page look like results" in out


def test_without_conversions_or_rows_to_review_their_columns_are_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_report("report.pdf")
    rows = [r.model_copy(update={"needs_review": False}) for r in report.lab_results]
    monkeypatch.setattr(
        pipeline, "ingest", lambda path, **_: report.model_copy(update={"lab_results": rows})
    )
    (pdf,) = _pdfs(tmp_path, "report.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "o")], env=WIDE)
    assert "Analyte (LOINC)" in result.stdout and "Glucose (2345-7)" in result.stdout
    assert "Converted" not in result.stdout and "to review" not in result.stdout
    assert "⚠" not in result.stdout


def test_a_document_without_results_exits_4_and_says_why_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve(monkeypatch, {"blank.png": _empty()})
    (pic,) = _pdfs(tmp_path, "blank.png")
    out = tmp_path / "o"
    result = runner.invoke(app, ["ingest", str(pic), "-o", str(out)])
    assert result.exit_code == 4
    assert result.stderr.strip() == (
        "blank.png: no lab results found; warnings: PAGE_NOT_READ [NO_RESULTS]"
    )
    assert (out / "blank.png.json").exists()  # written all the same
    assert "Test" not in result.stdout and "page 1: no text [PAGE_NOT_READ]" in result.stdout
    allowed = runner.invoke(app, ["ingest", str(pic), "-o", str(out), "--allow-empty"])
    assert allowed.exit_code == 0 and "[NO_RESULTS]" in allowed.stderr
    quiet = runner.invoke(app, ["ingest", str(pic), "-o", str(out), "--allow-empty", "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""
    quiet = runner.invoke(app, ["ingest", str(pic), "-o", str(out), "-q"])
    assert quiet.exit_code == 4 and "[NO_RESULTS]" in quiet.stderr


def test_a_picture_that_is_no_report_is_told_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nothing = _empty("cat.jpg").model_copy(update={"warnings": []})
    _serve(monkeypatch, {"cat.jpg": nothing})
    (pic,) = _pdfs(tmp_path, "cat.jpg")
    result = runner.invoke(app, ["ingest", str(pic), "-o", str(tmp_path / "o")])
    assert result.exit_code == 4
    assert "cat.jpg: no lab results found; nothing else was read either" in result.stderr


def test_in_a_batch_failures_outrank_documents_without_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = {"a.pdf": make_report("a.pdf"), "blank.png": _empty()}
    _serve(monkeypatch, reports)
    paths = _pdfs(tmp_path / "in", "a.pdf", "blank.png")
    result = runner.invoke(app, ["ingest", *map(str, paths), "-o", str(tmp_path / "o")])
    assert result.exit_code == 4
    assert "no results" in result.stdout and "blank.png: no lab results" in result.stderr
    locked = _pdfs(tmp_path / "in", "locked.pdf")

    def fake(path: str | Path, **_: object) -> StructuredReport:
        if Path(path).name == "locked.pdf":
            raise EncryptedDocumentError("password-protected", file="locked.pdf")
        return reports[Path(path).name]

    monkeypatch.setattr(pipeline, "ingest", fake)
    args = ["ingest", *map(str, [*paths, *locked]), "-o", str(tmp_path / "o2")]
    assert runner.invoke(app, args).exit_code == 3


# ---- reading options: --pages, --threads, --ocr-engine, --ocr-language ----


def test_pages_limits_the_pages_read(tmp_path: Path) -> None:
    """The real pipeline on a six-page sample (results on pages 3, 4 and 5): only pages 3 and 5
    are read, under their own numbers, and the report says so."""
    sample = SAMPLES / "zh_checkup_multi_58.pdf"
    reports = {}
    for flags in ([], ["--pages", "3,5"]):
        out = tmp_path / f"out{len(flags)}"
        result = runner.invoke(app, ["ingest", str(sample), "-o", str(out), "-q", *flags])
        assert result.exit_code == 0, result.output
        reports[len(flags)] = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    full, part = reports[0], reports[2]
    assert [p["page"] for p in part["source"]["pages"]] == [3, 5]
    pages = {r["provenance"][0]["page"] for r in part["lab_results"]}
    assert pages == {3, 5} < {r["provenance"][0]["page"] for r in full["lab_results"]} == {3, 4, 5}
    assert [w["message"] for w in part["warnings"] if w["code"] == "PAGES_SELECTED"] == [
        "only pages 3,5 of 6 were read (a page selection)"
    ]


def test_pages_past_the_end_fail_the_document(tmp_path: Path) -> None:
    sample = SAMPLES / "zh_checkup_multi_42.pdf"
    result = runner.invoke(app, ["ingest", str(sample), "-o", str(tmp_path), "--pages", "9-"])
    assert result.exit_code == 3
    assert "none of pages 9- is in the document (5 pages) [OPTION_ERROR]" in result.stderr


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--pages", "3-1"], "pages '3-1': 3-1 runs backwards (1-3?) [OPTION_ERROR]"),
        (["--pages", "0"], "pages '0': pages count from 1 [OPTION_ERROR]"),
        (["--pages", "one"], "pages 'one': 'one' is not a page or a range"),
        (["--threads", "0"], "threads must be 1 or more, not 0 [OPTION_ERROR]"),
        (["--ocr-engine", "nope"], "unknown OCR engine 'nope'; choose one of paddleocr, rapidocr"),
        (["--ocr-language", "zh"], "a language can be chosen for tesseract only"),
        (["--ocr-engine", "paddleocr"], "PaddleOCR needs local models"),
    ],
)
def test_bad_reading_options_are_usage_errors(
    tmp_path: Path, fake_ingest: list[str], flags: list[str], message: str
) -> None:
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "o"), *flags])
    assert result.exit_code == 2 and fake_ingest == []
    assert result.stderr.startswith("checkup2action: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_threads_set_the_onnx_threads_for_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checkup2action.ocr import RapidOcrOptions
    from checkup2action.threads import THREADS_VARIABLE, onnx_threads

    monkeypatch.setenv(THREADS_VARIABLE, "2")  # restored after the test
    seen = _serve(monkeypatch, {"a.pdf": make_report("a.pdf")})
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "o"), "--threads", "1"])
    assert result.exit_code == 0, result.output
    assert os.environ[THREADS_VARIABLE] == "1" and onnx_threads() == 1  # layout model, workers
    assert seen[0].ocr == RapidOcrOptions(threads=1)  # type: ignore[attr-defined]


def test_an_engine_named_but_not_installed_stops_before_any_document(
    tmp_path: Path, fake_ingest: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from checkup2action.errors import EngineNotAvailableError
    from checkup2action.ocr import tesseract

    def missing() -> object:
        raise EngineNotAvailableError("pytesseract is not installed; install it")

    monkeypatch.setattr(tesseract, "_import_pytesseract", missing)
    tesseract._cached_engine.cache_clear()
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    args = ["ingest", str(pdf), "-o", str(tmp_path / "o"), "--ocr-engine", "tesseract"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and fake_ingest == []
    assert "pytesseract is not installed; install it [ENGINE_NOT_AVAILABLE]" in result.stderr


def test_ocr_language_chooses_tesseract_packs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checkup2action import clireading
    from checkup2action.ocr import TesseractOptions

    checked: list[object] = []
    monkeypatch.setattr(clireading, "check_engine", checked.append)
    seen = _serve(monkeypatch, {"a.pdf": make_report("a.pdf")})
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    flags = ["--ocr-engine", "tesseract", "--ocr-language", "de"]
    result = runner.invoke(app, ["ingest", str(pdf), "-o", str(tmp_path / "o"), "-q", *flags])
    assert result.exit_code == 0, result.output
    assert seen[0].ocr == checked[0] == TesseractOptions(lang="deu")  # type: ignore[attr-defined]


def test_run_takes_the_reading_options_and_exits_4_without_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []

    def fake_run(path: object, *, options: object = None, **kwargs: object) -> tuple:
        seen.append(options)
        report = _empty()
        return report, pipeline.cards(report)

    monkeypatch.setattr(pipeline, "run", fake_run)
    (pic,) = _pdfs(tmp_path, "blank.png")
    args = ["run", str(pic), "-o", str(tmp_path / "o"), "--pages", "1", "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 4 and "no lab results found" in result.stderr
    assert str(seen[0].pages) == "1"  # type: ignore[attr-defined]
    assert runner.invoke(app, [*args, "--allow-empty"]).exit_code == 0
    bad = runner.invoke(app, ["run", str(pic), "-o", str(tmp_path / "o"), "--pages", "x"])
    assert bad.exit_code == 2 and "'x' is not a page or a range" in bad.stderr


# ---- progress within a document ----


def test_progress_shows_each_page_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from checkup2action import cliprogress
    from checkup2action.progress import Step

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)
    monkeypatch.setattr(cliprogress, "err", lambda: terminal)
    with cliprogress.ReadingProgress(1, quiet=False) as shown:
        hook = shown.document(Path("scan.pdf"))
        assert hook is not None
        hook(Step("OCR", 2, 12, 3))
        shown.bar.refresh()
        assert "scan.pdf: page 3, OCR" in screen.getvalue() and "2/12" in screen.getvalue()
    with cliprogress.ReadingProgress(1, quiet=True) as shown:
        assert shown.document(Path("scan.pdf")) is None  # quiet: nothing shown
    monkeypatch.setattr(cliprogress, "err", lambda: Console(file=io.StringIO()))
    with cliprogress.ReadingProgress(3, quiet=False) as shown:
        assert shown.document(Path("scan.pdf")) is None  # not a terminal: nothing shown
