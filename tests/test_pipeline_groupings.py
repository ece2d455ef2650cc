"""The pipeline's two groupings of a photographed page's words into lines."""

from __future__ import annotations

from pathlib import Path

from checkup2action.deid.scrub import DeidOptions
from checkup2action.ingestion.document import Document, Page, Word
from checkup2action.ocr.stage import OcrOutcome
from checkup2action.pipeline import ReadPages, page_groupings, report_from_pages


def word(text: str, x: float, y: float) -> Word:
    """An OCR word, 10 pt high, centred at height y."""
    return Word(text, x, y - 5, x + 8 * len(text), y + 5, 1, size=10, confidence=0.99)


ANALYTES = [
    "Glucose",
    "Urea",
    "Creatinine",
    "Sodium",
    "Potassium",
    "Chloride",
    "Calcium",
    "Albumin",
    "Bilirubin",
    "Cholesterol",
    "Triglycerides",
    "Urate",
    "Magnesium",
    "Phosphate",
    "Iron",
    "Ferritin",
    "Transferrin",
    "Lactate",
    "Ammonia",
    "Lipase",
]


def sloping_results_page() -> Page:
    """Twenty result rows that slope more the lower they are, then two signatures: one printed
    flat (following the rows' slope tears it apart) and one sloping like the rows (grouping
    straight tears it apart)."""
    words = []
    for i in range(20):
        y, slope = 100 + 14 * i, 0.025 * i / 19
        words += [word(ANALYTES[i], 20, y), word(f"{i + 4}.5", 300, y + slope * 280)]
        words += [word("mmol/L", 360, y + slope * 340)]
    words += [word("Dr.", 20, 420), word("Jane", 300, 420), word("Oakfield", 345, 420)]
    words += [word("Dr.", 20, 460), word("Paul", 300, 467), word("Brookner", 345, 468.6)]
    return Page(number=1, width=595, height=842, kind="scanned", words=words)


def test_the_grouping_not_chosen_is_kept_when_it_differs() -> None:
    chosen, other = page_groupings(sloping_results_page(), None)
    for name in ("Dr.  Jane  Oakfield", "Dr.  Paul  Brookner"):  # each joined in one grouping
        assert sum(line.text == name for line in chosen + other) == 1
    born_digital = Page(number=1, width=595, height=842, kind="born_digital", words=[])
    assert page_groupings(born_digital, None) == ([], [])


def test_identifiers_are_looked_for_in_both_groupings() -> None:
    page = sloping_results_page()
    doc = Document(path=Path("slip.png"), sha256="0" * 64, pages=[page])
    read = ReadPages(doc, OcrOutcome(engine="test", pages={1}))
    report = report_from_pages(read, deid=DeidOptions(keep_identifiers=True))
    found = " ".join(item.text for item in report.identifiers)
    assert "Oakfield" in found and "Brookner" in found
    scrubbed = report_from_pages(read).model_dump_json()
    assert "Oakfield" not in scrubbed and "Brookner" not in scrubbed
