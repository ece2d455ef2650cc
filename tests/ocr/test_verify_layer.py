"""A text layer decoded with a wrong map (stripped ToUnicode) is caught by reading a few words."""

from __future__ import annotations

import re

import pytest

from checkup2action.ingestion import load_document
from checkup2action.ocr.verify import doubtful_layer, layer_matches_picture
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
    from checkup2action.ingestion.document import Word
    from checkup2action.ocr.verify import SAMPLE_WORDS, sample_words

    texts = ["www.example-laboratory.com/reports", "Haemoglobin", "Platelets", "(cid:12)ab", "--"]
    texts += [f"Word{n:02d}" for n in range(SAMPLE_WORDS)]
    words = [Word(t, 0, 0, 10, 10, 1) for t in texts]
    picked = [w.text for w in sample_words(words)]
    assert picked[:2] == ["Haemoglobin", "Platelets"]
    assert "www.example-laboratory.com/reports" not in picked  # eight shorter words come first
    assert "(cid:12)ab" not in picked and "--" not in picked
