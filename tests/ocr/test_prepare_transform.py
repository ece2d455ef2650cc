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
