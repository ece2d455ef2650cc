"""A text layer decoded with a wrong map (stripped ToUnicode) is caught by reading a few words."""

from __future__ import annotations

import re

import pytest

from checkup2action.ingestion import load_document
from checkup2action.ingestion.document import Page, Word
from checkup2action.ocr.verify import (
    FontVerdicts,
    doubtful_layer,
    layer_matches_picture,
    layer_verdict_without_picture,
    sample_words,
)
from checkup2action.samples.generator import generate


def stripped(pdf: bytes) -> bytes:
    """The PDF with every /ToUnicode reference blanked out (same length, offsets kept)."""
    return re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), pdf)


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("rapidocr")
    from checkup2action.ocr.base import create_engine
    from checkup2action.ocr.rapid import RapidOcrOptions

    return create_engine(RapidOcrOptions())


def first_page(tmp_path, pdf: bytes, backend: str = "pdfium"):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    doc = load_document(path, pdf_backend=backend)
    return doc, doc.pages[0]


@pytest.mark.parametrize("family", ["zh_ruled", "en_us_lab"])
def test_wrong_map_is_doubtful_and_disagrees_with_the_picture(tmp_path, engine, family):
    from checkup2action.ocr.stage import page_image

    pdf = stripped(generate(family, 5).pdf)
    doc, page = first_page(tmp_path, pdf, backend="pdfplumber")  # pdfminer guesses the glyphs
    assert doubtful_layer(page)
    image, dpi = page_image(doc, page)
    assert not layer_matches_picture(engine, page, image, dpi)


@pytest.mark.parametrize("family", ["zh_ruled", "en_us_lab"])
def test_pdfium_knows_a_layer_without_a_map_is_garbage(tmp_path, family):
    _, page = first_page(tmp_path, stripped(generate(family, 5).pdf))
    assert page.garbage_text_layer and page.kind == "scanned" and not page.words


def test_a_good_layer_agrees_with_the_picture(tmp_path, engine):
    from checkup2action.ocr.stage import page_image

    doc, page = first_page(tmp_path, generate("zh_ruled", 5).pdf)
    assert not doubtful_layer(page)
    image, dpi = page_image(doc, page)
    assert layer_matches_picture(engine, page, image, dpi)


@pytest.mark.parametrize("family", ["zh_side_by_side", "en_headerless", "zh_hant_booklet"])
def test_ordinary_layers_are_not_doubtful(tmp_path, family):
    for seed in range(3):
        _, page = first_page(tmp_path, generate(family, seed).pdf)
        assert not doubtful_layer(page)


def test_a_wrongly_mapped_layer_is_replaced_by_ocr(tmp_path, engine):
    from checkup2action.pipeline import ingest

    gen = generate("zh_ruled", 5)
    path = tmp_path / "stripped.pdf"
    path.write_bytes(stripped(gen.pdf))
    report = ingest(path)
    assert report.source.pages[0].kind == "scanned"
    assert any(w.code == "TEXT_LAYER_REPLACED" for w in report.warnings)
    names = {r.name_raw for r in report.lab_results}
    truth = {t["name_raw"] for t in gen.truth["lab_results"] if t["page"] == 1}
    assert len(names & truth) >= 0.8 * len(truth)


def test_long_words_are_sampled_after_the_others():
    from checkup2action.ocr.verify import SAMPLE_WORDS

    texts = ["www.example-laboratory.com/reports", "Haemoglobin", "Platelets", "(cid:12)ab", "--"]
    texts += [f"Word{n:02d}" for n in range(SAMPLE_WORDS)]
    words = [Word(t, 0, 0, 10, 10, 1) for t in texts]
    picked = [w.text for w in sample_words(words)]
    assert picked[:2] == ["Haemoglobin", "Platelets"]
    assert "www.example-laboratory.com/reports" not in picked  # eight shorter words come first
    assert "(cid:12)ab" not in picked and "--" not in picked


def _page(number: int, fonts: list[str]) -> Page:
    """A born-digital page of long words, one per given font, that the picture check will sample."""
    words = [
        Word(f"Analyte{n:02d}", 10, 20 * n, 80, 20 * n + 10, number, fontname=font)
        for n, font in enumerate(fonts)
    ]
    return Page(number, 200, 400, "born_digital", words=words)


class _EchoEngine:
    """Reads every crop as the layer says (or as ``wrong`` when told), counting its calls."""

    name = "echo"

    def __init__(self, wrong: bool = False) -> None:
        self.calls = 0
        self.wrong = wrong
        self.texts: list[str] = []

    def recognize_crops(self, crops):
        self.calls += 1
        return [("zzzz" if self.wrong else text, 0.9) for text in self.texts[: len(crops)]]


def _check(pages: list[Page], engine: _EchoEngine, monkeypatch) -> list[int]:
    """Run the stage's text-layer check on these pages with a blank picture for each."""
    from PIL import Image

    from checkup2action.ocr import stage

    rendered = []

    def fake_render(doc, page):
        rendered.append(page.number)
        engine.texts = [w.text for w in sample_words(page.words)]
        return Image.new("RGB", (600, 1200), "white"), 144.0

    monkeypatch.setattr(stage, "_rendered", fake_render)
    stage.check_text_layers(None, pages, engine, None)  # type: ignore[arg-type]
    return rendered


def test_a_judged_font_decides_later_pages_without_rendering(monkeypatch):
    engine = _EchoEngine()
    pages = [_page(n, ["Arial"] * 5 + ["Arial,Bold"] * 3) for n in (1, 2, 3)]
    assert _check(pages, engine, monkeypatch) == [1]
    assert engine.calls == 1 and all(p.kind == "born_digital" for p in pages)


def test_a_refuted_font_drops_later_pages_without_rendering(monkeypatch):
    engine = _EchoEngine(wrong=True)
    pages = [_page(n, ["F1+Sans"] * 8) for n in (1, 2)]
    assert _check(pages, engine, monkeypatch) == [1]
    assert all(p.kind == "scanned" and p.garbage_text_layer for p in pages)


def test_unjudged_fonts_that_could_change_the_outcome_are_read(monkeypatch):
    engine = _EchoEngine()
    first = _page(1, ["Arial"] * 8)
    # two words in the judged font cannot keep the layer alone (2/8 < KEEP_SHARE): OCR looks
    second = _page(2, ["Arial"] * 2 + ["Barcode"] * 6)
    # three can: the page is kept whatever the barcode font's words would say
    third = _page(3, ["Arial"] * 3 + ["Barcode"] * 5)
    assert _check([first, second, third], engine, monkeypatch) == [1, 2]


def test_fonts_without_a_name_are_never_taken_as_judged():
    fonts = FontVerdicts()
    words = _page(1, [""] * 8).words
    fonts.record(words, [True] * 8)
    assert fonts.known(words[0]) is None
    assert layer_verdict_without_picture(_page(2, [""] * 8), fonts) is None


def test_a_page_with_too_few_words_to_sample_is_left_to_the_picture_check():
    fonts = FontVerdicts()
    fonts.record(_page(1, ["Arial"] * 8).words, [True] * 8)
    assert layer_verdict_without_picture(_page(2, ["Arial"] * 2), fonts) is None
