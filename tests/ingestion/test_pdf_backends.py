"""PDFium (default) and pdfplumber read a born-digital PDF into the same words and rulings."""

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from checkup2action.ingestion import load_pdf
from checkup2action.ingestion.pdfium_pages import place_spaces

ROWS = [
    ("Haemoglobin", "11.2", "g/dL", "13.0 - 17.0", True),
    ("Total Leucocyte Count", "7,800", "/cumm", "4000 - 11000", False),
    ("Platelet Count", "1.5", "lakhs/cumm", "1.5 - 4.1", False),
]


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _report(path: Path, rotate: int = 0) -> Path:
    """A one-page lab table: a bold header, ruled rows, one value in bold red; optionally the
    page carries a /Rotate."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.text(50, 60, "Test Name   Result   Unit   Bio. Ref. Interval")
    pdf.set_line_width(0.6)
    pdf.line(50, 66, 540, 66)
    y = 84
    for name, value, unit, ref, high in ROWS:
        pdf.set_font("Helvetica", "", 10)
        pdf.set_text_color(0, 0, 0)
        pdf.text(50, y, name)
        pdf.text(330, y, unit)
        pdf.text(420, y, ref)
        pdf.set_font("Helvetica", "B" if high else "", 10)
        pdf.set_text_color(210, 0, 0) if high else pdf.set_text_color(0, 0, 0)
        pdf.text(250, y, value)
        y += 18
    pdf.rect(45, 46, 500, y - 46)
    pdf.output(str(path))
    if rotate:
        doc = pdfium.PdfDocument(str(path))
        doc[0].set_rotation(rotate)
        doc.save(str(path))
        doc.close()
    return path


def _words(path: Path, backend: str) -> list:
    """The first page's words, in reading order."""
    page = load_pdf(path, backend=backend).pages[0]
    return sorted(page.words, key=lambda w: (round(w.top), w.x0))


@pytest.mark.parametrize("rotate", [0, 90])
def test_backends_agree_on_words_boxes_and_style(tmp_path, rotate):
    path = _report(tmp_path / "cbc.pdf", rotate)
    fast, plumber = _words(path, "pdfium"), _words(path, "pdfplumber")
    assert [w.text for w in fast] == [w.text for w in plumber]
    assert "Leucocyte" in [w.text for w in fast] and "7,800" in [w.text for w in fast]
    for a, b in zip(fast, plumber, strict=True):
        assert abs(a.x0 - b.x0) < 0.5 and abs(a.x1 - b.x1) < 0.5, a.text
        assert abs(a.top - b.top) < 0.5 and abs(a.bottom - b.bottom) < 0.5, a.text
        assert a.size == pytest.approx(b.size, abs=0.05) and a.bold == b.bold and a.red == b.red
    value = next(w for w in fast if w.text == "11.2")
    assert value.bold and value.red
    assert value.char_x0s is not None and len(value.char_x0s) == 4


@pytest.mark.parametrize("rotate", [0, 90])
def test_backends_agree_on_page_frame_and_rulings(tmp_path, rotate):
    path = _report(tmp_path / "cbc.pdf", rotate)
    fast = load_pdf(path).pages[0]
    plumber = load_pdf(path, backend="pdfplumber").pages[0]
    assert (fast.width, fast.height, fast.rotation) == pytest.approx(
        (plumber.width, plumber.height, plumber.rotation)
    )
    assert fast.rotation == rotate and fast.kind == "born_digital"

    def boxes(page):
        return sorted(
            (round(r.x0), round(r.top), round(r.x1), round(r.bottom)) for r in page.rulings
        )

    assert boxes(fast) == boxes(plumber)
    assert any(r.horizontal and r.x1 - r.x0 > 480 for r in fast.rulings)


def test_unknown_backend_is_refused(tmp_path):
    with pytest.raises(ValueError, match="pdfium"):
        load_pdf(_report(tmp_path / "cbc.pdf"), backend="pdfminer")


def _glyph(text, x0, x1, top=100.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10}


def _space(before, x0=999.0):
    return {**before, "text": " ", "x0": x0, "x1": x0, "after": before}


def test_a_space_is_put_right_after_the_glyph_before_it():
    b = _glyph("b", 10, 15)
    out = place_spaces([_glyph("a", 5, 10), b, _space(b), _glyph("I", 17.5, 20)])
    assert [c["text"] for c in out] == ["a", "b", " ", "I"]
    assert out[2]["x0"] == out[2]["x1"] == 15 and "after" not in out[2]


def test_a_space_before_another_line_or_run_is_dropped():
    b = _glyph("b", 10, 15)
    other_line = place_spaces([b, _space(b), _glyph("c", 16, 20, top=112)])
    new_run = place_spaces([b, _space(b), _glyph("c", 2, 6)])
    at_the_end = place_spaces([b, _space(b)])
    assert [c["text"] for c in other_line + new_run + at_the_end] == ["b", "c", "b", "c", "b"]


def test_a_pdf_whose_every_page_fails_is_corrupt_after_the_repair_pass(tmp_path, monkeypatch):
    import checkup2action.ingestion.pdfload as pdfload
    from checkup2action.errors import Checkup2ActionError

    calls = []

    def broken(page, number):
        calls.append(number)
        raise RuntimeError("bad content stream")

    monkeypatch.setattr(pdfload, "pdfium_page", broken)
    with pytest.raises(Checkup2ActionError) as info:
        load_pdf(_report(tmp_path / "cbc.pdf"))
    assert info.value.code == "CORRUPT_DOCUMENT" and "no page could be read" in info.value.message
    assert len(calls) == 2  # the file, then its repaired copy


def test_one_page_that_fails_is_kept_empty_with_a_warning(tmp_path, monkeypatch):
    import checkup2action.ingestion.pdfload as pdfload

    good = pdfload.pdfium_page

    def second_fails(page, number):
        if number == 2:
            raise RuntimeError("bad content stream")
        return good(page, number)

    monkeypatch.setattr(pdfload, "pdfium_page", second_fails)
    doc = load_pdf(SAMPLES / "zh_checkup_multi_42.pdf")
    assert [p.unreadable for p in doc.pages] == [False, True, False, False, False]
    assert doc.pages[1].words == [] and doc.pages[2].words
    assert [(w.code, w.page) for w in doc.warnings] == [("PAGE_NOT_READ", 2)]
    assert doc.repaired_pdf is None
