"""Page preparation for OCR: flatten, even out the light, turn upright, level, then read once.

:func:`prepare_page` runs the steps on one page picture and returns its text lines in the
*working frame* (the flattened, upright, levelled page), the working-frame picture and one 3×3
homography from working-frame pixels back to pixels of the picture as given:

1. :func:`~checkup2action.ocr.pageprep.flatten` warps a photographed sheet flat (scans pass);
2. :func:`~checkup2action.ocr.pageprep.even_out_light` divides out shadows and uneven light;
3. with an engine that can detect and read crops (RapidOCR), :mod:`~checkup2action.ocr.orient`
   finds the quarter turn and the skew from a detection-only pass and a few line crops, and the
   page is read once (:func:`read_fast`): an upright page at the lines that detection found (in
   the levelled frame when it slopes), a turned one after turning its pixels; a doubtful result is
   checked by also reading the page upside down; a page whose text lines are only a few pixels
   thick (a phone screenshot of a whole page) is enlarged first and read from the larger copy;
4. other engines fall back to the OCR-confidence vote (:func:`read_upright`): a page whose lines
   stand is read turned both ways, a page read with low confidence is also read upside down, and
   the skew is levelled in the line coordinates (the working picture is levelled to match).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from checkup2action.geometry import rotate_point
from checkup2action.ocr.base import (
    ImageInput,
    OcrEngine,
    OcrLine,
    Quad,
    quad_from_points,
    to_pil,
    to_rgb_array,
)
from checkup2action.ocr.orient import (
    can_read_crops,
    detect_lines,
    line_axis,
    refine_skew,
    text_axis,
    vote_turn,
)
from checkup2action.ocr.pageprep import (
    Sheet,
    enlarged,
    map_points,
    prepare_sheet,
    rotation_expanded,
    translation,
)

UPRIGHT_CONFIDENCE = 0.9
MIN_SKEW = 0.3
MIN_LINES_FOR_SKEW = 5
#: A crop vote this clear is not second-guessed by reading the page upside down as well.
DECISIVE_MARGIN = 2.0
#: A second reading replaces the first only when it scores this much better.
KEEP_FIRST = 1.15
#: Text whose detected lines are thinner than this (median, pixels) is read from a larger copy:
#: the recogniser misreads glyphs a few pixels high (a phone screenshot of a whole PDF page).
SMALL_TEXT_PX = 18.0
#: The median line thickness an enlarged copy is made for, the most it is enlarged, the longest
#: side it may reach (pixels: time and memory), and the least enlargement worth a second pass.
READABLE_TEXT_PX = 32.0
MAX_ENLARGEMENT = 3.0
MAX_ENLARGED_SIDE = 4000
MIN_ENLARGEMENT = 1.2


@dataclass(slots=True)
class Upright:
    """An OCR reading of a page turned upright and levelled."""

    lines: list[OcrLine]
    turn: int  # degrees the picture was turned clockwise before reading
    skew: float  # degrees the lines were turned to level them
    size: tuple[int, int]  # pixels of the turned picture


def text_score(lines: list[OcrLine]) -> float:
    """Confidence-weighted count of recognised characters."""
    return sum((line.confidence or 0.0) * len(line.text.strip()) for line in lines)


def mean_confidence(lines: list[OcrLine]) -> float:
    """Character-weighted mean confidence (0 when nothing was read)."""
    chars = sum(len(line.text.strip()) for line in lines)
    return text_score(lines) / chars if chars else 0.0


def standing_share(lines: list[OcrLine]) -> float:
    """Share of text lines taller than wide: text that runs up or down the picture."""
    boxes = [line.box for line in lines if len(line.text.strip()) >= 3]
    if not boxes:
        return 0.0
    return sum(1 for x0, top, x1, bottom in boxes if bottom - top > 1.5 * (x1 - x0)) / len(boxes)


def turned(image: Any, degrees: int) -> Any:
    """The picture turned clockwise by a multiple of 90 degrees."""
    return image if degrees == 0 else image.rotate(-degrees, expand=True)


def read_upright(engine: OcrEngine, image: Any) -> Upright:
    """Read a page picture the right way up and with its lines levelled."""
    first = engine.recognize(image)
    candidates: list[int] = []
    if standing_share(first) > 0.5:
        candidates = [90, 270]
    elif mean_confidence(first) < UPRIGHT_CONFIDENCE:
        candidates = [180]
    best, best_turn = first, 0
    for degrees in candidates:
        lines = engine.recognize(turned(image, degrees))
        if text_score(lines) > text_score(best) * (
            1.0 if best_turn or candidates == [90, 270] else 1.15
        ):
            best, best_turn = lines, degrees
    size = turned(image, best_turn).size
    skew = skew_of(best)
    if abs(skew) >= MIN_SKEW:
        best = level_lines(best, skew, size[0] / 2, size[1] / 2)
    else:
        skew = 0.0
    return Upright(lines=best, turn=best_turn, skew=skew, size=size)


def line_slope(line: OcrLine) -> float | None:
    """Slope of a long line's top edge in degrees (None for short or tall boxes)."""
    (x0, y0), (x1, y1) = line.quad[0], line.quad[1]
    width = math.hypot(x1 - x0, y1 - y0)
    _, top, _, bottom = line.box
    if width < 3 * (bottom - top) or width < 40:
        return None
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def skew_of(lines: list[OcrLine]) -> float:
    """Median slope of the long lines, 0 when too few lines say."""
    slopes = [s for line in lines if (s := line_slope(line)) is not None and abs(s) < 20]
    return statistics.median(slopes) if len(slopes) >= MIN_LINES_FOR_SKEW else 0.0


