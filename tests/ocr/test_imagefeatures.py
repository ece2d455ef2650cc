"""Rulings and ink colours read from page images agree with what the PDF itself says.

Born-digital pages are rendered with pypdfium2; their text-layer words and rulings are the truth
(``checkup2action.ingestion.pdf``), the picture is what a scan of them would show.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from checkup2action.ingestion import Document, Page, Ruling, Word, load_document
from checkup2action.layout import cluster_lines
from checkup2action.ocr.imagefeatures import ImageFeatureSettings, annotate_from_image
from checkup2action.samples.degrade import Degradation, degrade_page
from checkup2action.samples.generator import generate
from checkup2action.tables.extract import extract_rows

DPI = 200
SCALE = 72.0 / DPI
TOLERANCE = 1.5  # points between a ruling and its image reading


@cache
def document(family: str, seed: int, tmp: Path) -> tuple[Document, tuple[np.ndarray, ...]]:
    """A generated report loaded from its PDF, with every page rendered at ``DPI``."""
    path = tmp / f"{family}_{seed}.pdf"
    path.write_bytes(generate(family, seed).pdf)
    pdf = pdfium.PdfDocument(str(path))
    try:
        images = tuple(
            np.asarray(pdf[i].render(scale=DPI / 72).to_pil().convert("RGB"))
            for i in range(len(pdf))
        )
    finally:
        pdf.close()
    return load_document(path), images


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("imagefeatures")


def read_page(page: Page, rgb: np.ndarray, *, keep_colours: bool = False) -> Page:
    """A copy of the page annotated from the image (colours cleared first unless kept)."""
    out = copy.copy(page)
    out.words = list(page.words) if keep_colours else [replace(w, color=None) for w in page.words]
    annotate_from_image(out, rgb, SCALE)
    return out


def centre(r: Ruling) -> float:
    """Where a ruling lies across its length."""
    return (r.top + r.bottom) / 2 if r.horizontal else (r.x0 + r.x1) / 2


def span(r: Ruling) -> tuple[float, float]:
    """Where a ruling runs along its length."""
    return (r.x0, r.x1) if r.horizontal else (r.top, r.bottom)


def covered_share(r: Ruling, others: list[Ruling]) -> float:
    """Share of a ruling's length that lies on rulings of ``others`` (same direction)."""
    a, b = span(r)
    pieces = sorted(
        (max(a, span(o)[0]), min(b, span(o)[1]))
        for o in others
        if o.horizontal == r.horizontal
        and abs(centre(o) - centre(r)) <= TOLERANCE
        and span(o)[0] < b
        and a < span(o)[1]
    )
    total, end = 0.0, a
    for lo, hi in pieces:
        if hi > end:
            total += hi - max(lo, end)
            end = hi
    return total / (b - a) if b > a else 1.0


def assert_rulings_agree(
    truth: list[Ruling], found: list[Ruling], min_length: float, min_vertical: float = 0.0
) -> None:
    """Every long PDF ruling is found, and every ruling found is a PDF ruling.

    ``min_vertical`` skips short vertical ones: the sides of filled cells are not read.
    """
    long_ones = [
        r
        for r in truth
        if span(r)[1] - span(r)[0]
        >= (min_length if r.horizontal else max(min_length, min_vertical))
    ]
    missed = [r for r in long_ones if covered_share(r, found) < 0.9]
    extra = [r for r in found if covered_share(r, truth) < 0.9]
    assert not missed, f"missed {missed[:5]}"
    assert not extra, f"extra {extra[:5]}"


def rows_of(doc: Document) -> list[tuple]:
    """The table reader's rows of a document, as comparable tuples."""
    lines = {p.number: cluster_lines(p.words) for p in doc.pages}
    return [
        (r.page, r.panel, tuple(sorted((k.value, r.text(k)) for k in r.cells)), r.style)
        for r in extract_rows(doc, lines).rows
    ]


# --- rulings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "seed", "min_vertical"),
    [
        ("zh_ruled", 3, 0),
        ("en_india_ruled", 0, 0),
        ("zh_hant_booklet", 0, 35),
        ("en_us_lab", 0, 35),
    ],
)
def test_rulings_agree_with_the_pdf(family: str, seed: int, min_vertical: float, tmp: Path) -> None:
    doc, images = document(family, seed, tmp)
    page = read_page(doc.pages[0], images[0])
    assert_rulings_agree(doc.pages[0].rulings, page.rulings, 20.0, min_vertical)


