"""``redact``: a copy of the document with a filled box over every identifier (fake identities)."""

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageStat
from typer.testing import CliRunner

from checkup2action import pipeline
from checkup2action.cli import app
from checkup2action.deid.redact import RENDER_DPI
from checkup2action.samples.generator import generate


@pytest.fixture(scope="module")
def seeded_pdf(tmp_path_factory) -> tuple[Path, dict]:
    gen = generate("en_us_lab", 7, identities=True)
    path = tmp_path_factory.mktemp("redact") / "report.pdf"
    path.write_bytes(gen.pdf)
    return path, gen.truth


def _word_box(pdf: Path, text: str) -> tuple[float, float, float, float]:
    """Box (points) of the first word of the first line printing ``text`` on page 1."""
    with pdfplumber.open(pdf) as doc:
        found = doc.pages[0].search(text, regex=False)
    assert found, text
    return found[0]["x0"], found[0]["top"], found[0]["x1"], found[0]["bottom"]


def _is_black(image: Image.Image, box: tuple[float, ...], scale: float) -> bool:
    """Whether the box is filled (its mean grey is near black; printed text is far lighter)."""
    x0, top, x1, bottom = (round(v * scale) for v in box)
    return ImageStat.Stat(image.convert("L").crop((x0, top, x1, bottom))).mean[0] < 30


def test_every_seeded_identifier_is_covered_and_no_text_is_left(seeded_pdf, tmp_path):
    pdf, truth = seeded_pdf
    out = tmp_path / "redacted.pdf"
    summary = pipeline.redact(pdf, out)
    assert summary.pages == truth["page_count"] and summary.boxes >= len(truth["identifiers"])
    doc = pdfium.PdfDocument(str(out))
    assert len(doc) == truth["page_count"]
    assert all(doc[i].get_textpage().get_text_range().strip() == "" for i in range(len(doc)))
    page = doc[0].render(scale=RENDER_DPI / 72).to_pil()
    for item in truth["seeded_identifiers"]:
        if item["kind"] != "name":
            assert _is_black(page, _word_box(pdf, item["text"]), RENDER_DPI / 72), item["kind"]
    assert not _is_black(page, _word_box(pdf, "Ordered Items"), RENDER_DPI / 72)


def test_a_picture_is_redacted_into_a_picture(seeded_pdf, tmp_path):
    pytest.importorskip("rapidocr", reason="the ocr extra is not installed")
    pdf, truth = seeded_pdf
    picture = tmp_path / "page.png"
    image = pdfium.PdfDocument(str(pdf))[0].render(scale=200 / 72).to_pil()
    image.save(picture, dpi=(200, 200))
    out = tmp_path / "page_redacted.png"
    result = CliRunner().invoke(app, ["redact", str(picture), "-o", str(out)])
    assert result.exit_code == 0, result.output
    redacted = Image.open(out)
    assert redacted.size == image.size
    email = next(i["text"] for i in truth["seeded_identifiers"] if i["kind"] == "email")
    assert _is_black(redacted, _word_box(pdf, email), 200 / 72)


def test_the_command_refuses_to_overwrite_its_input(seeded_pdf):
    pdf, _ = seeded_pdf
    result = CliRunner().invoke(app, ["redact", str(pdf), "-o", str(pdf)])
    assert result.exit_code == 2
    assert "overwrite" in result.output
