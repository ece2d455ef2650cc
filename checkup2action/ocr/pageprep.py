"""Pixel work on a page picture before OCR: flatten a photographed page, even out its light.

Every geometric step is a 3×3 homography in *continuous* pixel coordinates (pixel ``(i, j)``
covers ``[i, i + 1) × [j, j + 1)``), so steps compose by matrix product and a box found in the
prepared picture maps exactly back onto the picture as given. Matrices here are numpy arrays;
:func:`as_tuple` turns one into the ``geometry.Matrix`` tuple a ``Page`` stores.

* :func:`flatten` finds the sheet of paper in a phone photo (the largest bright convex
  quadrilateral against a darker background) and warps it to an upright rectangle.
* :func:`even_out_light` divides out the paper's background brightness, estimated by a
  morphological closing of a shrunken copy, so shadows and uneven light become evenly lit paper;
  each colour channel is divided by its own background, so red ink stays red on the paper.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import cv2
import numpy as np

from checkup2action.geometry import Matrix
from checkup2action.threads import in_row_bands

#: Longest side of the shrunken copy used to find the sheet and to estimate the background.
OUTLINE_SIDE = 800
BACKGROUND_SIDE = 512
#: A sheet outline whose sides run this close to the picture's edges (share of its longer side)
#: has no perspective to undo: the picture is read whole, as a screenshot of pages or a scan.
SQUARE_ON = 0.01
#: Background spread ((bright - dark) / bright, 2nd–98th percentile) above which light is evened.
UNEVEN_SPREAD = 0.10
#: Smallest colour difference (CIELAB, 8-bit scale) between a sheet and the border around it.
MIN_COLOUR_STEP = 16.0
#: The darkest background the division trusts (avoids blowing up black areas).
MIN_BACKGROUND = 24.0


@dataclass(frozen=True, slots=True)
class OutlineLimits:
    """Sanity limits for a page outline found in a photo."""

    min_area_share: float = 0.2  # of the picture
    max_area_share: float = 0.95  # a sheet filling the picture is a scan: nothing to flatten
    min_angle: float = 60.0  # degrees at each corner
    max_angle: float = 120.0
    min_fill: float = 0.93  # region area / quad area: the bright region really is a quadrilateral
    max_fill: float = 1.04  # ... and no part of it sticks out of the quad (a cut-off title bar)
    min_side_ratio: float = 0.6  # shorter / longer of two opposite sides
    border_margin: float = 0.004  # corners closer than this share of the size to the edge: cut off


# --- matrices -----------------------------------------------------------------------------------


def as_tuple(m: np.ndarray) -> Matrix:
    """A 3×3 matrix (normalised so its last entry is 1) as a row-major tuple."""
    m = np.asarray(m, float) / float(m[2, 2])
    return tuple(float(v) for v in m.flatten())  # type: ignore[return-value]


def translation(dx: float, dy: float) -> np.ndarray:
    """The map (x + dx, y + dy)."""
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy], [0.0, 0.0, 1.0]])


def rotation_expanded(
    width: int, height: int, degrees: float
) -> tuple[np.ndarray, tuple[int, int]]:
    """Turn a picture clockwise by ``degrees`` about its centre on a canvas holding all of it.

    Returns the map picture → turned canvas and the canvas size; quarter turns are exact.
    """
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    if abs(degrees % 90) < 1e-9:
        c, s = round(c), round(s)
    turn = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]) @ translation(
        -width / 2, -height / 2
    )
    pts = map_points(turn, [(0, 0), (width, 0), (width, height), (0, height)])
    x0, y0 = pts[:, 0].min(), pts[:, 1].min()
    size = (math.ceil(pts[:, 0].max() - x0 - 1e-6), math.ceil(pts[:, 1].max() - y0 - 1e-6))
    return translation(-x0, -y0) @ turn, size


def map_points(m: np.ndarray, points: object) -> np.ndarray:
    """Points (N×2) mapped by the homography ``m``."""
    pts = np.asarray(points, float).reshape(-1, 2)
    out = np.c_[pts, np.ones(len(pts))] @ np.asarray(m, float).T
    return out[:, :2] / out[:, 2:3]


def warp(
    image: np.ndarray, m: np.ndarray, size: tuple[int, int], flags: int = cv2.INTER_LINEAR
) -> np.ndarray:
    """The picture carried by ``m`` (picture → output, continuous pixels) onto a ``size`` canvas."""
    index_m = translation(-0.5, -0.5) @ np.asarray(m, float) @ translation(0.5, 0.5)
    white = (255,) * (image.shape[2] if image.ndim == 3 else 1)
    if np.allclose(index_m[2], (0.0, 0.0, 1.0)):
        return cv2.warpAffine(image, index_m[:2], size, flags=flags, borderValue=white)
    return cv2.warpPerspective(image, index_m, size, flags=flags, borderValue=white)


def shrink(image: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    """The picture shrunk so its longest side is at most ``side``, and the factor used."""
    h, w = image.shape[:2]
    factor = min(1.0, side / max(h, w))
    if factor == 1.0:
        return image, 1.0
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), factor


# --- light --------------------------------------------------------------------------------------


def background_of(image: np.ndarray) -> np.ndarray:
    """The paper brightness under the ink of a (shrunken) picture: closing, then median smoothing."""
    side = max(image.shape[:2])
    k = max(5, side // 12) | 1
    return cv2.medianBlur(close_ellipse(image, k), max(5, k // 2) | 1)


@functools.cache
def ellipse_rectangles(k: int) -> tuple[tuple[int, int], ...] | None:
    """Centred (height, width) rectangles whose union is OpenCV's k × k elliptic kernel, or None
    when that kernel is not such a union (each row centred, rows narrowing away from the middle)."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    centre = k // 2
    half_widths = {}
    for row in range(k):
        cols = np.flatnonzero(kernel[row])
        if len(cols):
            half_widths[row] = centre - int(cols[0])
    rects = []
    for half in sorted(set(half_widths.values())):
        reach = max(abs(row - centre) for row, h in half_widths.items() if h >= half)
        rects.append((2 * reach + 1, 2 * half + 1))
    union = np.zeros_like(kernel)
    for height, width in rects:
        union[centre - height // 2 : centre + height // 2 + 1, centre - width // 2 : centre + width // 2 + 1] = 1  # fmt: skip
    return tuple(rects) if np.array_equal(union, kernel) else None


def close_ellipse(image: np.ndarray, k: int) -> np.ndarray:
    """Morphological closing with OpenCV's k × k elliptic kernel, the same pixels as
    ``cv2.morphologyEx``: a dilation by a union of kernels is the largest of the dilations by
    each (an erosion the smallest), and rectangles are cheap (separable) where OpenCV's elliptic
    kernel costs in proportion to its size."""
    rects = ellipse_rectangles(k)
    if rects is None:
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
        return cv2.morphologyEx(image, cv2.MORPH_CLOSE, kernel)
    kernels = [cv2.getStructuringElement(cv2.MORPH_RECT, (w, h)) for h, w in rects]
    out = image
    for step, combine in ((cv2.dilate, np.maximum), (cv2.erode, np.minimum)):
        source, out = out, step(out, kernels[0])
        for kernel in kernels[1:]:
            combine(out, step(source, kernel), out=out)
    return out


def light_spread(background: np.ndarray) -> float:
    """How uneven the paper is: (bright - dark) / bright over the 2nd–98th grey percentiles."""
    grey = background if background.ndim == 2 else cv2.cvtColor(background, cv2.COLOR_RGB2GRAY)
    dark, bright = np.percentile(grey, (2, 98))
    return float((bright - dark) / max(bright, 1.0))


def even_out_light(rgb: np.ndarray, min_spread: float = UNEVEN_SPREAD) -> tuple[np.ndarray, bool]:
    """The picture with its paper brought to one brightness, when the light is uneven enough.

    Each channel is divided by its background and multiplied by the background's median, so the
    paper takes its typical colour everywhere. (Dividing up to pure white instead amplifies
    noise and grain with the contrast; on heavily shaded photos OCR then reads less.)
    """
    small, _ = shrink(rgb, BACKGROUND_SIDE)
    background = background_of(small)
    if light_spread(background) < min_spread:
        return rgb, False
    h, w = rgb.shape[:2]
    level = np.median(background.reshape(-1, background.shape[-1]), axis=0).astype(np.float32)
    full = cv2.resize(background, (w, h), interpolation=cv2.INTER_LINEAR)
    return divide_out(rgb, full, level), True


def divide_out(rgb: np.ndarray, background: np.ndarray, level: np.ndarray) -> np.ndarray:
    """``rgb × level / background`` (background at least ``MIN_BACKGROUND``, result at most 255)
    in float32, truncated to uint8.

    Done in bands of rows shared among the process's threads (``threads.in_row_bands``): each
    pixel takes the same float32 steps as on the whole picture at once, so the result is the
    same bit for bit, in less time and with one band's floats held instead of the picture's.
    """
    out = np.empty(rgb.shape, dtype=np.uint8)

    def band(rows: slice) -> None:
        part = rgb[rows].astype(np.float32)
        part *= level
        below = background[rows].astype(np.float32)
        np.maximum(below, MIN_BACKGROUND, out=below)
        part /= below
        np.minimum(part, 255.0, out=part)
        np.copyto(out[rows], part, casting="unsafe")  # truncates, as ``astype(np.uint8)``

    in_row_bands(rgb.shape[0], band)
    return out


# --- page outline -------------------------------------------------------------------------------


def paper_mask(small: np.ndarray) -> np.ndarray:
    """Bright paper against a darker background: Otsu's threshold on the ink-free brightness."""
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    envelope = cv2.GaussianBlur(background_of(grey), (5, 5), 0)
    _, mask = cv2.threshold(envelope, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return mask


def unlike_border_mask(small: np.ndarray, frame: float = 0.03) -> np.ndarray:
    """What differs in colour from the picture's border: a sheet with a coloured title bar
    (an app screenshot) on a table, where the bar is as dark as the table but not its colour."""
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_RGB2LAB).astype(np.float32)
    h, w = lab.shape[:2]
    m = max(2, round(frame * min(h, w)))
    border = np.concatenate(
        [lab[:m].reshape(-1, 3), lab[-m:].reshape(-1, 3), lab[:, :m].reshape(-1, 3),
         lab[:, -m:].reshape(-1, 3)]
    )  # fmt: skip
    centre = np.median(border, axis=0)
    distance = np.linalg.norm(lab - centre, axis=2)
    spread = float(np.percentile(np.linalg.norm(border - centre, axis=1), 95))
    mask = (distance > max(2.0 * spread, MIN_COLOUR_STEP)).astype(np.uint8) * 255
    k = max(3, min(h, w) // 100) | 1
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))


