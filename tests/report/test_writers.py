"""Tests of the output writers (JSON, CSV, Markdown) and the tabular view."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from checkup2action.report.models import (
    AnalyteRef,
    BBox,
    EarlierResult,
    LabResult,
    PageInfo,
    Patient,
    Provenance,
    ReferenceRange,
    ReportWarning,
    SourceInfo,
    StructuredReport,
)
from checkup2action.report.writers import COLUMNS, render_markdown, results_frame, write_report


def _prov(page: int = 1) -> list[Provenance]:
    """One provenance entry on the given page."""
    return [Provenance(page=page, bbox=BBox(x0=10, top=20.5, x1=100, bottom=30))]


def make_report(file_name: str = "report.pdf") -> StructuredReport:
    """A small hand-built report: one high, one normal, one qualitative abnormal result."""
    glu = LabResult(
        id="r1",
        panel="生化",
        name_raw="葡萄糖",
        value_raw="7.25",
        value=7.25,
        unit_raw="mmol/L",
        unit="mmol/L",
        value_canonical=7.25,
        unit_canonical="mmol/L",
        flag="H",
        flag_source="printed",
        reference_range=ReferenceRange(low=3.9, high=6.1, text="3.9-6.1"),
        analyte=AnalyteRef(code="GLU", loinc="2345-7", name_en="Glucose", category="chem"),
        provenance=_prov(1),
        previous_value=6.1,
        previous_value_raw="6.1",
        previous_date=date(2024, 3, 8),
        history=[
            EarlierResult(value_raw="6.1", value=6.1, date=date(2024, 3, 8), provenance=_prov(1)),
            EarlierResult(value_raw="5.8", value=5.8, provenance=_prov(1)),
        ],
    )
    wbc = LabResult(
        id="r2",
        panel="血常规",
        name_raw="白细胞计数",
        value_raw="5.6",
        value=5.6,
        unit_raw="10^9/L",
        unit="10*9/L",
        flag="N",
        flag_source="computed",
        reference_range=ReferenceRange(low=3.5, high=9.5, text="3.5~9.5"),
        provenance=_prov(2),
    )
    hbsag = LabResult(
        id="r3",
        name_raw="乙肝表面抗原 | HBsAg",
        value_raw="阳性(+)",
        value_text="positive",
        flag="A",
        flag_source="printed",
        provenance=_prov(2),
        needs_review=True,
        confidence=0.8,
    )
    return StructuredReport(
        source=SourceInfo(
            file_name=file_name,
            sha256="0" * 64,
            page_count=2,
            pages=[PageInfo(page=i, kind="born_digital", width=595, height=842) for i in (1, 2)],
        ),
        patient=Patient(sex="F", age=42, exam_date=date(2024, 5, 6)),
        lab_results=[wbc, glu, hbsag],
        warnings=[
            ReportWarning(stage="normalize", code="UNKNOWN_UNIT", message="单位未知", page=2)
        ],
    )


def test_results_frame_columns_and_values() -> None:
    frame = results_frame(make_report())
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 3
    glu = frame.set_index("id").loc["r1"]
    assert glu["value"] == 7.25 and glu["analyte_code"] == "GLU" and glu["loinc"] == "2345-7"
    assert glu["range_low"] == 3.9 and glu["range_high"] == 6.1 and glu["page"] == 1
    assert glu["bbox"] == "10,20.5,100,30"
    assert frame.set_index("id").loc["r3"]["range_low"] is None
    assert glu["previous_date"] == "2024-03-08" and glu["history"] == "6.1 (2024-03-08); 5.8"
    assert frame.set_index("id").loc["r3"]["history"] is None


def test_results_frame_empty_report_keeps_columns() -> None:
    report = make_report().model_copy(update={"lab_results": []})
    frame = results_frame(report)
    assert frame.empty and list(frame.columns) == list(COLUMNS)


def test_write_json_name_and_round_trip(tmp_path: Path) -> None:
    report = make_report()
    path = write_report(report, tmp_path / "out", "report.pdf")
    assert path == tmp_path / "out" / "report.pdf.json"
    text = path.read_text(encoding="utf-8")
    assert "葡萄糖" in text and "\\u" not in text
    assert StructuredReport.model_validate(json.loads(text)) == report
    assert json.loads(text)["lab_results"][1]["value"] == 7.25


def test_write_csv_bom_columns_and_chinese(tmp_path: Path) -> None:
    path = write_report(make_report(), tmp_path, "体检报告.pdf", "csv")
    assert path.name == "体检报告.pdf.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    assert frame["name_raw"].tolist() == ["白细胞计数", "葡萄糖", "乙肝表面抗原 | HBsAg"]
    assert frame["panel"].tolist() == ["血常规", "生化", ""]
    assert frame["value"].tolist() == ["5.6", "7.25", ""]
    assert frame["needs_review"].tolist() == ["False", "False", "True"]


def test_write_md_sections(tmp_path: Path) -> None:
    path = write_report(make_report(), tmp_path, "report.pdf", "md")
    assert path.name == "report.pdf.md"
    text = path.read_text(encoding="utf-8")
    for needle in (
        "- Sex: F",
        "- Age: 42",
        "- Exam date: 2024-05-06",
        "## Abnormal results (2)",
        "### 生化",
        "### 血常规",
        "### Other",
        "单位未知",
        "[normalize/UNKNOWN_UNIT]",
    ):
        assert needle in text
    assert (
        text.index("## Abnormal results") < text.index("## All results") < text.index("## Warnings")
    )
    assert "乙肝表面抗原 \\| HBsAg" in text  # pipes escaped inside table cells


def test_markdown_without_results_or_warnings() -> None:
    report = make_report().model_copy(
        update={"lab_results": [], "warnings": [], "patient": Patient()}
    )
    text = render_markdown(report)
    assert "No abnormal results." in text and "No results." in text and "None." in text
    assert "- Sex: —" in text


def test_unknown_format_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        write_report(make_report(), tmp_path, "report.pdf", "xml")


def review_report() -> StructuredReport:
    """A report with a converted result OCR was unsure of, an unmapped row, and warnings on a
    row, on a page and on the whole document."""
    hb = LabResult(
        id="r1",
        name_raw="Hemoglobin A, 02",
        value_raw="17.6 High",
        value=17.6,
        unit_raw="g/dL",
        unit="g/dL",
        value_canonical=176.0,
        unit_canonical="g/L",
        flag="H",
        flag_raw="High",
        reference_range=ReferenceRange(low=11.1, high=15.9, text="11.1-15.9"),
        analyte=AnalyteRef(code="HGB", loinc="718-7", name_en="Hemoglobin", category="cbc"),
        provenance=_prov(1),
        confidence=0.62,
        needs_review=True,
    )
    wbc = LabResult(
        id="r2",
        name_raw="WBC",
        value_raw="4.8",
        value=4.8,
        unit_raw="10^3/uL",
        unit="10*3/uL",
        value_canonical=4.8,
        unit_canonical="10*9/L",
        analyte=AnalyteRef(code="WBC", loinc="6690-2", name_en="White blood cell count",
                           category="cbc"),
        provenance=_prov(2),
    )  # fmt: skip
    odd = LabResult(
        id="r3", name_raw="Mystery test", value_raw="12", value=12.0, provenance=_prov(2)
    )
    warnings = [
        ReportWarning(stage="review", code="LOW_CONFIDENCE", page=1, result_id="r1",
                      message="OCR is unsure of this row"),
        ReportWarning(stage="tables", code="RESULT_LINES_UNREAD", page=2,
                      message="3 lines on this page look like results but none was read"),
        ReportWarning(stage="ingest", code="OK_RECOVERED", message="the PDF was damaged"),
    ]  # fmt: skip
    return make_report().model_copy(update={"lab_results": [hb, wbc, odd], "warnings": warnings})


def test_markdown_shows_analyte_loinc_converted_value_and_review_marker() -> None:
    text = render_markdown(review_report())
    hb_row = next(line for line in text.splitlines() if line.startswith("| Hemoglobin A, 02"))
    cells = [c.strip() for c in hb_row.strip("|").split("|")]
    assert cells == [
        "Hemoglobin A, 02",
        "Hemoglobin (718-7)",
        "17.6",  # the printed flag word has its own column
        "g/dL",
        "176 g/L",
        "11.1-15.9",
        "H",
        "⚠ OCR unsure (62%)",
    ]
    assert "| Test | Analyte (LOINC) | Value | Unit | Converted |" in text
    assert "**⚠ 1 result needs review** (marked ⚠)" in text
    wbc_row = next(line for line in text.splitlines() if line.startswith("| WBC"))
    assert "White blood cell count (6690-2)" in wbc_row and "10*9/L" not in wbc_row  # same number
    odd_row = next(line for line in text.splitlines() if line.startswith("| Mystery test"))
    assert "⚠" not in odd_row and "| 12 |" in odd_row


def test_markdown_warnings_name_their_row_or_page() -> None:
    text = render_markdown(review_report())
    assert (
        '- [review/LOW_CONFIDENCE] page 1, "Hemoglobin A, 02": OCR is unsure of this row '
        "(confidence 62%)\n"
    ) in text
    assert "- [tables/RESULT_LINES_UNREAD] page 2: 3 lines on this page" in text
    assert "- [ingest/OK_RECOVERED] the PDF was damaged\n" in text


def test_markdown_of_a_report_without_results_says_so_first() -> None:
    warning = ReportWarning(stage="ocr", code="PAGE_NOT_READ", page=1, message="no text")
    report = make_report().model_copy(update={"lab_results": [], "warnings": [warning]})
    text = render_markdown(report)
    assert "**No lab results were read.** Warnings: PAGE_NOT_READ." in text
    assert text.index("No lab results were read") < text.index("## Patient")


def test_readable_texts() -> None:
    from checkup2action.report.readable import (
        converted_text,
        number_text,
        review_reasons,
        warning_text,
    )

    assert [number_text(v) for v in (2.109236, 71.605, 176.0, 0.282263, 12345.6, 0.0)] == [
        "2.11", "71.6", "176", "0.282", "12346", "0",
    ]  # fmt: skip
    report = review_report()
    hb, wbc, odd = report.lab_results
    assert converted_text(hb) == "176 g/L" and converted_text(wbc) == converted_text(odd) == ""
    below = hb.model_copy(update={"comparator": "<"})
    assert converted_text(below) == "<176 g/L"
    # a row marked for review without a review warning: its confidence says why
    alone = report.model_copy(update={"warnings": []})
    assert review_reasons(alone) == {"r1": "confidence 62%"}
    misread = ReportWarning(stage="normalize", code="UNIT_OCR_MISREAD", result_id="r1", message="m")
    both = report.model_copy(update={"warnings": [*report.warnings, misread]})
    assert review_reasons(both) == {"r1": "OCR unsure (62%), unit misread by OCR"}
    gone = ReportWarning(stage="review", code="X", page=3, result_id="r9", message="m")
    assert warning_text(gone, {}) == "page 3, row r9: m [X]"  # a row since dropped
