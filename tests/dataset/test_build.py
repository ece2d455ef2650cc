"""``dataset build`` on bundled born-digital samples: per-document reports, manifest,
reports.jsonl, statistics and Parquet tables that agree, and no input file name anywhere."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from checkup2action.dataset import BuildSummary, build_dataset
from checkup2action.dataset.manifest import MANIFEST_COLUMNS
from checkup2action.dataset.tables import RESULT_COLUMNS
from checkup2action.report.models import StructuredReport
from tests.dataset.conftest import PATIENT_WORDS, build_options, sample_tree

Built = tuple[Path, Path, BuildSummary]


def manifest(out: Path) -> list[dict[str, str]]:
    """The manifest's rows."""
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def jsonl_reports(out: Path) -> list[StructuredReport]:
    """The reports of reports.jsonl, validated."""
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [StructuredReport.model_validate_json(line) for line in lines]


def test_summary_counts_documents_not_files(built: Built) -> None:
    _, _, summary = built
    assert (summary.files, summary.documents) == (4, 3)  # one report is there twice
    assert (summary.processed, summary.skipped) == (3, 0)
    assert summary.statuses == {"ok": 2, "failed": 1}


def test_manifest_rows(built: Built) -> None:
    _, out, _ = built
    rows = manifest(out)
    assert tuple(rows[0]) == MANIFEST_COLUMNS  # no input paths: names are not kept
    assert [r["sha256"] for r in rows] == sorted(r["sha256"] for r in rows)
    failed = [r for r in rows if r["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["error_code"] == "NOT_A_DOCUMENT"
    assert failed[0]["error_message"] and not failed[0]["report"]
    done = {r["pages"]: r for r in rows if r["status"] == "ok"}
    assert set(done) == {"1", "2"}  # zh_ruled_37 has one page, en_headerless_35 two
    assert done["1"]["copies"] == "2" and done["2"]["copies"] == "1"
    assert done["2"]["page_kinds"] == "born_digital:2" and int(done["2"]["vitals"]) >= 5
    for row in done.values():
        assert (out / row["report"]).is_file() and float(row["seconds"]) > 0


def test_same_named_files_in_two_folders_are_both_kept(built: Built) -> None:
    _, out, _ = built
    names = sorted(p.name for p in (out / "reports").iterdir())
    assert len(names) == 2 and all(n.endswith(".pdf.json") and len(n) == 25 for n in names)


def test_reports_jsonl_is_the_report_files(built: Built) -> None:
    _, out, _ = built
    reports = jsonl_reports(out)
    ok = {r["sha256"]: r for r in manifest(out) if r["report"]}
    assert [r.source.sha256 for r in reports] == sorted(ok)
    for report in reports:
        on_disk = json.loads((out / ok[report.source.sha256]["report"]).read_text("utf-8"))
        assert report.model_dump(mode="json") == on_disk
        assert str(len(report.lab_results)) == ok[report.source.sha256]["results"]
        assert str(len(report.vitals)) == ok[report.source.sha256]["vitals"]


def test_stats_agree_with_the_reports(built: Built) -> None:
    _, out, _ = built
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    results = [r for report in jsonl_reports(out) for r in report.lab_results]
    docs = stats["documents"]
    assert docs["by_status"] == {"ok": 2, "partial": 0, "failed": 1}
    assert docs["failed_by_code"] == {"NOT_A_DOCUMENT": 1} and docs["files"] == 4
    assert docs["pages"] == 3 and docs["page_kinds"] == {"born_digital": 3}
    assert stats["results"]["results"] == len(results)
    assert stats["results"]["unmapped"] == sum(r.analyte is None for r in results)
    assert sum(a["results"] for a in stats["analytes"].values()) == stats["results"]["mapped"]
    abnormal = sum(r.flag in {"H", "L", "HH", "LL", "A"} for r in results)
    assert sum(a["abnormal"] for a in stats["analytes"].values()) == abnormal
    wbc = stats["analytes"]["WBC"]  # both reports print a white count
    assert wbc["documents"] == 2 and wbc["units"] == {"10*9/L": 2}
    vitals = [v for report in jsonl_reports(out) for v in report.vitals]
    assert sum(v["results"] for v in stats["vitals"].values()) == len(vitals) > 0
    assert "# Dataset statistics" in (out / "stats.md").read_text(encoding="utf-8")


def test_parquet_reads_back_with_pandas(built: Built) -> None:
    _, out, _ = built
    table = pd.read_parquet(out / "results.parquet")
    reports = jsonl_reports(out)
    assert tuple(table.columns) == RESULT_COLUMNS
    assert len(table) == sum(len(r.lab_results) for r in reports)
    per_doc = table.groupby("sha256").size().to_dict()
    assert per_doc == {r.source.sha256: len(r.lab_results) for r in reports}
    assert table["value"].dtype == "float64" and table["page"].dtype == "int64"
    vitals = pd.read_parquet(out / "vitals.parquet")
    assert len(vitals) == sum(len(r.vitals) for r in reports)
    assert set(vitals["code"]) >= {"height", "weight", "systolic_bp"}


def _texts(out: Path) -> list[str]:
    """Every output file's text (Parquet tables as their cells)."""
    texts = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            texts.append(pd.read_parquet(path).astype(str).to_csv())
        else:
            texts.append(path.read_text(encoding="utf-8-sig"))
    return texts


def test_no_input_file_name_in_any_output(built: Built) -> None:
    _, out, _ = built
    names = [str(p.relative_to(out)) for p in out.rglob("*")]
    texts = _texts(out)
    for word in PATIENT_WORDS:
        assert not any(word in n for n in names), word
        assert not any(word in t for t in texts), word


def test_rerun_skips_every_document(built: Built, tmp_path: Path, fake_ingest: list[str]) -> None:
    inp, out, _ = built
    again = shutil.copytree(out, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in again.iterdir() if p.is_file()}
    summary = build_dataset(inp, again)
    assert (summary.processed, summary.skipped) == (0, 3) and fake_ingest == []
    after = {p.name: p.read_bytes() for p in again.iterdir() if p.is_file()}
    assert after == before  # rebuilt from the same records and reports: the same bytes


def test_retry_failed_reads_only_the_failures(
    built: Built, tmp_path: Path, fake_ingest: list[str]
) -> None:
    inp, out, _ = built
    again = shutil.copytree(out, tmp_path / "out")
    summary = build_dataset(inp, again, build_options(retry_failed=True))
    assert fake_ingest == ["Broken Smith.pdf"] and summary.processed == 1
    assert summary.statuses["failed"] == 1  # still no PDF


def test_other_options_read_again(built: Built, tmp_path: Path, fake_ingest: list[str]) -> None:
    inp, out, _ = built
    again = shutil.copytree(out, tmp_path / "out")
    summary = build_dataset(inp, again, build_options(date_policy="month"))
    assert summary.processed == 3 and len(fake_ingest) == 3


def test_keep_filenames_names_outputs_by_relative_path(tmp_path: Path) -> None:
    inp = sample_tree(tmp_path)
    out = tmp_path / "out"
    build_dataset(inp, out, build_options(keep_filenames=True))
    reports = sorted(p.relative_to(out).as_posix() for p in (out / "reports").rglob("*.json"))
    assert reports == ["reports/a/Jane Doe.pdf.json", "reports/b/Jane Doe.pdf.json"]
    paths = {r["input_paths"] for r in manifest(out)}
    assert paths == {
        "a/Jane Doe.pdf",
        "b/Jane Doe.pdf; b/deeper/Jane Doe copy.pdf",
        "Broken Smith.pdf",
    }
    kept = json.loads((out / "reports/a/Jane Doe.pdf.json").read_text(encoding="utf-8"))
    assert kept["source"]["file_name"] == "Jane Doe.pdf"


@pytest.mark.parametrize("where", ["inside", "beside"])
def test_output_inside_the_input_is_not_read(
    tmp_path: Path, fake_ingest: list[str], where: str
) -> None:
    inp = tmp_path / "in"
    (inp / "sub").mkdir(parents=True)
    (inp / "sub" / "a.pdf").write_bytes(b"%PDF-1.7\n")
    out = inp / "out" if where == "inside" else tmp_path / "out"
    (out / "x").mkdir(parents=True)
    (out / "x" / "old.pdf").write_bytes(b"%PDF-1.7\nold\n")
    summary = build_dataset(inp, out)
    assert fake_ingest == ["a.pdf"] and summary.documents == 1
