"""An optional on-disk cache of OCR readings, keyed by the exact pixels and the engine settings.

Set ``C2A_OCR_CACHE=/some/dir`` to reuse readings across runs (development, benchmarks that
re-score the same degraded pictures after a change to table reading). Off by default: a normal run
never writes anything. A reading is reused only for byte-identical pixels and identical options.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from checkup2action.ocr.base import ImageInput, OcrEngine, OcrLine, OcrWord, to_rgb_array

ENV_VAR = "C2A_OCR_CACHE"


def _line_to_json(line: OcrLine) -> dict:
    """A JSON-ready form of one line."""
    return {
        "t": line.text,
        "q": line.quad,
        "c": line.confidence,
        "w": [[w.text, w.quad, w.confidence] for w in line.words],
    }


def _quad(raw: list) -> tuple:
    """A quad back from JSON lists."""
    return tuple((float(x), float(y)) for x, y in raw)


def _line_from_json(raw: dict) -> OcrLine:
    """One line back from its JSON form."""
    words = tuple(OcrWord(t, _quad(q), c) for t, q, c in raw["w"])
    return OcrLine(raw["t"], _quad(raw["q"]), raw["c"], words)


class CachedEngine:
    """An engine wrapper that stores each reading under a hash of pixels and settings."""

    def __init__(self, engine: OcrEngine, folder: Path, settings: str):
        self.name = engine.name
        self._engine = engine
        self._folder = folder
        self._settings = settings
        if callable(getattr(engine, "detect", None)):
            self.detect = self._detect
        if callable(getattr(engine, "recognize_crops", None)):
            self.recognize_crops = self._recognize_crops
        if callable(getattr(engine, "read_quads", None)):
            self.read_quads = self._read_quads

    def _key(self, *images: ImageInput, call: str = "recognize") -> str:
        """Hash of the call, the images' pixels and shapes, and the engine settings."""
        digest = hashlib.sha256(f"{call}|{self._settings}".encode())
        for image in images:
            rgb = to_rgb_array(image)
            digest.update(repr(rgb.shape).encode())
            digest.update(rgb.tobytes())
        return digest.hexdigest()

    def _stored(self, key: str, compute: Any) -> Any:
        """The JSON stored under ``key``, or ``compute()`` stored there first."""
        path = self._folder / f"{key}.json"
        if path.is_file():
            return json.loads(path.read_text("utf-8"))
        value = compute()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value), "utf-8")
        tmp.replace(path)
        return value

    def _detect(self, image: ImageInput) -> list[Any]:
        """Cached detection-only quads."""
        raw = self._stored(
            self._key(image, call="detect"),
            lambda: [list(q) for q in self._engine.detect(image)],  # type: ignore[attr-defined]
        )
        return [_quad(q) for q in raw]

    def _recognize_crops(self, crops: list[ImageInput]) -> list[tuple[str, float]]:
        """Cached crop readings."""
        raw = self._stored(
            self._key(*crops, call="crops"),
            lambda: [list(r) for r in self._engine.recognize_crops(crops)],  # type: ignore[attr-defined]
        )
        return [(str(t), float(c)) for t, c in raw]

    def _read_quads(self, image: ImageInput, quads: list[Any]) -> list[OcrLine]:
        """Cached reading at given quads (the quads are part of the key)."""
        call = "quads|" + json.dumps([[[round(float(v), 3) for v in p] for p in q] for q in quads])
        raw = self._stored(
            self._key(image, call=call),
            lambda: [_line_to_json(ln) for ln in self._engine.read_quads(image, quads)],  # type: ignore[attr-defined]
        )
        return [_line_from_json(r) for r in raw]

    def recognize(self, image: ImageInput) -> list[OcrLine]:
        """The cached reading of this image, or a fresh one stored for next time."""
        raw = self._stored(
            self._key(image), lambda: [_line_to_json(ln) for ln in self._engine.recognize(image)]
        )
        return [_line_from_json(r) for r in raw]

    def __getattr__(self, name: str) -> object:
        """Everything else (e.g. detection-only calls) goes to the wrapped engine."""
        return getattr(self._engine, name)


def maybe_cached(engine: OcrEngine, settings: object) -> OcrEngine:
    """The engine wrapped in a disk cache when ``C2A_OCR_CACHE`` names a folder, else itself."""
    folder = os.environ.get(ENV_VAR, "").strip()
    if not folder:
        return engine
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return CachedEngine(engine, path, f"{engine.name}|{settings!r}")
