"""Tests of the review signals: OCR marks on provenance, needs_review."""

from __future__ import annotations

from checkup2action.ocr.stage import OcrOutcome
from checkup2action.report.models import BBox, EarlierResult, LabResult, Provenance
from checkup2action.report.review import review


def _prov(page: int) -> list[Provenance]:
    """One provenance entry on ``page``."""
    return [Provenance(page=page, bbox=BBox(x0=1, top=2, x1=30, bottom=9))]


def _result(page: int, confidence: float = 0.99) -> LabResult:
    """A result with one earlier visit, both on ``page``."""
    earlier = EarlierResult(value_raw="5.1", value=5.1, provenance=_prov(page))
    return LabResult(
        id="r1", name_raw="GLU", value_raw="5.6", value=5.6, provenance=_prov(page),
        history=[earlier], confidence=confidence,
    )  # fmt: skip


def test_ocr_page_marks_result_and_history_provenance():
    out = review(_result(page=2), OcrOutcome(engine="rapidocr", pages={2}))
    assert [(p.source, p.engine) for p in out.provenance] == [("ocr", "rapidocr")]
    assert [(p.source, p.engine) for p in out.history[0].provenance] == [("ocr", "rapidocr")]
    assert not out.needs_review


def test_text_layer_page_is_left_alone():
    out = review(_result(page=1), OcrOutcome(engine="rapidocr", pages={2}))
    assert out.provenance[0].source == "text_layer"
    assert out.history[0].provenance[0].source == "text_layer"


def test_unsure_ocr_result_needs_review():
    out = review(_result(page=2, confidence=0.5), OcrOutcome(engine="rapidocr", pages={2}))
    assert out.needs_review
