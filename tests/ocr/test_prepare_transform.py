"""Result boxes of OCR pages go back onto the picture through the page's one transform."""

from __future__ import annotations

import numpy as np
import pytest

from checkup2action.geometry import rescale_matrix, to_content_frame
from checkup2action.ingestion.document import Page
from checkup2action.ocr import pageprep as pp
from checkup2action.pipeline import _in_display_frame
from checkup2action.report.models import BBox, LabResult, Provenance


def result_at(box: tuple[float, float, float, float]) -> LabResult:
    """A lab result read at ``box`` on page 1."""
    bbox = BBox(x0=box[0], top=box[1], x1=box[2], bottom=box[3])
    return LabResult(
        id="r1", name_raw="WBC", value_raw="5.8", provenance=[Provenance(page=1, bbox=bbox)]
    )


def mapped(page: Page, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    """The box as ``_in_display_frame`` puts it on the page as given."""
    b = _in_display_frame(result_at(box), {1: page}).provenance[0].bbox
    return (b.x0, b.top, b.x1, b.bottom)


def test_quarter_turned_picture_box_maps_through_the_transform():
    # a 200 dpi picture 1000 × 600 px, turned 90° clockwise from the upright page (600 × 1000 px)
    to_upright, size = pp.rotation_expanded(1000, 600, 270)  # picture → working frame
    assert size == (600, 1000)
    scale = 72 / 200
    page = Page(1, 600 * scale, 1000 * scale, "scanned")
    page.transform = rescale_matrix(pp.as_tuple(np.linalg.inv(to_upright)), scale)
    page.picture_size = (1000 * scale, 600 * scale)
    # a word at the top left of the upright page sits at the top right of the picture
    assert mapped(page, (10, 20, 50, 30)) == pytest.approx(
        (1000 * scale - 30, 10, 1000 * scale - 20, 50)
    )
    assert page.display_size == pytest.approx((360.0, 216.0))


def test_perspective_box_is_the_box_around_the_mapped_corners_and_clipped():
    m = np.array([[0.9, 0.1, 30.0], [-0.05, 1.0, 20.0], [1e-4, 5e-5, 1.0]])
    page = Page(1, 400, 600, "scanned")
    page.transform = pp.as_tuple(m)
    page.picture_size = (500.0, 700.0)
    corners = pp.map_points(m, [(100, 200), (180, 200), (180, 220), (100, 220)])
    expected = (*corners.min(axis=0), *corners.max(axis=0))
    assert mapped(page, (100, 200, 180, 220)) == pytest.approx(expected)
    x0, top, x1, bottom = mapped(page, (-40, -40, 10, 10))  # off the picture: clipped to it
    assert x0 >= 0 and top >= 0 and x1 <= 500 and bottom <= 700


def test_born_digital_rotated_pages_keep_their_rotation_path():
    page = Page(1, 595, 842, "born_digital", rotation=90)
    box = (100.0, 200.0, 180.0, 220.0)
    width, height = page.display_size
    assert to_content_frame(mapped(page, box), 90, width, height) == pytest.approx(box)


def test_enlarged_reading_keeps_the_pictures_points():
    """A page read from a copy twice as large has the words and size of the picture as given."""
    from checkup2action.ocr.base import OcrLine, quad_from_points
    from checkup2action.ocr.prepare import PreparedPage
    from checkup2action.ocr.reading import apply_prepared

    dpi, grow = 144.0, 2.0
    line = OcrLine(
        "WBC 5.8", quad_from_points([(200, 100), (400, 100), (400, 140), (200, 140)]), 0.99
    )
    prepared = PreparedPage(
        lines=[line],
        image=np.full((1200, 800, 3), 255, np.uint8),  # the picture (400 × 600 px) enlarged 2×
        to_picture=np.diag([1 / grow, 1 / grow, 1.0]),
        picture_size=(400, 600),
        turn=0,
        skew=0.0,
        flattened=False,
        evened=False,
        fast=True,
        enlarged=grow,
    )
    page = Page(1, 0, 0, "scanned")
    apply_prepared(page, prepared, dpi)
    assert (page.width, page.height) == pytest.approx((200.0, 300.0))  # 400 × 600 px at 144 dpi
    assert page.picture_size == pytest.approx((200.0, 300.0))
    assert page.work_dpi == 288.0
    word = page.words[0]
    assert (word.x0, word.top, word.bottom) == pytest.approx((50.0, 25.0, 35.0))
    assert mapped(page, (50.0, 25.0, 100.0, 35.0)) == pytest.approx((50.0, 25.0, 100.0, 35.0))