def test_rulings_survive_a_scan(tmp: Path) -> None:
    """Blur, sensor noise, JPEG, uneven light and fading (the ``scan`` preset, upright)."""
    doc, images = document("zh_ruled", 3, tmp)
    deg = Degradation(
        dpi=DPI, blur_sigma=0.8, noise_std=6, jpeg_quality=70, uneven_light=0.15, fade=0.08
    )
    scanned, _ = degrade_page(Image.fromarray(images[0]), deg, random.Random("scan"))
    page = read_page(doc.pages[0], np.asarray(scanned))
    assert_rulings_agree(doc.pages[0].rulings, page.rulings, min_length=20.0)


@pytest.mark.parametrize(("family", "seed"), [("zh_hant_booklet", 6), ("en_india_ruled", 7)])
def test_table_rows_are_the_same_with_image_rulings(family: str, seed: int, tmp: Path) -> None:
    """The strong check: the table reader gives the same rows with the rulings read from the
    picture as with the PDF's own. India 7 reads differently without any rulings; booklet 6
    pinned a shaded row cut in two by its text, whose cut once passed for a column border."""
    doc, images = document(family, seed, tmp)
    expected = rows_of(doc)
    from_image = copy.deepcopy(doc)
    for page, rgb in zip(from_image.pages, images, strict=True):
        page.rulings = read_page(page, rgb, keep_colours=True).rulings
    assert rows_of(from_image) == expected


def blank(width_pt: float = 400, height_pt: float = 300) -> np.ndarray:
    """A white page image of the given size in points."""
    return np.full((round(height_pt / SCALE), round(width_pt / SCALE), 3), 255, np.uint8)


def px(points: float) -> int:
    """Points to whole pixels."""
    return round(points / SCALE)


def test_tilted_broken_line_is_one_ruling() -> None:
    img = blank()
    tilt = np.tan(np.radians(0.8))
    x0, x1, y = px(20), px(380), px(150)
    for a, b in ((x0, px(200)), (px(203), x1)):  # a 3 pt gap
        cv2.line(img, (a, round(y + (a - x0) * tilt)), (b, round(y + (b - x0) * tilt)),
                 (60, 60, 60), 1, cv2.LINE_AA)  # fmt: skip
    noisy = np.clip(img + np.random.default_rng(0).normal(0, 5, img.shape), 0, 255)
    page = Page(number=1, width=400, height=300, kind="scanned")
    annotate_from_image(page, noisy.astype(np.uint8), SCALE)
    (ruling,) = page.rulings
    assert ruling.horizontal
    assert ruling.x0 == pytest.approx(20, abs=1.5) and ruling.x1 == pytest.approx(380, abs=1.5)
    assert centre(ruling) == pytest.approx(150 + 180 * tilt, abs=1.0)  # the middle of the line


def test_shaded_rows_give_their_top_and_bottom_only() -> None:
    """A dark header bar over a light shaded row: each edge once, no sides."""
    img = blank()
    img[px(50) : px(68), px(20) : px(380)] = (60, 90, 130)
    img[px(70) : px(90), px(20) : px(380)] = (236, 236, 236)
    cv2.putText(img, "Hematology", (px(30), px(84)), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (0, 0, 0), 3)
    page = Page(number=1, width=400, height=300, kind="scanned")
    annotate_from_image(page, img, SCALE)
    assert all(r.horizontal for r in page.rulings)
    ys = sorted(round(centre(r)) for r in page.rulings)
    assert ys == [50, 68, 70, 90]


def test_text_alone_gives_no_rulings() -> None:
    img = blank()
    for i, text in enumerate(["Haemoglobin  13.5 g/dL", "mmmmmmmmmmmm rnrnrnrnrn", "EEEE ____"]):
        cv2.putText(img, text, (px(20), px(60 + 40 * i)), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                    (0, 0, 0), 2, cv2.LINE_AA)  # fmt: skip
    page = Page(number=1, width=400, height=300, kind="scanned")
    annotate_from_image(page, img, SCALE)
    assert [r for r in page.rulings if span(r)[1] - span(r)[0] > 40] == []