def ordered_corners(points: np.ndarray) -> np.ndarray:
    """Four corners as top-left, top-right, bottom-right, bottom-left (clockwise on screen)."""
    pts = np.asarray(points, float).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise on a y-down picture, starting anywhere
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def quad_of_region(contour: np.ndarray) -> np.ndarray | None:
    """The 4 corners of a region's convex hull simplified to a quadrilateral, or None."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for share in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(approx) == 4:
            return ordered_corners(approx)
        if len(approx) < 4:
            return None
    return None


def fit_side(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Line (point, direction) fitted to the outline points along the middle of side a–b."""
    d = b - a
    length = float(np.linalg.norm(d))
    if length < 1:
        return None
    unit = d / length
    rel = points - a
    along = rel @ unit
    across = np.abs(rel[:, 0] * unit[1] - rel[:, 1] * unit[0])
    near = points[(along > 0.1 * length) & (along < 0.9 * length) & (across < 0.02 * length + 2)]
    if len(near) < 5:
        return None
    vx, vy, x, y = cv2.fitLine(near.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return np.array([x, y, vx, vy], float)


def crossing(l1: np.ndarray, l2: np.ndarray) -> np.ndarray | None:
    """Where two lines (point, direction) cross, or None when they are nearly parallel."""
    p, r, q, s = l1[:2], l1[2:], l2[:2], l2[2:]
    den = r[0] * s[1] - r[1] * s[0]
    if abs(den) < 1e-6:
        return None
    t = ((q[0] - p[0]) * s[1] - (q[1] - p[1]) * s[0]) / den
    return p + t * r


def refine_corners(quad: np.ndarray, contour: np.ndarray) -> np.ndarray:
    """Corners moved to where straight lines fitted along the 4 sides cross (corners round off)."""
    points = contour.reshape(-1, 2).astype(float)
    sides = [fit_side(points, quad[i], quad[(i + 1) % 4]) for i in range(4)]
    out = quad.copy()
    for i in range(4):
        before, after = sides[i - 1], sides[i]
        if before is None or after is None:
            continue
        corner = crossing(before, after)
        if (
            corner is not None
            and np.linalg.norm(corner - quad[i]) < 0.1 * np.ptp(quad, axis=0).max()
        ):
            out[i] = corner
    return out


def corner_angles(quad: np.ndarray) -> list[float]:
    """Interior angle at each corner of a quadrilateral, in degrees."""
    out = []
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        out.append(math.degrees(math.acos(max(-1.0, min(1.0, cos)))))
    return out


def plausible_sheet(
    quad: np.ndarray, region_area: float, size: tuple[int, int], limits: OutlineLimits
) -> bool:
    """Whether a quadrilateral looks like a whole sheet of paper in the picture."""
    w, h = size
    area = float(cv2.contourArea(quad.astype(np.float32)))
    if not limits.min_area_share <= area / (w * h) <= limits.max_area_share:
        return False
    if not cv2.isContourConvex(quad.astype(np.float32)):
        return False
    if not limits.min_fill * area <= region_area <= limits.max_fill * area:
        return False
    if not all(limits.min_angle <= a <= limits.max_angle for a in corner_angles(quad)):
        return False
    sides = [float(np.linalg.norm(quad[(i + 1) % 4] - quad[i])) for i in range(4)]
    if min(sides[0], sides[2]) < limits.min_side_ratio * max(sides[0], sides[2]):
        return False
    if min(sides[1], sides[3]) < limits.min_side_ratio * max(sides[1], sides[3]):
        return False
    mx, my = limits.border_margin * w, limits.border_margin * h
    inside = (quad[:, 0] > mx) & (quad[:, 0] < w - mx) & (quad[:, 1] > my) & (quad[:, 1] < h - my)
    return bool(inside.all())


def sheet_in_mask(mask: np.ndarray, limits: OutlineLimits) -> tuple[np.ndarray, np.ndarray] | None:
    """The quad and outline of the largest region of a mask when it looks like a sheet."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    region = max(contours, key=cv2.contourArea)
    rough = quad_of_region(region)
    if rough is None:
        return None
    quad = refine_corners(rough, region)
    size = (mask.shape[1], mask.shape[0])
    if not plausible_sheet(quad, cv2.contourArea(region), size, limits):
        return None
    return quad, region


def _area(quad: np.ndarray) -> float:
    """Area of a quadrilateral."""
    return float(cv2.contourArea(quad.astype(np.float32)))


def find_page_quad(rgb: np.ndarray, limits: OutlineLimits | None = None) -> np.ndarray | None:
    """Corners (TL, TR, BR, BL, picture pixels) of the photographed sheet, or None if unsure.

    The sheet is the bright region; the region unlike the border in colour replaces it when it is
    clearly larger (the bright one leaves out a coloured title bar) or when no bright one is found.
    The bright outline is the sharper one: the colour mask is blurred and thresholded low.
    """
    small, factor = shrink(rgb, OUTLINE_SIDE)
    limits = limits or OutlineLimits()
    bright = sheet_in_mask(paper_mask(small), limits)
    coloured = sheet_in_mask(unlike_border_mask(small), limits)
    if bright is None:
        return None if coloured is None else coloured[0] / factor
    quad = bright[0]
    if coloured is not None and _area(coloured[0]) > 1.03 * _area(quad):
        quad = coloured[0]
    return quad / factor


def square_on(quad: np.ndarray, side: int) -> bool:
    """True when the outline is an upright rectangle (its sides parallel to the picture's)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    drift = max(abs(y0 - y1), abs(y3 - y2), abs(x0 - x3), abs(x1 - x2))
    return bool(drift <= SQUARE_ON * side)


def sheet_size(quad: np.ndarray) -> tuple[int, int]:
    """Width and height of the upright sheet: its longer opposite sides, in pixels."""
    tl, tr, br, bl = quad
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    return round(float(width)), round(float(height))


def flatten(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The photographed sheet warped flat, and the map flat → picture (None: left as it was)."""
    quad = find_page_quad(rgb)
    if quad is None or square_on(quad, max(rgb.shape[:2])):
        return rgb, None
    width, height = sheet_size(quad)
    flat_corners = np.array([(0, 0), (width, 0), (width, height), (0, height)], np.float32)
    to_picture = cv2.getPerspectiveTransform(flat_corners, quad.astype(np.float32))
    flat = warp(rgb, np.linalg.inv(to_picture), (width, height), cv2.INTER_CUBIC)
    return flat, to_picture


@dataclass(slots=True)
class Sheet:
    """A page picture, flattened and evened out, that renders any working frame in one warp."""

    picture: np.ndarray  # RGB as given
    flat: np.ndarray  # flattened (when a sheet was found) and evened out (when needed)
    to_picture: np.ndarray | None  # flat → picture; None when the flat picture is the picture
    evened: bool
    flattened: bool = False  # a photographed sheet was found and warped flat
    enlarged: float = 1.0  # how many times larger than the picture the flat one was made

    def render(self, to_flat: np.ndarray, size: tuple[int, int]) -> np.ndarray:
        """The picture in a frame that ``to_flat`` maps onto the flat one, resampled only once."""
        h, w = self.flat.shape[:2]
        if size == (w, h) and np.allclose(to_flat, np.eye(3)):
            return self.flat
        if self.to_picture is None:  # the flat picture is the picture as given, evened out
            return warp(self.flat, np.linalg.inv(to_flat), size, cv2.INTER_CUBIC)
        to_picture = self.to_picture @ to_flat
        image = warp(self.picture, np.linalg.inv(to_picture), size, cv2.INTER_CUBIC)
        return even_out_light(image, min_spread=0.0)[0] if self.evened else image


def prepare_sheet(rgb: np.ndarray) -> Sheet:
    """Flatten a photographed sheet and even out its light (each only when it is needed)."""
    flat, to_picture = flatten(rgb)
    flat, evened = even_out_light(flat)
    flattened = to_picture is not None
    return Sheet(picture=rgb, flat=flat, to_picture=to_picture, evened=evened, flattened=flattened)


def enlarged(sheet: Sheet, factor: float) -> Sheet:
    """The same sheet with its flat picture ``factor`` times larger (for text too small to read)."""
    flat = cv2.resize(sheet.flat, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    to_picture = sheet.to_picture if sheet.to_picture is not None else np.eye(3)
    shrink_back = np.diag([1.0 / factor, 1.0 / factor, 1.0])
    return Sheet(
        picture=sheet.picture,
        flat=flat,
        to_picture=to_picture @ shrink_back,
        evened=sheet.evened,
        flattened=sheet.flattened,
        enlarged=sheet.enlarged * factor,
    )
