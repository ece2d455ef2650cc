"""A scan whose OCR text layer hides under or behind its picture is read by our OCR."""

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image

from checkup2action.ingestion import load_document


def _pdf(tmp_path: Path, order: str, mode: TextMode = TextMode.FILL) -> Path:
    """One A4 page with a text line and a page-sized picture, in the order given."""
    picture = tmp_path / "scan.png"
    Image.new("RGB", (200, 280), "white").save(picture)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for step in order:
        if step == "text":
            pdf.text_mode = mode
            pdf.text(60, 100, "Hemoglobin 13.5 g/dL 13.0-17.0")
            pdf.text_mode = TextMode.FILL
        else:
            pdf.image(str(picture), x=0, y=0, w=pdf.w, h=pdf.h)
    path = tmp_path / f"{order[0]}-{mode.name}.pdf"
    pdf.output(str(path))
    return path


def test_text_under_a_page_picture_is_an_ocr_layer(tmp_path: Path) -> None:
    doc = load_document(_pdf(tmp_path, ("text", "picture")))
    assert doc.pages[0].kind == "scanned" and doc.pages[0].garbage_text_layer


def test_invisible_text_over_a_page_picture_is_an_ocr_layer(tmp_path: Path) -> None:
    doc = load_document(_pdf(tmp_path, ("picture", "text"), TextMode.INVISIBLE))
    assert doc.pages[0].kind == "scanned"


def test_text_printed_over_a_background_picture_is_kept(tmp_path: Path) -> None:
    doc = load_document(_pdf(tmp_path, ("picture", "text")))
    page = doc.pages[0]
    assert page.kind == "born_digital" and "Hemoglobin" in " ".join(w.text for w in page.words)
