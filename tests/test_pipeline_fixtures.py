"""End-to-end cases pinned with small PDFs made in the test (each one a bug or trap we saw)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from checkup2action.pipeline import ingest

HEADER = ("Test", "Result", "Units", "Reference Interval")
COLUMNS = (40, 220, 300, 380)


def _table_pdf(
    path: Path,
    rows: list[tuple[str, ...]],
    char_spacing: float = 0.0,
    patient_line: str = "Sex: M   Age: 50 Y   Collected: 2025-01-02",
) -> Path:
    """A one-page borderless English report with the given result rows."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.text(40, 40, patient_line)
    for x, text in zip(COLUMNS, HEADER, strict=True):
        pdf.text(x, 80, text)
    y = 96.0
    for row in rows:
        for i, (x, text) in enumerate(zip(COLUMNS, row, strict=True)):
            pdf.set_char_spacing(char_spacing if i == 1 else 0)
            pdf.text(x, y, text)
        y += 13
    pdf.output(str(path))
    return path


def test_letter_spaced_values_are_read_whole(tmp_path):
    rows = [
        ("Glucose", "12.5", "mmol/L", "3.9-6.1"),
        ("Creatinine", "88", "umol/L", "59-104"),
        ("Sodium", "140", "mmol/L", "137-147"),
    ]
    report = ingest(_table_pdf(tmp_path / "spaced.pdf", rows, char_spacing=2.2))
    assert [r.value for r in report.lab_results if not r.derived] == [12.5, 88.0, 140.0]
    assert report.lab_results[0].flag == "H"


def test_names_and_ids_never_reach_the_output(tmp_path):
    rows = [
        ("Glucose", "5.0", "mmol/L", ""),
        ("Urea", "4.1", "mmol/L", ""),
        ("Sodium", "141", "mmol/L", ""),
    ]
    line = "Name: Zed Example   Patient ID: 99887766   Sex: F   Age: 33 Y"
    text = ingest(_table_pdf(tmp_path / "ids.pdf", rows, patient_line=line)).to_json()
    assert "Zed" not in text and "99887766" not in text
    assert '"sex": "F"' in text


def test_rotated_pages_read_like_upright_ones(tmp_path):
    import pypdfium2 as pdfium

    sample = Path(__file__).resolve().parents[1] / "samples" / "en_us_lab_28.pdf"
    upright = ingest(sample)
    for rotation in (90, 180, 270):
        doc = pdfium.PdfDocument(str(sample))
        for page in doc:
            page.set_rotation(rotation)
        path = tmp_path / f"rot{rotation}.pdf"
        doc.save(str(path))
        turned = ingest(path)
        assert [(r.name_raw, r.value, r.flag) for r in turned.lab_results] == [
            (r.name_raw, r.value, r.flag) for r in upright.lab_results
        ]
        width = turned.source.pages[0].width
        assert width == (
            upright.source.pages[0].height
            if rotation in (90, 270)
            else upright.source.pages[0].width
        )
        box = turned.lab_results[0].provenance[0].bbox
        assert 0 <= box.x0 < box.x1 <= width
