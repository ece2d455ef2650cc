"""What a page image tells beyond its words: ruling lines and the ink colour of each word.

For born-digital PDFs the ingest stage reads rulings and colours from the PDF itself; for scans
and photos :func:`annotate_from_image` reads them from the picture, in the same form, so the
table reader and ``mark_styles`` work the same on both::

    annotate_from_image(page, rgb, scale=72 / dpi)

``rgb`` is the page image (H × W × 3 uint8 array or PIL image) in the frame of ``page.words``:
a word's box in pixels is its box in points divided by ``scale``. Needs OpenCV (``cv2``).
"""

from __future__ import annotations

from checkup2action.ingestion.document import Page
from checkup2action.ocr.arrows import lone_arrows
from checkup2action.ocr.dashes import ink_components, lone_dashes
from checkup2action.ocr.imagerulings import detect_rulings
from checkup2action.ocr.inkcolour import colour_words
from checkup2action.ocr.pageink import (
    DEFAULT_SETTINGS,
    ImageFeatureSettings,
    as_rgb_array,
    ink_darkness,
    paper_map,
)
from checkup2action.ocr.stars import lone_stars

__all__ = ["DEFAULT_SETTINGS", "ImageFeatureSettings", "annotate_from_image"]


def annotate_from_image(
    page: Page, rgb: object, scale: float, settings: ImageFeatureSettings = DEFAULT_SETTINGS
) -> None:
    """Set ``page.rulings`` from the image's lines and filled areas, and each word's ink colour.

    ``scale`` is points per pixel; the image must be in the frame of ``page.words``.
    """
    if not scale > 0:
        raise ValueError(f"scale must be points per pixel (> 0), got {scale!r}")
    arr = as_rgb_array(rgb)
    paper = paper_map(arr, scale, settings.background_window)
    dark = ink_darkness(arr, paper)
    page.rulings = detect_rulings(dark, scale, settings, words=page.words)
    pieces = ink_components(dark)
    page.words = [
        *page.words,
        *lone_dashes(dark, page.words, scale, pieces),
        *lone_arrows(dark, page.words, scale, pieces),
        *lone_stars(dark, page.words, scale, pieces),
    ]
    page.words = colour_words(page.words, arr, dark, paper, scale, settings)
