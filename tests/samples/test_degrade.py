"""Scanned / photographed variants of the synthetic reports: determinism, geometry, truth, formats."""

from __future__ import annotations

import io
import json
import math
import random
from functools import cache

import numpy as np
import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image, ImageOps, ImageSequence

from checkup2action.samples.degrade import (
    KINDS,
    TILT_KIND,
    Degradation,
    DegradedReport,
    Transform,
    degrade_page,
    degrade_pdf,
    degrade_report,
    preset,
    render_pages,
    save_report,
)
from checkup2action.samples.generator import FAMILIES, generate
from checkup2action.samples.make_scans import plan

SQUARE = (100.0, 150.0, 124.0, 174.0)  # PDF points, top-left origin: off-centre on purpose


@cache
def report(kind: str) -> DegradedReport:
    """One single-page report per degradation kind."""
    return degrade_report(generate("zh_ruled", 0), kind, 7)


@cache
def square_page(dpi: int) -> Image.Image:
    """An A4 page with a red square at ``SQUARE`` and a little black text, rendered at ``dpi``."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.text(300, 400, "Reference page")
    pdf.set_fill_color(255, 0, 0)
    x0, top, x1, bottom = SQUARE
    pdf.rect(x0, top, x1 - x0, bottom - top, style="F")
    return render_pages(bytes(pdf.output()), dpi)[0]


def red_centroid(img: Image.Image) -> tuple[float, float]:
    """Centroid (continuous pixel coordinates) of the strongly red pixels."""
    a = np.asarray(img.convert("RGB")).astype(int)
    ys, xs = np.nonzero((a[..., 0] > 150) & (a[..., 1] < 100) & (a[..., 2] < 100))
    assert len(xs) > 20, "red square not found"
    return float(xs.mean()) + 0.5, float(ys.mean()) + 0.5


def test_presets_in_range() -> None:
    """Preset parameters stay in the documented ranges; bad input is rejected."""
    rng = random.Random(0)
    for _ in range(200):
        scan, photo, hard = (preset(k, rng) for k in KINDS)
        assert 200 <= scan.dpi <= 300 and abs(scan.skew_deg) <= 2 and scan.rotation in (0, 180)
        assert 70 <= (scan.jpeg_quality or 0) <= 95 and scan.perspective == 0
        assert 150 <= photo.dpi <= 200 and photo.rotation in (0, 90, 270) and photo.perspective > 0
        assert (photo.jpeg_quality or 0) < (scan.jpeg_quality or 0) + 30
        assert hard.watermark and hard.perspective > 0 and hard.uneven_light > 0
        tilt = preset(TILT_KIND, rng)
        assert 10 <= abs(tilt.skew_deg) <= 35 and tilt.rotation == 0 and tilt.perspective > 0
    with pytest.raises(ValueError):
        preset("fax", rng)
    with pytest.raises(ValueError):
        Degradation(skew_deg=46)
    with pytest.raises(ValueError):
        Degradation(dpi=100)
    with pytest.raises(ValueError):
        Degradation(rotation=45)


def test_deterministic() -> None:
    """Same seed → same truth and the same PNG / JPEG bytes."""
    gen = generate("zh_ruled", 0)
    a, b = degrade_report(gen, "hard", 3), degrade_report(gen, "hard", 3)
    assert a.truth == b.truth
    for fmt in ("PNG", "JPEG"):
        out = []
        for d in (a, b):
            buf = io.BytesIO()
            d.images[0].save(buf, fmt)
            out.append(buf.getvalue())
        assert out[0] == out[1]
    assert degrade_report(gen, "hard", 4).truth["degradation"] != a.truth["degradation"]


@pytest.mark.parametrize("kind", KINDS)
def test_kind_sizes_and_truth(kind: str) -> None:
    """Image sizes follow the geometry; every ``bbox_px`` lies inside its page."""
    d = report(kind)
    deg = d.degradation
    assert d.truth["degradation"]["kind"] == kind and d.truth["degradation"]["dpi"] == deg.dpi
    (page,) = d.truth["pages"]
    img, tf = d.images[0], d.transforms[0]
    assert img.mode == "RGB" and img.size == (tf.width, tf.height)
    assert (page["width_px"], page["height_px"], page["dpi"]) == (*img.size, deg.dpi)
    assert Transform.from_dict(json.loads(json.dumps(page["transform"]))) == tf
    w, h = (math.ceil(v * deg.dpi / 72) for v in (595.28, 841.89))
    if deg.perspective == 0:  # rotated page with canvas expansion, then the quarter turn
        c, s = abs(math.cos(math.radians(deg.skew_deg))), abs(math.sin(math.radians(deg.skew_deg)))
        size = (math.ceil(w * c + h * s - 1e-6), math.ceil(w * s + h * c - 1e-6))
        assert img.size == (size[::-1] if deg.rotation in (90, 270) else size)
    else:  # page fully inside, with a background margin
        x0, top, x1, bottom = tf.apply_box((0, 0, 595.28, 841.89))
        assert x0 > 0 and top > 0 and x1 < img.width and bottom < img.height
        assert img.width * img.height < 2 * w * h
    portrait = img.height > img.width
    assert portrait == (deg.rotation in (0, 180))
    for r in d.truth["lab_results"]:
        x0, top, x1, bottom = r["bbox_px"]
        assert 0 <= x0 < x1 <= img.width and 0 <= top < bottom <= img.height


def test_red_stays_red() -> None:
    """Red abnormal values keep their colour."""
    a = np.asarray(report("scan").images[0]).astype(int)
    red = (a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)
    assert red.sum() > 50  # the red abnormal value of zh_ruled/0


@pytest.mark.parametrize(
    "deg",
    [
        Degradation(dpi=150, rotation=0),
        Degradation(dpi=150, rotation=90),
        Degradation(dpi=150, rotation=180),
        Degradation(dpi=150, rotation=270),
        Degradation(dpi=200, skew_deg=4.0, rotation=90, blur_sigma=1.0, jpeg_quality=80),
        Degradation(dpi=150, skew_deg=-3.0, perspective=0.07, rotation=270, uneven_light=0.5),
        Degradation(dpi=150, skew_deg=2.0, perspective=0.05, watermark="COPY"),
    ],
    ids=["r0", "r90", "r180", "r270", "skew", "perspective", "watermark"],
)
def test_transform_maps_known_point(deg: Degradation) -> None:
    """The red square lands where the transform maps it."""
    img, tf = degrade_page(square_page(deg.dpi), deg, random.Random(1))
    cx, cy = red_centroid(img)
    x0, top, x1, bottom = tf.apply_box(SQUARE)
    assert x0 < cx < x1 and top < cy < bottom
    mx, my = tf.apply((SQUARE[0] + SQUARE[2]) / 2, (SQUARE[1] + SQUARE[3]) / 2)
    assert math.hypot(cx - mx, cy - my) < 2.0


def test_rotation_is_clockwise() -> None:
    """``rotation=90`` turns the page clockwise."""
    img, _ = degrade_page(square_page(150), Degradation(dpi=150, rotation=90), random.Random(0))
    cx, cy = red_centroid(img)
    assert cx > img.width / 2 and cy < img.height / 2  # top-left square → top-right


@cache
def two_pages() -> DegradedReport:
    """A cheap two-page CJK report with a photo-like EXIF orientation."""
    gen = generate("zh_hant_booklet", 0)
    deg = Degradation(dpi=150, skew_deg=1.0, noise_std=4, jpeg_quality=80, exif_orientation=6)
    return degrade_pdf(gen.pdf, gen.truth, deg, random.Random(0))


@pytest.mark.parametrize("fmt", ["png", "jpg", "tiff", "pdf"])
def test_formats(fmt: str, tmp_path) -> None:
    """Every output format writes readable files with one page per image."""
    d = two_pages()
    paths = save_report(d, tmp_path, "r", fmt)
    truth_path = paths[-1]
    assert truth_path.name == "r.truth.json"
    text = truth_path.read_text(encoding="utf-8")
    truth = json.loads(text)
    assert truth["image_format"] == fmt and "\\u" not in text
    assert [p["page"] for p in truth["pages"]] == [1, 2]
    files = paths[:-1]
    again = save_report(d, tmp_path / "again", "r", fmt)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    if fmt in ("png", "jpg"):
        assert [p.name for p in files] == [f"r_p1.{fmt}", f"r_p2.{fmt}"]
        for p, img in zip(files, d.images, strict=True):
            with Image.open(p) as im:
                assert ImageOps.exif_transpose(im).size == img.size
    elif fmt == "tiff":
        (path,) = files
        with Image.open(path) as im:
            frames = [f.convert("RGB") for f in ImageSequence.Iterator(im)]
        assert [f.size for f in frames] == [i.size for i in d.images]
    else:
        (path,) = files
        doc = pdfium.PdfDocument(path)
        try:
            assert len(doc) == len(d.images)
            for page, img in zip(doc, d.images, strict=True):
                w, h = page.get_size()
                assert abs(w * 150 / 72 - img.width) < 1 and abs(h * 150 / 72 - img.height) < 1
        finally:
            doc.close()


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_exif_orientation_opens_upright(orientation: int, tmp_path) -> None:
    """Turned pixels + EXIF tag show the designed image after ``exif_transpose``."""
    deg = Degradation(dpi=150, skew_deg=1.5, jpeg_quality=90, exif_orientation=orientation)
    img, tf = degrade_page(square_page(150), deg, random.Random(0))
    rep = DegradedReport([img], {"pages": [{"page": 1}], "lab_results": []}, deg, [tf])
    jpg, truth_path = save_report(rep, tmp_path, "e", "jpg")
    assert json.loads(truth_path.read_text())["pages"][0]["exif_orientation"] == orientation
    with Image.open(jpg) as raw:
        assert raw.size == (img.size[::-1] if orientation in (6, 8) else img.size)
        shown = ImageOps.exif_transpose(raw)
    assert shown.size == img.size
    cx, cy = red_centroid(shown)
    mx, my = tf.apply((SQUARE[0] + SQUARE[2]) / 2, (SQUARE[1] + SQUARE[3]) / 2)
    assert math.hypot(cx - mx, cy - my) < 2.0
    assert cx < shown.width / 4 and cy < shown.height / 4  # upright: the square stays top-left


def test_presets_exif_only_upright() -> None:
    """Presets use EXIF orientation only on upright pages, with every tag value."""
    rng = random.Random(1)
    degs = [preset(k, rng) for _ in range(100) for k in ("photo", "hard")]
    assert all(d.rotation == 0 for d in degs if d.exif_orientation != 1)
    assert {d.exif_orientation for d in degs} == {1, 3, 6, 8}


def test_make_scans_plan_cycles() -> None:
    """``make_scans`` cycles families, kinds and formats."""
    n = len(FAMILIES)
    items = plan(n + 4, seed=5)
    assert {k for _, _, k, _, _ in items} == set(KINDS)
    assert {f for *_, f in items} == {"png", "jpg", "tiff", "pdf"}
    assert len({fam for fam, *_ in items}) == n and items[0][1] == 5 and items[n][1] == 6
