"""Statistics from hand-built reports: per-analyte counts, abnormal rates, units, unmapped names
ranked by frequency, and their Markdown page."""

from __future__ import annotations

from checkup2action.batch.documents import Status
from checkup2action.dataset.markdown import render_stats
from checkup2action.dataset.state import DocumentRecord
from checkup2action.dataset.stats import DatasetStats, name_key
from checkup2action.report.models import StructuredReport
from tests.report.test_writers import make_report


def _report(sha_digit: str, *, spaced: bool = False) -> StructuredReport:
    """``make_report`` (GLU high, two unmapped results) under its own hash."""
    report = make_report()
    source = report.source.model_copy(update={"sha256": sha_digit * 64})
    results = report.lab_results
    if spaced:  # the same unmapped name printed with other spacing
        wbc = results[0].model_copy(update={"name_raw": " 白细胞计数 "})
        results = [wbc, *results[1:]]
    return report.model_copy(update={"source": source, "lab_results": results})


def _record(sha_digit: str, status: Status, code: str | None = None) -> DocumentRecord:
    """A record of the given status (pages only for reports read)."""
    read = status != "failed"
    return DocumentRecord(
        sha_digit * 64,
        "fp",
        status,
        seconds=1.25,
        processed_at="t",
        pages=2 if read else None,
        page_kinds={"born_digital": 2} if read else {},
        error_code=code,
    )


def _stats() -> dict:
    """Two reports and a failure."""
    stats = DatasetStats()
    for digit in "12":
        stats.add_record(_record(digit, "ok"), copies=1)
    stats.add_record(_record("3", "failed", "ENCRYPTED"), copies=2)
    stats.add_report(_report("1"))
    stats.add_report(_report("2", spaced=True))
    return stats.to_dict()


def test_documents_section() -> None:
    docs = _stats()["documents"]
    assert docs["total"] == 3 and docs["files"] == 4
    assert docs["by_status"] == {"ok": 2, "partial": 0, "failed": 1}
    assert docs["failed_by_code"] == {"ENCRYPTED": 1}
    assert docs["pages"] == 4 and docs["page_kinds"] == {"born_digital": 4}
    assert docs["seconds"] == 3.75


def test_analytes_counts_rates_units() -> None:
    stats = _stats()
    glu = stats["analytes"]["GLU"]
    assert glu["results"] == 2 and glu["documents"] == 2 and glu["flags"] == {"H": 2}
    assert glu["abnormal_rate"] == 1.0 and glu["units"] == {"mmol/L": 2}
    assert stats["results"]["results"] == 6 and stats["results"]["mapped"] == 2
    assert stats["results"]["abnormal"] == 4 and stats["results"]["flagged"] == 6
    assert stats["results"]["needs_review"] == 2


def test_unmapped_names_ranked_with_whitespace_collapsed() -> None:
    unmapped = _stats()["unmapped_names"]
    assert unmapped == [
        {"name": "乙肝表面抗原 | HBsAg", "results": 2, "documents": 2},
        {"name": "白细胞计数", "results": 2, "documents": 2},
    ]
    assert name_key("  Vitamin\tB12  level ") == "Vitamin B12 level"


def test_no_flag_means_no_rate() -> None:
    stats = DatasetStats()
    report = _report("1")
    unflagged = [r.model_copy(update={"flag": None}) for r in report.lab_results]
    stats.add_report(report.model_copy(update={"lab_results": unflagged}))
    glu = stats.to_dict()["analytes"]["GLU"]
    assert glu["flagged"] == 0 and glu["abnormal_rate"] is None


def test_markdown_page() -> None:
    text = render_stats(_stats())
    assert text.startswith("# Dataset statistics\n")
    assert "| GLU | Glucose | 2 | 2 | 2/2 (100%) | mmol/L 2 |" in text
    assert "| 乙肝表面抗原 \\| HBsAg | 2 | 2 |" in text  # the pipe escaped
    assert "Failures by code: ENCRYPTED 1" in text


def test_empty_dataset_markdown() -> None:
    text = render_stats(DatasetStats().to_dict())
    assert "0 documents" in text and "None: every result was mapped" in text