def _turn_quad(quad: Quad, degrees: float, cx: float, cy: float) -> Quad:
    """A quad turned about (cx, cy)."""
    return tuple(rotate_point(x, y, degrees, cx, cy) for x, y in quad)  # type: ignore[return-value]


def level_lines(lines: list[OcrLine], skew: float, cx: float, cy: float) -> list[OcrLine]:
    """Lines (and their word boxes) turned by -skew about the picture centre."""
    out = []
    for line in lines:
        words = tuple(replace(w, quad=_turn_quad(w.quad, -skew, cx, cy)) for w in line.words)
        out.append(replace(line, quad=_turn_quad(line.quad, -skew, cx, cy), words=words))
    return out


@dataclass(slots=True)
class Reading:
    """Text lines in a working frame and how that frame lies on the flattened picture."""

    lines: list[OcrLine]
    to_flat: np.ndarray  # 3×3: working-frame pixels → flattened-picture pixels
    size: tuple[int, int]  # working frame, pixels
    turn: int
    skew: float
    image: np.ndarray | None = None  # the working-frame picture, when it was made for reading
    detected: list[OcrLine] = field(default_factory=list)  # the lines detection found, unread


@dataclass(slots=True)
class PreparedPage:
    """A page read in its working frame, with its working picture and the way back."""

    lines: list[OcrLine]  # working-frame pixels
    image: np.ndarray  # working-frame RGB picture (H×W×3 uint8), flattened and evened out
    to_picture: np.ndarray  # 3×3: working-frame pixels → pixels of the picture as given
    picture_size: tuple[int, int]  # the picture as given, pixels
    turn: int  # quarter turn (clockwise) that made the page upright
    skew: float  # degrees (clockwise) the text sloped before levelling
    flattened: bool  # a photographed sheet was found and warped flat
    evened: bool  # uneven light was divided out
    fast: bool  # orientation came from detection and a few crops, not full-page votes
    enlarged: float = 1.0  # the working picture is this many times larger than the picture
    #: The text lines detection found (no text), when the page was read at them: a line there
    #: without a reading is one the recogniser could make nothing of.
    detected: list[OcrLine] = field(default_factory=list)


def levelling(size: tuple[int, int], skew: float) -> np.ndarray:
    """Map from a frame levelled by turning ``-skew`` about its centre back to the sloped one."""
    cx, cy = size[0] / 2, size[1] / 2
    t = math.radians(skew)
    c, s = math.cos(t), math.sin(t)
    turn = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    return translation(cx, cy) @ turn @ translation(-cx, -cy)


def read_turned(engine: OcrEngine, sheet: Sheet, turn: int, skew: float) -> Reading:
    """Read the sheet after turning it by ``turn`` and levelling ``skew`` in its pixels."""
    h, w = sheet.flat.shape[:2]
    if turn % 360 == 0 and skew == 0:
        return Reading(engine.recognize(sheet.flat), np.eye(3), (w, h), 0, 0.0, sheet.flat)
    to_work, size = rotation_expanded(w, h, turn - skew)
    to_flat = np.linalg.inv(to_work)
    image = sheet.render(to_flat, size)
    return Reading(engine.recognize(image), to_flat, size, turn % 360, skew, image)


def level_residual(reading: Reading) -> Reading:
    """Level what slope is left in the read lines (coordinates only; the picture is redone)."""
    rest = skew_of(reading.lines)
    if abs(rest) < MIN_SKEW:
        return reading
    w, h = reading.size
    return Reading(
        lines=level_lines(reading.lines, rest, w / 2, h / 2),
        to_flat=reading.to_flat @ levelling(reading.size, rest),
        size=reading.size,
        turn=reading.turn,
        skew=reading.skew + rest,
        detected=level_lines(reading.detected, rest, w / 2, h / 2),
    )


def can_read_quads(engine: Any) -> bool:
    """Whether the engine can read lines at quads it detected (one detection per page)."""
    return callable(getattr(engine, "read_quads", None))


