"""A long scanned document reports its steps page by page while it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkup2action.ingestion import PageSelection
from checkup2action.pipeline import PipelineOptions, ingest
from checkup2action.progress import Step

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_a_born_digital_pdf_has_no_page_to_ocr() -> None:
    steps: list[Step] = []
    ingest(SAMPLES / "en_us_lab_28.pdf", progress=steps.append)
    assert [s.name for s in steps] == ["opening", "tables and results"]


@pytest.mark.slow
def test_each_scanned_page_is_reported_as_its_ocr_starts() -> None:
    pytest.importorskip("rapidocr", reason="the ocr extra is not installed")
    steps: list[Step] = []
    scan = SAMPLES / "scanned" / "en_us_lab_2_scan5.pdf"
    options = PipelineOptions(pages=PageSelection.parse("1-2"))
    report = ingest(scan, options=options, progress=steps.append)
    assert [s for s in steps if s.name == "OCR"] == [Step("OCR", 0, 2, 1), Step("OCR", 1, 2, 2)]
    assert [s for s in steps if s.name == "layout"] == [
        Step("layout", 0, 2, 1),
        Step("layout", 1, 2, 2),
    ]
    names = [s.name for s in steps]
    assert names[0] == "opening" and names[-1] == "tables and results"
    assert names.index("loading the OCR engine") < names.index("OCR") < names.index("layout")
    assert report.lab_results  # reporting changes nothing that is read
