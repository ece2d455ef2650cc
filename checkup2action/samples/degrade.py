"""Scanned and photographed image variants of the synthetic reports, with the truth carried through.

``degrade_report(generate("zh_ruled", 0), "photo", seed=1)`` renders every page with pypdfium2 and
simulates a flatbed scan (``scan``), a phone photo (``photo``) or both at their worst (``hard``).
Each page gets a :class:`Transform`, a homography from PDF points (top-left origin) on the original
page to pixels of the output image, and every lab result gets ``bbox_px`` on its page image.
Pixel coordinates are continuous: pixel ``(i, j)`` covers ``[i, i + 1) × [j, j + 1)``.
Everything random is drawn from one ``random.Random`` seeded by a string, so the same arguments
give the same pixels (and the same PNG / JPEG bytes).
"""

from __future__ import annotations

import copy
import io
import json
import math
import random
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from checkup2action.samples.generator import GeneratedReport

KINDS = ("scan", "photo", "hard")  # the generator's scan samples cycle through these
TILT_KIND = "tilt"  # a page photographed at 10-35 degrees, as a sheet lying askew on a desk
FORMATS = ("png", "jpg", "tiff", "pdf")
WATERMARKS = ("COPY", "SAMPLE", "仅供参考", "参考")
#: EXIF orientation → transpose that turns the displayed image into the stored pixels.
EXIF_STORE = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}
#: Clockwise quarter turn → Pillow transpose (Pillow's ROTATE_n turn counter-clockwise).
_QUARTER = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}

