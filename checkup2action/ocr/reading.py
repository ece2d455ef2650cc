"""Reading one page picture by OCR: prepared (flattened, evened out, turned upright, levelled),
read, and its words, size, transform, rulings and ink colours given to the page.

The OpenCV work lives here, imported by the OCR stage only once an engine exists, so that a
package installed without the extra ``ocr`` reads born-digital PDFs without OpenCV.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from checkup2action.geometry import rescale_matrix
from checkup2action.ingestion.document import Page
from checkup2action.ocr.convert import lines_to_words
from checkup2action.ocr.imagefeatures import annotate_from_image
from checkup2action.ocr.pageprep import as_tuple
from checkup2action.ocr.prepare import PreparedPage, prepare_page
from checkup2action.ocr.redwords import unread_red_words
from checkup2action.ocr.scripts import RescueOutcome, rescue_scripts
from checkup2action.ocr.stage import PictureHook


def read_picture(
    engine: Any,
    page: Page,
    image: Any,
    dpi: float,
    on_picture: PictureHook | None = None,
) -> RescueOutcome:
    """Prepare and read a page picture, calling ``on_picture`` with the working picture as soon
    as it is read, then give the page what was read; lines of a script the recogniser does not
    know are read again (``ocr.scripts``), and what that did is returned."""
    prepared = prepare_page(engine, image)
    detect = getattr(engine, "detect", None)
    rescue = rescue_scripts(prepared.image, prepared.lines, detect, detected=prepared.detected)
    prepared.lines = rescue.lines
    if on_picture is not None:
        on_picture(page, prepared.image, dpi * prepared.enlarged)
    apply_prepared(page, prepared, dpi, engine)
    return rescue


def apply_prepared(page: Page, prepared: PreparedPage, dpi: float, engine: Any = None) -> None:
    """Give the page its words, size, working picture and transform from a prepared reading
    (with ``engine``, red words the detector passed over are read as well). Points are those of
    the picture as given at ``dpi``, also when it was read from an enlarged copy."""
    work_dpi = dpi * prepared.enlarged
    scale = 72.0 / work_dpi
    height_px, width_px = prepared.image.shape[:2]
    page.words = lines_to_words(prepared.lines, page=page.number, scale=scale)
    if engine is not None:
        page.words += unread_red_words(engine, prepared.image, page.words, scale)
    page.width, page.height = width_px * scale, height_px * scale
    page.rotation = (360 - prepared.turn) % 360  # the picture is the upright page turned back
    page.skew = prepared.skew
    picture_scale = 72.0 / dpi
    grow = np.diag([prepared.enlarged, prepared.enlarged, 1.0])  # picture-scale → enlarged px
    page.transform = rescale_matrix(as_tuple(prepared.to_picture @ grow), picture_scale)
    page.picture_size = (
        prepared.picture_size[0] * picture_scale,
        prepared.picture_size[1] * picture_scale,
    )
    page.work_image, page.work_dpi = prepared.image, work_dpi
    annotate_from_image(page, prepared.image, scale)  # rulings and ink colours from the picture
