"""Identifiers printed inside a born-digital page's pictures are read and redacted (fake names)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from checkup2action import pipeline
from checkup2action.deid.imagetext import picture_lines
from checkup2action.deid.redact import RENDER_DPI
from checkup2action.ingestion import load_document

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("rapidocr") is None,
        reason="rapidocr not installed (pip install 'checkup2action[ocr]')",
    ),
]

SIGNATURE = "Dr. Jane Roe  MBBS, MD"
PICTURE_AT = (40.0, 120.0, 300.0, 150.0)  # points: x0, top, x1, bottom


def _picture() -> Image.Image:
    """The signature drawn at 200 dpi, the size of ``PICTURE_AT``."""
    ttf = pytest.importorskip("checkup2action.samples.fonts").cjk_ttf
    try:
        font_path = ttf(SIGNATURE)
    except ImportError as exc:
        pytest.skip(f"font package missing (extra 'samples'): {exc}")
    scale = 200 / 72
    x0, top, x1, bottom = PICTURE_AT
    image = Image.new("RGB", (round((x1 - x0) * scale), round((bottom - top) * scale)), "white")
    font = ImageFont.truetype(str(font_path), size=round(12 * scale))
    ImageDraw.Draw(image).text((10, 15), SIGNATURE, font=font, fill="black")
    return image


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory) -> Path:
    """A born-digital page: a result line as text, the signature only as a picture."""
    folder = tmp_path_factory.mktemp("imagetext")
    picture = folder / "signature.png"
    _picture().save(picture)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.text(40, 80, "Glucose  5.4  mmol/L  3.9 - 6.1")
    x0, top, x1, bottom = PICTURE_AT
    pdf.image(str(picture), x=x0, y=top, w=x1 - x0, h=bottom - top)
    path = folder / "signed.pdf"
    pdf.output(str(path))
    return path


def test_the_text_of_a_picture_on_a_born_digital_page_is_read_in_page_points(signed_pdf):
    doc = load_document(signed_pdf)
    assert doc.pages[0].kind == "born_digital"
    assert not any("Roe" in w.text for w in doc.pages[0].words)  # only the picture prints it
    lines = picture_lines(doc)[1]
    (line,) = [ln for ln in lines if "Roe" in ln.text]
    x0, top, x1, bottom = PICTURE_AT
    assert x0 <= line.x0 and line.x1 <= x1 and top <= line.top and line.bottom <= bottom


def test_redact_covers_a_name_printed_only_in_a_picture(signed_pdf, tmp_path):
    out = tmp_path / "redacted.png"
    summary = pipeline.redact(signed_pdf, out)
    assert summary.kinds.get("name", 0) >= 1
    image = Image.open(out).convert("L")
    scale = RENDER_DPI / 72
    x0, top, x1, bottom = PICTURE_AT
    band = image.crop(
        (round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale))
    )
    darkest_share = sum(band.histogram()[:30]) / (band.width * band.height)
    assert darkest_share > 0.15  # a filled box, not just the strokes of the letters
