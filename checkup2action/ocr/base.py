"""OCR engine interface: recognised lines in pixels, engine options and the engine registry.

An engine turns one page image into :class:`OcrLine` objects in *pixel* coordinates (top-left
origin). :func:`checkup2action.ocr.convert.lines_to_words` turns them into ingest ``Word`` objects
in PDF points. Engines are created from an options dataclass whose ``kind`` names the engine;
each engine module registers a factory for its kind with :func:`register_engine`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias, runtime_checkable

import numpy as np
from PIL import Image

from checkup2action.errors import EngineNotAvailableError

#: A point (x, y) in pixels.
Point: TypeAlias = tuple[float, float]
#: Four corners in pixels: top-left, top-right, bottom-right, bottom-left (reading direction).
Quad: TypeAlias = tuple[Point, Point, Point, Point]
#: An engine input: a PIL image, or an array H×W (grey) or H×W×3 (RGB) / H×W×4 (RGBA), uint8.
ImageInput: TypeAlias = np.ndarray | Image.Image


def quad_from_box(x0: float, top: float, x1: float, bottom: float) -> Quad:
    """Quad of an axis-aligned box."""
    return ((x0, top), (x1, top), (x1, bottom), (x0, bottom))


def quad_from_points(points: Any) -> Quad:
    """Quad from any 4×2 sequence of numbers (numpy array, nested lists)."""
    rows = [(float(p[0]), float(p[1])) for p in points]
    if len(rows) != 4:
        raise ValueError(f"a quad needs 4 points, got {len(rows)}")
    return (rows[0], rows[1], rows[2], rows[3])


def quad_bbox(quad: Quad) -> tuple[float, float, float, float]:
    """Axis-aligned bounding box (x0, top, x1, bottom) of a quad."""
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A piece of a line as the engine boxed it: a word or a single character, in pixels."""

    text: str
    quad: Quad
    confidence: float | None = None

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Axis-aligned box (x0, top, x1, bottom) in pixels."""
        return quad_bbox(self.quad)


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One recognised text line: its text, its quad in pixels, confidence and engine word boxes.

    ``words`` is empty when the engine gives no boxes below line level. When present, the texts of
    ``words`` concatenated equal ``text`` with its whitespace removed (engines that cannot promise
    this leave ``words`` empty, and conversion falls back to proportional splitting).
    """

    text: str
    quad: Quad
    confidence: float | None = None
    words: tuple[OcrWord, ...] = ()

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Axis-aligned box (x0, top, x1, bottom) in pixels."""
        return quad_bbox(self.quad)

    @classmethod
    def from_box(
        cls,
        text: str,
        box: tuple[float, float, float, float],
        confidence: float | None = None,
        words: tuple[OcrWord, ...] = (),
    ) -> OcrLine:
        """Line from an axis-aligned box (x0, top, x1, bottom) in pixels."""
        return cls(text, quad_from_box(*box), confidence, words)


@runtime_checkable
class OcrEngine(Protocol):
    """An OCR engine: page image in, text lines with pixel boxes out."""

    name: str

    def recognize(self, image: ImageInput) -> list[OcrLine]:
        """Recognise all text lines of one image, in reading order where the engine knows it."""
        ...


class EngineOptions(Protocol):
    """What every engine options dataclass has: the registered ``kind`` of its engine."""

    @property
    def kind(self) -> str:
        """Registered engine kind, e.g. ``"rapidocr"``."""
        ...


EngineFactory: TypeAlias = Callable[[Any], OcrEngine]

_REGISTRY: dict[str, EngineFactory] = {}


class UnknownEngineError(EngineNotAvailableError):
    """No engine is registered under the requested kind."""

    code = "UNKNOWN_ENGINE"


def register_engine(kind: str, factory: EngineFactory) -> None:
    """Register (or replace) the factory that builds engines of ``kind`` from their options."""
    if not kind:
        raise ValueError("engine kind must be a non-empty string")
    _REGISTRY[kind] = factory


def available_engines() -> list[str]:
    """Registered engine kinds, sorted (registered does not mean installed)."""
    return sorted(_REGISTRY)


def create_engine(options: EngineOptions) -> OcrEngine:
    """Build (or fetch from the engine's cache) the engine ``options.kind`` describes."""
    kind = getattr(options, "kind", None)
    factory = _REGISTRY.get(kind) if isinstance(kind, str) else None
    if factory is None:
        known = ", ".join(available_engines()) or "none"
        raise UnknownEngineError(f"unknown OCR engine kind {kind!r}; known kinds: {known}")
    return factory(options)


def to_rgb_array(image: ImageInput) -> np.ndarray:
    """The image as a contiguous H×W×3 uint8 RGB array."""
    if isinstance(image, Image.Image):
        return np.asarray(image.convert("RGB"))
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        raise ValueError(f"image arrays must be uint8, got {arr.dtype}")
    if arr.ndim == 2:
        return np.ascontiguousarray(np.repeat(arr[:, :, None], 3, axis=2))
    if arr.ndim == 3 and arr.shape[2] in (3, 4):
        return np.ascontiguousarray(arr[:, :, :3])
    raise ValueError(f"unsupported image array shape {arr.shape}")


def to_bgr_array(image: ImageInput) -> np.ndarray:
    """The image as a contiguous H×W×3 uint8 BGR array (OCR engines take OpenCV's order);
    OpenCV swaps the channels in one pass, faster than a copy of a strided numpy view."""
    import cv2  # the engines need OpenCV anyway; imported here so this module loads without it

    return cv2.cvtColor(to_rgb_array(image), cv2.COLOR_RGB2BGR)


def to_pil(image: ImageInput) -> Image.Image:
    """The image as an RGB PIL image."""
    if isinstance(image, Image.Image):
        return image.convert("RGB") if image.mode != "RGB" else image
    return Image.fromarray(to_rgb_array(image))