# --- ink colours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "seed", "kind"),
    [("zh_ruled", 1, "clean"), ("en_eu_decimal_comma", 0, "scan"), ("zh_hant_booklet", 0, "scan")],
)
def test_red_values_are_read_red_and_nothing_else_is(
    family: str, seed: int, kind: str, tmp: Path
) -> None:
    doc, images = document(family, seed, tmp)
    deg = Degradation(dpi=DPI, blur_sigma=0.8, noise_std=6, jpeg_quality=70, fade=0.08)
    red_truth = red_found = 0
    for page, rgb in zip(doc.pages, images, strict=True):
        if kind == "scan":
            rgb = np.asarray(degrade_page(Image.fromarray(rgb), deg, random.Random(kind))[0])
        got = read_page(page, rgb).words
        false_red = [g.text for w, g in zip(page.words, got, strict=True) if g.red and not w.red]
        assert false_red == []
        red_truth += sum(w.red for w in page.words)
        red_found += sum(w.red and g.red for w, g in zip(page.words, got, strict=True))
    assert red_truth > 0
    assert red_found >= 0.9 * red_truth


def word_at(x0: float, top: float, x1: float, bottom: float, text: str = "12.5") -> Word:
    """A word box in points."""
    return Word(text=text, x0=x0, top=top, x1=x1, bottom=bottom, page=1)


def ink_of(img: np.ndarray, word: Word) -> tuple[float, float, float] | None:
    """The colour read for one word of an image."""
    page = Page(number=1, width=400, height=300, kind="scanned", words=[word])
    annotate_from_image(page, img, SCALE)
    return page.words[0].color


def write(img: np.ndarray, text: str, x: float, y: float, colour: tuple[int, int, int]) -> None:
    """Draw text with its baseline at (x, y) points."""
    cv2.putText(img, text, (px(x), px(y)), cv2.FONT_HERSHEY_SIMPLEX, 0.9, colour, 2, cv2.LINE_AA)


def test_red_on_yellow_paper_under_blur_and_jpeg() -> None:
    img = blank()
    img[:] = (250, 238, 190)  # yellowed paper
    write(img, "12.5", 50, 100, (200, 20, 20))
    write(img, "12.5", 200, 100, (20, 20, 20))
    img = cv2.GaussianBlur(img, (0, 0), 1.0)
    _, buf = cv2.imencode(".jpg", img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, 50])
    img = cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1].copy()
    red = ink_of(img, word_at(48, 88, 90, 103))
    black = ink_of(img, word_at(198, 88, 240, 103))
    assert red is not None and replace(word_at(0, 0, 1, 1), color=red).red
    assert black is not None and max(black) - min(black) < 0.1 and max(black) < 0.4


def test_black_word_under_a_red_stamp_is_not_red() -> None:
    img = blank()
    write(img, "12.5", 50, 100, (0, 0, 0))
    stamp = img.copy()
    cv2.circle(stamp, (px(70), px(95)), px(25), (225, 60, 60), px(4))
    img = cv2.addWeighted(img, 0.4, cv2.min(img, stamp), 0.6, 0)
    colour = ink_of(img, word_at(48, 88, 90, 103))
    assert colour is None or not replace(word_at(0, 0, 1, 1), color=colour).red


def test_light_text_on_a_dark_bar_has_no_colour() -> None:
    img = blank()
    img[px(80) : px(108), :] = (60, 90, 130)
    write(img, "Result", 50, 100, (255, 255, 255))
    assert ink_of(img, word_at(48, 88, 110, 103)) is None


def test_red_rows_are_flagged_by_style(tmp: Path) -> None:
    """End to end: colours read from the picture let the table reader mark red values."""
    doc, images = document("zh_ruled", 1, tmp)
    expected = rows_of(doc)
    from_image = copy.deepcopy(doc)
    for page, rgb in zip(from_image.pages, images, strict=True):
        annotated = read_page(page, rgb)
        page.words, page.rulings = annotated.words, annotated.rulings
    assert any(style == "red" for *_, style in expected)
    assert rows_of(from_image) == expected


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="line_contrast"):
        ImageFeatureSettings(line_contrast=0)
    with pytest.raises(ValueError, match="red_max_share"):
        ImageFeatureSettings(red_max_share=1.5)


def test_the_edge_of_a_scan_is_no_ruling() -> None:
    """A scanner lid or table showing around the paper gives no rulings along the border."""
    img = np.full_like(blank(), 170)
    img[px(0.5) : -px(0.5), px(0.5) : -px(0.5)] = 250
    page = Page(number=1, width=400, height=300, kind="scanned")
    annotate_from_image(page, img, SCALE)
    assert page.rulings == []
