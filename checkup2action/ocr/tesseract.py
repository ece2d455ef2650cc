"""Optional Tesseract adapter via ``pytesseract`` (needs Debian's tesseract binary and data).

Tesseract splits Chinese text into one "word" per character; adjacent CJK tokens of a line are
joined without a space so that a Chinese run stays one word, as with RapidOCR.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ocr.base import (
    ImageInput,
    OcrLine,
    OcrWord,
    quad_from_box,
    register_engine,
    to_pil,
)

KIND = "tesseract"
INSTALL_HINT = "install pytesseract and Debian's tesseract-ocr + tesseract-ocr-chi-sim"


@dataclass(frozen=True, slots=True)
class TesseractOptions:
    """Settings of the Tesseract engine."""

    kind: str = KIND
    #: Tesseract language packs, ``+``-joined.
    lang: str = "chi_sim+eng"
    #: Page segmentation mode (3 = automatic, 6 = one uniform block).
    psm: int = 3
    #: Path of the tesseract binary (None: from PATH).
    tesseract_cmd: str | None = None


def _import_pytesseract() -> Any:
    """The ``pytesseract`` module, or EngineNotAvailableError with the install hint."""
    try:
        import pytesseract
    except ImportError as exc:
        raise EngineNotAvailableError(f"pytesseract is not installed; {INSTALL_HINT}") from exc
    return pytesseract


def check_installation(module: Any, lang: str) -> None:
    """Raise EngineNotAvailableError when the binary or a language pack is missing."""
    try:
        installed = set(module.get_languages(config=""))
    except (OSError, RuntimeError) as exc:  # TesseractNotFoundError is an OSError
        raise EngineNotAvailableError(
            f"tesseract binary not usable ({exc}); {INSTALL_HINT}"
        ) from exc
    missing = [code for code in lang.split("+") if code and code not in installed]
    if missing:
        raise EngineNotAvailableError(
            f"tesseract language data missing: {', '.join(missing)}; {INSTALL_HINT}"
        )


def is_cjk(char: str) -> bool:
    """Whether a character is full-width (CJK ideographs, kana, full-width forms)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_tokens(tokens: list[str]) -> str:
    """Join a line's tokens with spaces, except between two CJK characters."""
    out = ""
    for token in tokens:
        if out and not (is_cjk(out[-1]) and is_cjk(token[0])):
            out += " "
        out += token
    return out


def _conf(value: Any) -> float | None:
    """Tesseract confidence (0–100, -1 unknown) as 0–1 or None."""
    try:
        conf = float(value)
    except (TypeError, ValueError):
        return None
    return None if conf < 0 else min(conf / 100.0, 1.0)


def _tokens(data: dict[str, list[Any]]) -> Iterator[tuple[tuple[int, int, int], OcrWord]]:
    """(line key, word) for each non-empty word row of ``image_to_data`` output."""
    for i, text in enumerate(data["text"]):
        token = str(text).strip()
        if int(data["level"][i]) != 5 or not token:
            continue
        x0, top = float(data["left"][i]), float(data["top"][i])
        box = (x0, top, x0 + float(data["width"][i]), top + float(data["height"][i]))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        yield key, OcrWord(token, quad_from_box(*box), _conf(data["conf"][i]))


def _make_line(words: list[OcrWord]) -> OcrLine:
    """One OcrLine from the words Tesseract put on one line."""
    boxes = [w.box for w in words]
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    confs = [w.confidence for w in words if w.confidence is not None]
    conf = sum(confs) / len(confs) if confs else None
    return OcrLine.from_box(join_tokens([w.text for w in words]), box, conf, tuple(words))


def data_to_lines(data: dict[str, list[Any]]) -> list[OcrLine]:
    """OcrLines from ``pytesseract.image_to_data(..., output_type=DICT)`` output."""
    grouped: dict[tuple[int, int, int], list[OcrWord]] = {}
    for key, word in _tokens(data):
        grouped.setdefault(key, []).append(word)
    return [_make_line(words) for words in grouped.values()]


class TesseractEngine:
    """OCR engine running the tesseract binary through pytesseract."""

    name = KIND

    def __init__(self, options: TesseractOptions, module: Any):
        self.options = options
        self._tess = module

    def recognize(self, image: ImageInput) -> list[OcrLine]:
        """Recognise the text lines of one image (pixel coordinates of that image)."""
        os.environ["OMP_THREAD_LIMIT"] = "1"  # unset, tesseract's OpenMP runs 5x slower
        data = self._tess.image_to_data(
            to_pil(image),
            lang=self.options.lang,
            config=f"--psm {self.options.psm}",
            output_type=self._tess.Output.DICT,
        )
        return data_to_lines(data)


@functools.lru_cache(maxsize=4)
def _cached_engine(options: TesseractOptions) -> TesseractEngine:
    """Check the installation once per distinct options."""
    module = _import_pytesseract()
    if options.tesseract_cmd:
        module.pytesseract.tesseract_cmd = options.tesseract_cmd
    os.environ["OMP_THREAD_LIMIT"] = "1"
    check_installation(module, options.lang)
    return TesseractEngine(options, module)


def create_tesseract_engine(options: TesseractOptions | None = None) -> TesseractEngine:
    """The Tesseract engine for ``options`` (defaults when None)."""
    opts = options or TesseractOptions()
    if not isinstance(opts, TesseractOptions):
        raise TypeError(f"expected TesseractOptions, got {type(opts).__name__}")
    return _cached_engine(opts)


register_engine(KIND, create_tesseract_engine)
