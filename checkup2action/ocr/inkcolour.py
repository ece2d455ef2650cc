"""Ink colour of each word, read from the page image: red, black/grey, or unknown.

A word's ink is the darker part of its box; each ink pixel is divided by the paper colour
around it (so yellowed paper, tinted light and shaded cells do not colour it) and sorted as red,
neutral or other. Only a clear majority sets ``Word.color``: a false red is a false abnormal flag,
so mixed ink (a black word under a red stamp, a word touching a ruling), reversed text and
too few pixels leave the colour unknown (``None``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from checkup2action.ingestion.document import Word
from checkup2action.ocr.pageink import ImageFeatureSettings, PaperMap

Colour = tuple[float, float, float]
# Ink pixels are at least this dark (0–255 below the paper) and this share of the word's darkest
# (taken on a 3 × 3 blur of the darkness, so that a single noisy pixel is no peak).
MIN_INK = 40
INK_SHARE_OF_PEAK = 0.5
MIN_INK_PIXELS = 6
# Share of ink pixels that must agree on one class for the word to take that colour.
MAJORITY = 0.75
# Above this share of its box a word's "ink" is a filled background (light text on dark).
MAX_INK_COVER = 0.6
MIN_PAPER = 60.0


def pixel_box(word: Word, scale: float, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """The word's box in whole pixels, clipped to the image."""
    h, w = shape[:2]
    x0 = min(max(0, int(word.x0 / scale)), w)
    x1 = min(max(0, int(np.ceil(word.x1 / scale))), w)
    y0 = min(max(0, int(word.top / scale)), h)
    y1 = min(max(0, int(np.ceil(word.bottom / scale))), h)
    return x0, y0, x1, y1


def ink_pixels(
    rgb: np.ndarray, dark: np.ndarray, peak: float, paper: np.ndarray
) -> np.ndarray | None:
    """The word's ink as paper-relative reflectances (N × 3 floats), or None when there is none.

    None also for boxes mostly covered by "ink": light text on a dark fill.
    """
    if peak < MIN_INK:
        return None
    inked = dark >= max(MIN_INK, INK_SHARE_OF_PEAK * peak)
    count = int(np.count_nonzero(inked))
    if count < MIN_INK_PIXELS or count > MAX_INK_COVER * dark.size:
        return None
    return np.minimum(rgb[inked].astype(np.float32) / np.maximum(paper, MIN_PAPER), 1.0)


def classify_ink(ink: np.ndarray, s: ImageFeatureSettings) -> tuple[str, Colour] | None:
    """``("red", colour)`` or ``("neutral", colour)`` when most ink pixels agree, else None.

    Pixels are judged by their absorbance profile (1 − reflectance), which mixing with white
    paper scales but does not turn. A red word's colour is its ink at full strength (the
    profile scaled to absorb fully in its strongest channel: what a blurred thin stroke shows
    as pink was printed red); a neutral word's is the grey of its darkest quarter.
    """
    absorb = 1.0 - ink
    strongest = absorb.max(axis=1)
    absorb = absorb[strongest >= s.min_absorbance]
    if len(absorb) < MIN_INK_PIXELS:
        return None
    a_r, a_g, a_b = absorb[:, 0], absorb[:, 1], absorb[:, 2]
    a_max = absorb.max(axis=1)
    green_blue = np.minimum(a_g, a_b)
    red = (a_r <= s.red_max_share * green_blue) & (np.abs(a_g - a_b) <= s.red_max_imbalance * a_max)
    neutral = absorb.min(axis=1) >= s.neutral_min_share * a_max
    least = MAJORITY * len(absorb)
    if np.count_nonzero(red) >= least:
        profile = np.median(absorb[red] / a_max[red, None], axis=0)
        return "red", (float(1 - profile[0]), float(1 - profile[1]), float(1 - profile[2]))
    if np.count_nonzero(neutral) >= least:
        strengths = a_max[neutral]
        k = (3 * len(strengths)) // 4
        level = float(1 - np.partition(strengths, k)[k])
        return "neutral", (level, level, level)
    return None


def word_colour(
    word: Word,
    rgb: np.ndarray,
    dark: np.ndarray,
    peaks: np.ndarray,
    paper: PaperMap,
    scale: float,
    s: ImageFeatureSettings,
) -> Colour | None:
    """The measured ink colour of one word, when it is clearly red or clearly black/grey."""
    x0, y0, x1, y1 = pixel_box(word, scale, rgb.shape)
    if x1 <= x0 or y1 <= y0:
        return None
    peak = float(peaks[y0:y1, x0:x1].max())
    paper_rgb = paper.at((x0 + x1) / 2, (y0 + y1) / 2)
    ink = ink_pixels(rgb[y0:y1, x0:x1], dark[y0:y1, x0:x1], peak, paper_rgb)
    if ink is None:
        return None
    found = classify_ink(ink, s)
    if found is None:
        return None
    kind, colour = found
    if kind == "red" and not replace(word, color=colour).red:
        return None  # red-ish, but not what the table reader calls red: say nothing
    return colour


def colour_words(
    words: Sequence[Word],
    rgb: np.ndarray,
    dark: np.ndarray,
    paper: PaperMap,
    scale: float,
    settings: ImageFeatureSettings,
) -> list[Word]:
    """The words with ``color`` set from the image where it is clear (others keep theirs)."""
    peaks = cv2.blur(dark, (3, 3))
    out = []
    for word in words:
        colour = word_colour(word, rgb, dark, peaks, paper, scale, settings)
        out.append(word if colour is None else replace(word, color=colour))
    return out
