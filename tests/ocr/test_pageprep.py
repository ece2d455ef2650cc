"""Pixel preparation on small synthetic pictures: matrices, sheet outline, flattening, light."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from checkup2action.geometry import IDENTITY, map_box, map_point, rescale_matrix
from checkup2action.ocr import pageprep as pp
from checkup2action.threads import BAND_ROWS


def page_with_bars(width: int = 600, height: int = 800, ink: tuple = (0, 0, 0)) -> np.ndarray:
    """A white page with text-like dark bars in rows."""
    page = np.full((height, width, 3), 255, np.uint8)
    for i, top in enumerate(range(60, height - 60, 40)):
        cv2.rectangle(page, (50, top), (50 + 250 + 40 * (i % 6), top + 12), ink, -1)
    return page


def photo_of(page: np.ndarray, corners: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """The page warped onto ``corners`` of a darker table picture of ``size``."""
    h, w = page.shape[:2]
    src = np.array([(0, 0), (w, 0), (w, h), (0, h)], np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    table = np.full((size[1], size[0], 3), (90, 70, 55), np.uint8)
    sheet = pp.warp(page, m, size)
    mask = cv2.warpPerspective(
        np.full((h, w), 255, np.uint8),
        pp.translation(-0.5, -0.5) @ m @ pp.translation(0.5, 0.5),
        size,
        borderValue=0,
    )
    return np.where(mask[..., None] > 127, sheet, table)


CORNERS = np.array([(130, 90), (760, 140), (720, 1010), (80, 960)], float)


# --- matrices -----------------------------------------------------------------------------------


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_quarter_turns_are_exact(turn):
    image = np.arange(5 * 7 * 3, dtype=np.uint8).reshape(5, 7, 3)
    m, size = pp.rotation_expanded(7, 5, turn)
    assert size == ((5, 7) if turn % 180 else (7, 5))
    turned = pp.warp(image, m, size)
    assert np.array_equal(turned, np.rot90(image, k=-turn // 90))


def test_rotation_expanded_holds_the_whole_picture():
    m, (w, h) = pp.rotation_expanded(600, 800, 12.0)
    pts = pp.map_points(m, [(0, 0), (600, 0), (600, 800), (0, 800)])
    assert pts.min() > -1e-6 and pts[:, 0].max() <= w and pts[:, 1].max() <= h
    assert w == math.ceil(600 * math.cos(math.radians(12)) + 800 * math.sin(math.radians(12)))


def test_homography_helpers_round_trip():
    m = pp.as_tuple(np.array([[1.1, 0.05, 10], [-0.03, 0.95, 4], [1e-5, 2e-5, 1]]))
    x, y = map_point(m, 100.0, 200.0)
    back = pp.as_tuple(np.linalg.inv(np.array(m).reshape(3, 3)))
    assert map_point(back, x, y) == pytest.approx((100.0, 200.0))
    assert map_box(IDENTITY, (1, 2, 3, 4)) == (1, 2, 3, 4)
    # the same map measured in points (pixels × 0.36) sends points to points
    in_points = rescale_matrix(m, 0.36)
    px = map_point(m, 50.0, 80.0)
    assert map_point(in_points, 50.0 * 0.36, 80.0 * 0.36) == pytest.approx(
        (px[0] * 0.36, px[1] * 0.36)
    )


def test_ordered_corners_start_top_left_and_go_clockwise():
    shuffled = CORNERS[[2, 0, 3, 1]]
    assert np.allclose(pp.ordered_corners(shuffled), CORNERS)


# --- sheet outline and flattening ---------------------------------------------------------------


def test_sheet_outline_is_found_in_a_photo():
    photo = photo_of(page_with_bars(), CORNERS, (860, 1100))
    quad = pp.find_page_quad(photo)
    assert quad is not None
    assert np.abs(quad - CORNERS).max() < 4


def test_app_screenshot_outline_keeps_its_coloured_title_bar():
    """A phone photo of a screenshot: a teal bar as dark as the table tops the light sheet."""
    page = page_with_bars()
    page[:90] = (20, 150, 136)  # the app's title bar, darker than the paper, not grey
    page = (page * 0.93).astype(np.uint8)  # a screen is grey-white, not paper-white
    photo = photo_of(page, CORNERS, (860, 1100))
    photo[:] = np.where(photo == (90, 70, 55), (70, 70, 72), photo)  # a grey table
    quad = pp.find_page_quad(photo)
    assert quad is not None
    assert np.abs(quad - CORNERS).max() < 6  # the whole sheet, bar included


def test_flattened_sheet_has_level_rows_and_maps_back():
    photo = photo_of(page_with_bars(), CORNERS, (860, 1100))
    flat, to_picture = pp.flatten(photo)
    assert to_picture is not None
    h, w = flat.shape[:2]
    assert abs(h / w - 800 / 600) < 0.05
    ink = (flat.min(axis=2) < 100).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    bars = [s for s in stats[1:] if s[2] > 200]
    assert len(bars) >= 15
    assert all(s[3] < 22 for s in bars)  # a sloping bar would be much taller than 12–16 px
    corners = pp.map_points(to_picture, [(0, 0), (w, 0), (w, h), (0, h)])
    assert np.abs(corners - CORNERS).max() < 4


def test_upright_outline_is_not_cropped_to():
    """A screenshot of a page in a viewer: its square outline must not crop the text below it."""
    screen = np.full((1300, 660, 3), (40, 40, 40), np.uint8)  # the viewer's dark background
    screen[100:900, 30:630] = page_with_bars()  # the page, drawn square on
    screen[1000:1012, 60:400] = screen[1040:1052, 60:300] = 230  # light text under the page
    quad = pp.find_page_quad(screen)
    assert quad is not None and pp.square_on(quad, 1300)
    assert not pp.square_on(CORNERS, 1100)
    flat, to_picture = pp.flatten(screen)
    assert to_picture is None and flat is screen


@pytest.mark.parametrize(
    "picture",
    [
        page_with_bars(),  # a flat scan: the sheet fills the picture
        np.full((400, 300, 3), 60, np.uint8),  # nothing bright
    ],
)
def test_no_outline_when_unsure(picture):
    assert pp.find_page_quad(picture) is None
    flat, to_picture = pp.flatten(picture)
    assert to_picture is None and flat is picture


def test_a_skewed_quadrilateral_that_is_not_a_sheet_is_refused():
    squashed = np.array([(100, 100), (700, 100), (420, 200), (380, 200)], float)
    photo = photo_of(page_with_bars(), squashed, (800, 400))
    assert pp.find_page_quad(photo) is None


# --- light --------------------------------------------------------------------------------------


def shadowed(page: np.ndarray, strength: float) -> np.ndarray:
    """The page under a diagonal shadow (darker towards the bottom right)."""
    h, w = page.shape[:2]
    y, x = np.mgrid[0:h, 0:w]
    light = 1.0 - strength * (x / w + y / h) / 2
    return (page * light[..., None]).astype(np.uint8)


def test_shadow_is_divided_out_and_red_ink_stays_red():
    page = page_with_bars(ink=(0, 0, 0))
    cv2.rectangle(page, (400, 700), (560, 730), (220, 20, 20), -1)  # red ink
    out, applied = pp.even_out_light(shadowed(page, 0.6))
    assert applied
    paper = out[page.min(axis=2) == 255].astype(float)
    level = np.median(paper)
    assert np.percentile(paper, 2) > 0.93 * level  # the shadowed corner is as bright as the rest
    assert np.percentile(paper, 98) < 1.05 * level
    ink = out[page.max(axis=2) == 0]
    assert np.percentile(ink, 95) < 0.25 * level  # ink stays dark
    r, g, b = out[715, 480].astype(float)
    assert r > 0.7 * level and g < 0.3 * level and b < 0.3 * level


def test_clean_page_is_left_alone():
    page = page_with_bars()
    out, applied = pp.even_out_light(page)
    assert not applied and out is page


def whole_picture_division(rgb, background, level):
    """The division of ``divide_out`` done on the whole picture at once (its specification)."""
    full = background.astype(np.float32)
    np.maximum(full, pp.MIN_BACKGROUND, out=full)
    out = rgb.astype(np.float32)
    out *= level
    out /= full
    np.minimum(out, 255.0, out=out)
    return out.astype(np.uint8)


@pytest.mark.parametrize("height", [1, BAND_ROWS - 1, BAND_ROWS, 2 * BAND_ROWS + 37])
def test_division_in_bands_is_the_whole_pictures_bit_for_bit(height):
    rng = np.random.default_rng(height)
    rgb = rng.integers(0, 256, (height, 151, 3), dtype=np.uint8)
    background = rng.integers(0, 256, (height, 151, 3), dtype=np.uint8)
    background[: height // 2, :20] = 3  # darker than MIN_BACKGROUND: the floor applies
    level = np.array([231.0, 197.5, 250.25], dtype=np.float32)  # made-up paper colour
    out = pp.divide_out(rgb, background, level)
    expected = whole_picture_division(rgb, background, level)
    assert out.dtype == np.uint8 and out.shape == rgb.shape
    assert np.array_equal(out, expected)
    assert out.max() == 255  # brighter than the paper: capped, not wrapped round


def test_division_in_bands_with_one_thread(monkeypatch):
    monkeypatch.setenv("C2A_ONNX_THREADS", "1")
    rng = np.random.default_rng(7)
    rgb = rng.integers(0, 256, (300, 80, 3), dtype=np.uint8)
    background = rng.integers(40, 256, (300, 80, 3), dtype=np.uint8)
    level = np.array([200.0, 210.0, 220.0], dtype=np.float32)
    expected = whole_picture_division(rgb, background, level)
    assert np.array_equal(pp.divide_out(rgb, background, level), expected)


@pytest.mark.parametrize("k", [5, 7, 21, 43, 67, 99])
@pytest.mark.parametrize("shape", [(120, 90), (300, 200, 3), (64, 400, 3)])
def test_elliptic_closing_by_rectangles_is_opencvs(k, shape):
    rng = np.random.default_rng(k)
    picture = cv2.GaussianBlur(rng.integers(0, 256, shape, dtype=np.uint8), (3, 3), 0)
    picture[10:14] = 0  # ink lines that the closing fills
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    assert pp.ellipse_rectangles(k) is not None
    assert np.array_equal(
        pp.close_ellipse(picture, k), cv2.morphologyEx(picture, cv2.MORPH_CLOSE, kernel)
    )