def level_quad(matrix: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The upright rectangle around a quad carried by ``matrix`` (corners clockwise from top-left).

    The detector boxes short lines of sloping text square to the picture, not along the slope;
    carried into the levelled frame such a box would slope the other way.
    """
    pts = map_points(matrix, quad)
    (x0, y0), (x1, y1) = pts.min(axis=0), pts.max(axis=0)
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


def read_in_place(engine: Any, sheet: Sheet, quads: list[np.ndarray], skew: float) -> Reading:
    """Read an upright page at the lines already detected (carried into the levelled frame)."""
    h, w = sheet.flat.shape[:2]
    if skew == 0:
        lines = engine.read_quads(sheet.flat, quads)
        return Reading(lines, np.eye(3), (w, h), 0, 0.0, sheet.flat, detected_lines(quads))
    to_work, size = rotation_expanded(w, h, -skew)
    to_flat = np.linalg.inv(to_work)
    image = sheet.render(to_flat, size)
    work_quads = [level_quad(to_work, quad) for quad in quads]
    lines = engine.read_quads(image, work_quads)
    return Reading(lines, to_flat, size, 0, skew, image, detected_lines(work_quads))


def detected_lines(quads: list[np.ndarray]) -> list[OcrLine]:
    """The lines detection found, as lines with no text yet."""
    return [OcrLine("", quad_from_points(quad)) for quad in quads]


def enlargement(quads: list[np.ndarray], side: int) -> float:
    """How many times to enlarge a picture (longest side ``side`` pixels) whose text lines are
    too thin to read well (1: not at all)."""
    if not quads:
        return 1.0
    thickness = statistics.median(line_axis(q)[2] for q in quads)
    if thickness <= 0 or thickness >= SMALL_TEXT_PX:
        return 1.0
    factor = min(MAX_ENLARGEMENT, READABLE_TEXT_PX / thickness, MAX_ENLARGED_SIDE / side)
    return factor if factor >= MIN_ENLARGEMENT else 1.0


def detect_on(engine: Any, sheet: Sheet, in_place: bool) -> list[np.ndarray]:
    """Text-line quads of the flat picture: at full size for an engine that reads at quads."""
    if in_place:
        return [np.asarray(q, float) for q in engine.detect(sheet.flat)]
    return detect_lines(engine, sheet.flat)


def read_fast(engine: Any, sheet: Sheet) -> tuple[Reading, Sheet] | None:
    """Turn and level from detection and a crop vote, then one full reading; None if no lines.

    An engine that reads at given quads detects once at full size: an upright page is read at
    those lines (a turned one is detected again once turned); others detect small first. A page
    whose lines are too thin is enlarged and detected again; the sheet read is returned too.
    """
    in_place = can_read_quads(engine)
    quads = detect_on(engine, sheet, in_place)
    factor = enlargement(quads, max(sheet.flat.shape[:2]))
    if factor > 1.0:
        sheet = enlarged(sheet, factor)
        quads = detect_on(engine, sheet, in_place)
    flat = sheet.flat
    axis = text_axis(quads)
    if axis is None:
        return None
    axis = replace(axis, skew=refine_skew(flat, axis))
    vote = vote_turn(engine, flat, quads, axis)
    skew = axis.skew if abs(axis.skew) >= MIN_SKEW else 0.0
    if in_place and vote.turn % 360 == 0:
        reading = read_in_place(engine, sheet, quads, skew)
    else:
        reading = read_turned(engine, sheet, vote.turn, skew)
    if mean_confidence(reading.lines) < UPRIGHT_CONFIDENCE and vote.margin < DECISIVE_MARGIN:
        other = read_turned(engine, sheet, vote.turn + 180, skew)
        if text_score(other.lines) > KEEP_FIRST * text_score(reading.lines):
            reading = other
    return level_residual(reading), sheet


def read_by_vote(engine: OcrEngine, sheet: Sheet) -> Reading:
    """The full-page OCR vote of :func:`read_upright`, as a reading in its levelled frame."""
    upright = read_upright(engine, to_pil(sheet.flat))
    h, w = sheet.flat.shape[:2]
    to_turned, _ = rotation_expanded(w, h, upright.turn)
    to_flat = np.linalg.inv(to_turned) @ levelling(upright.size, upright.skew)
    return Reading(upright.lines, to_flat, upright.size, upright.turn, upright.skew)


def prepare_page(engine: OcrEngine, image: ImageInput) -> PreparedPage:
    """Flatten, even out, turn upright, level and read one page picture."""
    sheet = prepare_sheet(to_rgb_array(image))
    read = read_fast(engine, sheet) if can_read_crops(engine) else None
    fast = read is not None
    if read is not None:
        reading, sheet = read
    else:
        reading = read_by_vote(engine, sheet)
    work = reading.image
    if work is None:
        work = sheet.render(reading.to_flat, reading.size)
    flat_to_picture = sheet.to_picture if sheet.to_picture is not None else np.eye(3)
    height, width = sheet.picture.shape[:2]
    return PreparedPage(
        lines=reading.lines,
        image=work,
        to_picture=flat_to_picture @ reading.to_flat,
        picture_size=(width, height),
        turn=reading.turn,
        skew=reading.skew,
        flattened=sheet.flattened,
        evened=sheet.evened,
        fast=fast,
        enlarged=sheet.enlarged,
        detected=reading.detected,
    )