_FIXED_DATE = time.gmtime(1735689600)  # 2025-01-01: PDF dates without the wall clock
Box = tuple[float, float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Degradation:
    """Parameters of one scan / photo simulation; lengths in output pixels, levels in 0–255."""

    dpi: int = 200
    rotation: int = 0  # clockwise quarter turn of the page as it appears: 0, 90, 180, 270
    skew_deg: float = 0.0  # clockwise, about the page centre, canvas expanded (at most 45)
    blur_sigma: float = 0.0
    noise_std: float = 0.0
    jpeg_quality: int | None = None  # JPEG round trip (artefacts kept in every output format)
    uneven_light: float = 0.0  # 0–1: gradient, vignette and soft shadow strength
    perspective: float = 0.0  # 0–0.08: corner displacement / page size; adds a table background
    watermark: str | None = None  # printed diagonally in light grey over the table area
    fade: float = 0.0  # 0–0.25: paper greyer, ink lighter
    exif_orientation: int = 1  # JPEG only: pixels stored turned, EXIF tag turns them back

    def __post_init__(self) -> None:
        """Reject parameters outside the supported ranges."""
        checks = {
            "dpi": 150 <= self.dpi <= 300,
            "rotation": self.rotation in (0, 90, 180, 270),
            "skew_deg": abs(self.skew_deg) <= 45,
            "blur_sigma": 0 <= self.blur_sigma <= 5,
            "noise_std": 0 <= self.noise_std <= 40,
            "jpeg_quality": self.jpeg_quality is None or 30 <= self.jpeg_quality <= 95,
            "uneven_light": 0 <= self.uneven_light <= 1,
            "perspective": 0 <= self.perspective <= 0.08,
            "watermark": self.watermark is None or bool(self.watermark.strip()),
            "fade": 0 <= self.fade <= 0.25,
            "exif_orientation": self.exif_orientation in (1, 3, 6, 8),
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"Degradation out of range: {', '.join(bad)}")


def preset(kind: str, rng: random.Random) -> Degradation:
    """Random parameters of a flatbed ``scan``, a phone ``photo`` or a ``hard`` case."""
    u = rng.uniform
    if kind == "scan":
        deg = Degradation(
            dpi=rng.choice((200, 240, 300)), rotation=180 if rng.random() < 0.2 else 0,
            skew_deg=round(u(-2, 2), 2), blur_sigma=round(u(0.3, 0.8), 2),
            noise_std=round(u(2, 6), 1), jpeg_quality=rng.randint(70, 95),
            uneven_light=round(u(0, 0.15), 2), fade=round(u(0.02, 0.08), 3),
        )  # fmt: skip
    elif kind == "photo":
        deg = Degradation(
            dpi=rng.choice((150, 175, 200)), rotation=rng.choices((0, 90, 270), (7, 1.5, 1.5))[0],
            skew_deg=round(u(-5, 5), 2), blur_sigma=round(u(0.7, 1.4), 2),
            noise_std=round(u(5, 10), 1), jpeg_quality=rng.randint(50, 80),
            uneven_light=round(u(0.3, 0.7), 2), perspective=round(u(0.02, 0.07), 3),
            fade=round(u(0.05, 0.12), 3), exif_orientation=rng.choice((1, 1, 3, 6, 8)),
        )  # fmt: skip
    elif kind == "hard":
        deg = Degradation(
            dpi=150, rotation=rng.choice((0, 90, 180, 270)),
            skew_deg=round(rng.choice((-1, 1)) * u(2.5, 5), 2), blur_sigma=round(u(0.8, 1.3), 2),
            noise_std=round(u(8, 14), 1), jpeg_quality=rng.randint(30, 50),
            uneven_light=round(u(0.7, 1.0), 2), perspective=round(u(0.05, 0.08), 3),
            watermark=rng.choice(WATERMARKS), fade=round(u(0.12, 0.2), 3),
            exif_orientation=rng.choice((1, 3, 6, 8)),
        )  # fmt: skip
    elif kind == TILT_KIND:
        deg = Degradation(
            dpi=rng.choice((175, 200)), skew_deg=round(rng.choice((-1, 1)) * u(10, 35), 2),
            blur_sigma=round(u(0.6, 1.0), 2), noise_std=round(u(4, 8), 1),
            jpeg_quality=rng.randint(60, 85), uneven_light=round(u(0.2, 0.5), 2),
            perspective=round(u(0.02, 0.05), 3), fade=round(u(0.03, 0.08), 3),
        )  # fmt: skip
    else:
        known = ", ".join((*KINDS, TILT_KIND))
        raise ValueError(f"unknown degradation kind {kind!r}; known: {known}")
    return deg if deg.rotation == 0 else replace(deg, exif_orientation=1)  # EXIF: upright only


@dataclass(frozen=True)
class Transform:
    """Homography from PDF points on the original page to pixels of the output image."""

    matrix: tuple[tuple[float, float, float], ...]
    width: int
    height: int

    def apply(self, x: float, y: float) -> Point:
        """Output pixel coordinates of the PDF point ``(x, y)`` (top-left origin)."""
        m = self.matrix
        w = m[2][0] * x + m[2][1] * y + m[2][2]
        return (
            (m[0][0] * x + m[0][1] * y + m[0][2]) / w,
            (m[1][0] * x + m[1][1] * y + m[1][2]) / w,
        )

    def apply_box(self, box_pt: Box) -> Box:
        """Axis-aligned ``(x0, top, x1, bottom)`` in pixels around the 4 mapped corners."""
        return _bounds([self.apply(x, y) for x, y in _corners(box_pt)])

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the 3×3 matrix (points → pixels, ``[u·w, v·w, w] = M·[x, y, 1]``) + size."""
        return {
            "matrix": [[float(v) for v in row] for row in self.matrix],
            "width_px": self.width,
            "height_px": self.height,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transform:
        """Inverse of :meth:`to_dict`."""
        return cls(_as_tuple(np.array(data["matrix"], float)), data["width_px"], data["height_px"])


def _as_tuple(m: np.ndarray) -> tuple[tuple[float, float, float], ...]:
    """A 3×3 array, normalised so that ``m[2][2] == 1``, as nested tuples."""
    m = m / m[2, 2]
    return tuple((float(r[0]), float(r[1]), float(r[2])) for r in m)


def _corners(box: Box) -> list[Point]:
    """The 4 corners of ``(x0, top, x1, bottom)`` clockwise from top-left."""
    return [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]


def _bounds(pts: list[Point]) -> Box:
    """Axis-aligned ``(x0, top, x1, bottom)`` around points."""
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _affine(a: float, b: float, c: float, d: float, e: float, f: float) -> np.ndarray:
    """3×3 matrix of the affine map ``(a x + b y + c, d x + e y + f)``."""
    return np.array([[a, b, c], [d, e, f], [0.0, 0.0, 1.0]])


def _map(m: np.ndarray, pts: list[Point]) -> list[Point]:
    """Apply a homography to points."""
    out = []
    for x, y in pts:
        u, v, w = m @ np.array([x, y, 1.0])
        out.append((float(u / w), float(v / w)))
    return out


def _homography(src: list[Point], dst: list[Point]) -> np.ndarray:
    """The homography taking the 4 ``src`` points to the 4 ``dst`` points."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    h = np.linalg.solve(np.array(rows, float), np.array(rhs, float))
    return np.append(h, 1.0).reshape(3, 3)


def _skew(w: int, h: int, deg: float) -> tuple[np.ndarray, tuple[int, int]]:
    """Clockwise rotation about the centre, shifted so the expanded canvas starts at 0."""
    t = math.radians(deg)
    c, s = math.cos(t), math.sin(t)
    rot = _affine(c, -s, 0, s, c, 0) @ _affine(1, 0, -w / 2, 0, 1, -h / 2)
    x0, y0, x1, y1 = _bounds(_map(rot, _corners((0, 0, w, h))))
    size = (math.ceil(x1 - x0 - 1e-6), math.ceil(y1 - y0 - 1e-6))
    return _affine(1, 0, -x0, 0, 1, -y0) @ rot, size


def _perspective(
    w: int, h: int, skewed: np.ndarray, p: float, rng: random.Random
) -> tuple[np.ndarray, tuple[int, int]]:
    """Phone-photo keystone + corner jitter after ``skewed``, with a background margin."""
    corners = _corners((0, 0, w, h))
    src = _map(skewed, corners)
    keystone = rng.uniform(0.3, 0.8) * p * w * rng.choice((1, -1))  # top (or bottom) narrower
    inward = [(keystone, 0), (-keystone, 0), (0, 0), (0, 0)] if keystone > 0 else [
        (0, 0), (0, 0), (-keystone, 0), (keystone, 0)]  # fmt: skip
    jitter = p * 0.5
    dst = [
        (x + dx + rng.uniform(-jitter, jitter) * w, y + rng.uniform(-jitter, jitter) * h)
        for (x, y), (dx, _) in zip(src, inward, strict=True)
    ]
    margin = (0.03 + p * rng.uniform(0.5, 1.5)) * max(w, h)
    x0, y0, x1, y1 = _bounds(dst)
    dst = [(x - x0 + margin, y - y0 + margin) for x, y in dst]
    size = (math.ceil(x1 - x0 + 2 * margin), math.ceil(y1 - y0 + 2 * margin))
    return _homography(corners, dst), size


def _quarter(rotation: int, w: int, h: int) -> np.ndarray:
    """Matrix of the final clockwise quarter turn of a ``w × h`` image."""
    return {
        0: _affine(1, 0, 0, 0, 1, 0),
        90: _affine(0, -1, h, 1, 0, 0),
        180: _affine(-1, 0, w, 0, -1, h),
        270: _affine(0, 1, 0, -1, 0, w),
    }[rotation]


def render_pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Render every page of ``pdf`` in colour (RGB) at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def _np_rng(rng: random.Random) -> np.random.Generator:
    """A numpy generator seeded from ``rng``."""
    return np.random.default_rng(rng.getrandbits(64))


def _font(text: str, size: int) -> ImageFont.FreeTypeFont:
    """The generator's CJK font (a tiny subset for characters outside its charset)."""
    from checkup2action.samples import vocab
    from checkup2action.samples.fonts import cjk_ttf

    chars = vocab.charset()
    path = cjk_ttf(chars if set(text) <= set(chars) else text)
    return ImageFont.truetype(str(path), size)


def _watermark(img: Image.Image, text: str, box_px: Box, rng: random.Random) -> Image.Image:
    """Multiply a light-grey diagonal ``text`` centred on ``box_px`` into the page."""
    x0, y0, x1, y1 = box_px
    diag = math.hypot(x1 - x0, y1 - y0)
    font = _font(text, 100)
    left, top, right, bottom = font.getbbox(text)
    size = max(12, int(100 * min(0.7 * diag / (right - left), 0.9 * (y1 - y0) / (bottom - top))))
    font = _font(text, size)
    left, top, right, bottom = font.getbbox(text)
    layer = Image.new("L", (math.ceil(right - left) + 4, math.ceil(bottom - top) + 4), 0)
    ImageDraw.Draw(layer).text((2 - left, 2 - top), text, fill=255, font=font)
    angle = math.degrees(math.atan2(y1 - y0, x1 - x0)) * rng.uniform(0.8, 1.1)
    layer = layer.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    full = Image.new("L", img.size, 0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    full.paste(layer, (round(cx - layer.width / 2), round(cy - layer.height / 2)))
    grey, alpha = rng.uniform(150, 190) / 255, rng.uniform(0.45, 0.7)
    arr = np.asarray(img, np.float32)
    factor = 1 - (1 - grey) * alpha * np.asarray(full, np.float32)[..., None] / 255
    return Image.fromarray(np.clip(arr * factor + 0.5, 0, 255).astype(np.uint8))


def _warp(
    img: Image.Image, m: np.ndarray, size: tuple[int, int]
) -> tuple[Image.Image, Image.Image]:
    """Warp ``img`` by the pixel homography ``m``; also returns the page's coverage mask."""
    inv = np.linalg.inv(m)
    coeffs = tuple(float(v) for v in (inv / inv[2, 2]).flatten()[:8])
    kind = Image.Transform.PERSPECTIVE
    page = img.transform(size, kind, coeffs, Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    mask = Image.new("L", img.size, 255).transform(size, kind, coeffs, Image.Resampling.BILINEAR)
    return page, mask


def _background(size: tuple[int, int], photo: bool, rng: random.Random) -> Image.Image:
    """Scanner lid (flat light grey) or a darker, blotchy table surface."""
    if not photo:
        return Image.new("RGB", size, (round(rng.uniform(215, 240)),) * 3)
    base = np.array(rng.choice(((105, 80, 58), (82, 84, 90), (58, 56, 60), (140, 120, 95))))
    blotch = 1 + 0.12 * _np_rng(rng).normal(0, 1, (6, 6, 1))
    small = Image.fromarray(np.clip(base * blotch, 0, 255).astype(np.uint8))
    return small.resize(size, Image.Resampling.BICUBIC)


def _compose(page: Image.Image, mask: Image.Image, photo: bool, rng: random.Random) -> Image.Image:
    """Page over its background, with a soft drop shadow for photos."""
    bg = _background(page.size, photo, rng)
    if photo:
        radius = max(page.size) * 0.01
        dx, dy = round(rng.uniform(-1, 1) * radius), round(rng.uniform(0.5, 1.5) * radius)
        shadow = mask.transform(page.size, Image.Transform.AFFINE, (1, 0, -dx, 0, 1, -dy))
        shadow = shadow.filter(ImageFilter.GaussianBlur(radius)).point(
            lambda v: 255 - v * 55 // 100
        )
        bg = ImageChops.multiply(bg, Image.merge("RGB", (shadow,) * 3))
    return Image.composite(page, bg, mask)


def _light_field(w: int, h: int, strength: float, rng: random.Random) -> np.ndarray:
    """Smooth multiplicative lighting: a gradient, a vignette and a soft shadow blob."""
    sw, sh = max(2, w // 8), max(2, h // 8)  # smooth: computed small, resized
    y, x = np.ogrid[0:sh, 0:sw]
    xn, yn = (x.astype(np.float32) + 0.5) / sw - 0.5, (y.astype(np.float32) + 0.5) / sh - 0.5
    a = rng.uniform(0, 2 * math.pi)
    grad = (xn * math.cos(a) + yn * math.sin(a) + 0.71) / 1.42
    vignette = np.minimum((xn**2 + yn**2) * 2, 1)
    bx, by, r = rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), rng.uniform(0.15, 0.35)
    blob = np.exp(-((xn - bx) ** 2 + (yn - by) ** 2) / (2 * r * r))
    dark = (0.35 * grad + 0.3 * vignette + 0.2 * blob * rng.random()).astype(np.float32)
    full = Image.fromarray(1 - strength * dark).resize((w, h), Image.Resampling.BILINEAR)
    return np.asarray(full, np.float32)


def _finish(img: Image.Image, deg: Degradation, rng: random.Random) -> Image.Image:
    """Fade, blur, uneven light, sensor noise, quarter turn and JPEG round trip."""
    if deg.fade:
        img = img.point([round(255 * deg.fade * 0.6 + v * (1 - deg.fade)) for v in range(256)] * 3)
    if deg.blur_sigma:
        img = img.filter(ImageFilter.GaussianBlur(deg.blur_sigma))
    if not (deg.uneven_light or deg.noise_std):
        return _turn_and_compress(img, deg)
    arr = np.array(img, np.float32)  # in-place arithmetic below: pages are large
    if deg.uneven_light:
        arr *= _light_field(img.width, img.height, deg.uneven_light, rng)[..., None]
        arr *= np.array([1.0, 1 - 0.03 * deg.uneven_light, 1 - 0.08 * deg.uneven_light], np.float32)
    if deg.noise_std:  # grey (luminance) sensor noise
        noise = _np_rng(rng).standard_normal((img.height, img.width, 1), dtype=np.float32)
        noise *= deg.noise_std
        arr += noise
    arr += 0.5
    np.clip(arr, 0, 255, out=arr)
    return _turn_and_compress(Image.fromarray(arr.astype(np.uint8)), deg)


def _turn_and_compress(img: Image.Image, deg: Degradation) -> Image.Image:
    """Final clockwise quarter turn, then the JPEG round trip."""
    if deg.rotation:
        img = img.transpose(_QUARTER[deg.rotation])
    if deg.jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=deg.jpeg_quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def degrade_page(
    image: Image.Image,
    deg: Degradation,
    rng: random.Random,
    *,
    watermark_box: Box | None = None,
) -> tuple[Image.Image, Transform]:
    """Degrade one page rendered at ``deg.dpi``; ``watermark_box`` (PDF points) is the table area."""
    image = image.convert("RGB")
    w, h = image.size
    scale = deg.dpi / 72
    if deg.watermark:  # default area: the middle of the page
        px = (
            [v * scale for v in watermark_box]
            if watermark_box
            else [w * 0.15, h * 0.3, w * 0.85, h * 0.7]
        )
        image = _watermark(image, deg.watermark, (px[0], px[1], px[2], px[3]), rng)
    geom, size = _skew(w, h, deg.skew_deg)
    photo = deg.perspective > 0
    if photo:
        geom, size = _perspective(w, h, geom, deg.perspective, rng)
    if size == image.size and np.allclose(geom, np.eye(3)):
        composed = image  # no skew, no perspective: nothing to warp
    else:
        composed = _compose(*_warp(image, geom, size), photo, rng)
    out = _finish(composed, deg, rng)
    full = _quarter(deg.rotation, *size) @ geom @ _affine(scale, 0, 0, 0, scale, 0)
    return out, Transform(_as_tuple(full), out.width, out.height)


@dataclass
class DegradedReport:
    """Page images of a degraded report and its truth (with ``bbox_px`` per lab result)."""

    images: list[Image.Image]
    truth: dict[str, Any]
    degradation: Degradation
    transforms: list[Transform]


def _table_box(results: list[dict[str, Any]], page: int) -> Box | None:
    """Union of the lab-result boxes on ``page`` (PDF points), or None."""
    boxes = [r["bbox"] for r in results if r.get("page") == page and r.get("bbox")]
    return _bounds([p for b in boxes for p in _corners(b)]) if boxes else None


def degrade_pdf(
    pdf: bytes, truth: dict[str, Any], deg: Degradation, rng: random.Random
) -> DegradedReport:
    """Apply ``deg`` to every page of ``pdf`` and carry ``truth`` through."""
    truth = copy.deepcopy(truth)
    results = truth.get("lab_results", [])
    images, transforms, pages = [], [], []
    for n, rendered in enumerate(render_pages(pdf, deg.dpi), start=1):
        img, tf = degrade_page(rendered, deg, rng, watermark_box=_table_box(results, n))
        images.append(img)
        transforms.append(tf)
        pages.append({"page": n, "width_px": img.width, "height_px": img.height,
                      "dpi": deg.dpi, "transform": tf.to_dict()})  # fmt: skip
    for r in results:
        if r.get("bbox") and 1 <= r.get("page", 0) <= len(transforms):
            r["bbox_px"] = [round(v, 2) for v in transforms[r["page"] - 1].apply_box(r["bbox"])]
    truth["degradation"] = asdict(deg)
    truth["pages"] = pages
    return DegradedReport(images=images, truth=truth, degradation=deg, transforms=transforms)


def degrade_report(gen: GeneratedReport, deg_kind: str, seed: int) -> DegradedReport:
    """A ``scan`` / ``photo`` / ``hard`` variant of ``gen``; deterministic in ``seed``."""
    rng = random.Random(f"checkup2action.samples.degrade:{gen.family}:{gen.seed}:{deg_kind}:{seed}")
    deg = preset(deg_kind, rng)
    out = degrade_pdf(gen.pdf, gen.truth, deg, rng)
    out.truth["degradation"] = {"kind": deg_kind, "seed": seed, **out.truth["degradation"]}
    return out


def _save_jpeg(img: Image.Image, path: Path, deg: Degradation) -> int:
    """Write a JPEG, stored turned with an EXIF Orientation tag when the variant asks for it."""
    orientation = deg.exif_orientation
    extra: dict[str, Any] = {}
    if orientation != 1:
        img = img.transpose(EXIF_STORE[orientation])
        exif = Image.Exif()
        exif[0x0112] = orientation
        extra["exif"] = exif.tobytes()
    quality = deg.jpeg_quality or 92
    img.save(path, "JPEG", quality=quality, dpi=(deg.dpi, deg.dpi), **extra)
    return orientation


def save_report(deg: DegradedReport, out_dir: Path, stem: str, fmt: str) -> list[Path]:
    """Write the pages as ``png`` / ``jpg`` (one file each), ``tiff`` or ``pdf`` + truth JSON."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dpi = deg.degradation.dpi
    truth = copy.deepcopy(deg.truth)
    paths: list[Path] = []
    if fmt in ("png", "jpg"):
        for page, img in zip(truth["pages"], deg.images, strict=True):
            path = out_dir / f"{stem}_p{page['page']}.{fmt}"
            if fmt == "png":
                img.save(path, "PNG", dpi=(dpi, dpi))
            else:
                page["exif_orientation"] = _save_jpeg(img, path, deg.degradation)
            page["file"] = path.name
            paths.append(path)
    elif fmt in ("tiff", "pdf"):
        path = out_dir / f"{stem}.{'tif' if fmt == 'tiff' else 'pdf'}"
        first, *rest = (im.copy() for im in deg.images)  # no encoder state from earlier saves
        if fmt == "tiff":  # JPEG-in-TIFF as scanners write it (deflate when no JPEG step)
            q = deg.degradation.jpeg_quality
            codec = {"compression": "jpeg", "quality": q} if q else {"compression": "tiff_deflate"}
            first.save(path, "TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi), **codec)
        else:
            q = deg.degradation.jpeg_quality or 90
            fixed = {"title": stem, "creationDate": _FIXED_DATE, "modDate": _FIXED_DATE}
            first.save(path, "PDF", save_all=True, append_images=rest, resolution=float(dpi),
                       quality=q, **fixed)  # fmt: skip
        for i, page in enumerate(truth["pages"]):
            page["file"], page["frame"] = path.name, i
        paths.append(path)
    else:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    truth["image_format"] = fmt
    truth_path = out_dir / f"{stem}.truth.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*paths, truth_path]
