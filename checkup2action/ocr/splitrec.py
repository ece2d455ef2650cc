"""Text recognition tuned for lab tables: short crops padded less.

RapidOCR's recogniser pads every crop of a batch to at least the model's training width (48 × 320
pixels), so a cell such as ``5.30`` (48 × 80) costs as much as a 320-pixel line: on a dense
results page most of the recognition work is padding. ``SplitWidthRecognizer`` wraps that
recogniser:

- crops at least ``short_ratio`` times as wide as tall are read with a narrow minimum width
  (``narrow_width``, 96 pixels);
- crops narrower than that (``%``, ``H``, ``g/L``) are read with a wider minimum
  (``short_width``, 128 pixels), because the model misreads a lone symbol with little padding
  (``%`` → ``96``, ``g/L`` → ``gL`` at 96);
- a narrow reading scored below ``reread_below``, or with a character scored below
  ``reread_char_below`` (when character scores are asked for: they become word confidences and
  review marks), is read again at the full width and that reading is kept.

Measured with ``python bench/ocr_study.py recwidth /tmp/dense8 /tmp/var_photo --pages 4`` (4 dense
scans and 4 photographed pages, 1,239 lines, character results asked for as the pipeline does;
``--settings`` tries other values): 0.63 of the plain recogniser's CPU time; 5 lines read
differently from the plain recogniser, one of them a unit (``uIU/mL`` → ``ulU/mL``, read back by
``grammar.ocrunits``), none a value: ``G/l`` → ``G/I`` twice, ``pg`` → ``Pg``, ``Page 1`` →
``Page l``. Short crops at the full 320 pixels and a character re-read below 0.8 cost 0.82 with
no line read differently; without the character re-read ``79-97`` became ``79.97``. (Batches
dealt to two threads on one-thread sessions were tried too: each batch as in one thread, so the
same readings, and 12% faster on recorded batches replayed alone, but only 1-3% faster in the
whole pipeline: not kept.)

A weak narrow reading of a crop at least as wide as the re-read width is not read again: its
batch was already padded to at least that width, so a second reading would only differ by the
padding its batch neighbours bring (on the real photos: 139 of 511 re-reads, about 3 s of 120).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

Reading = tuple[str, float, Any]  # text, score, RapidOCR's word result


@dataclass(frozen=True, slots=True)
class SplitWidth:
    """Settings of the recognition wrapper (see the module docstring)."""

    narrow_width: int = 96
    #: Minimum width for crops under ``short_ratio`` (None: the model's full width).
    short_width: int | None = 128
    #: Minimum width for re-reading unsure narrow readings (None: the model's full width).
    reread_width: int | None = None
    short_ratio: float = 1.5
    reread_below: float = 0.9
    reread_char_below: float = 0.6


def _ratio(img: np.ndarray) -> float:
    """Width over height of a crop (0 for an empty one)."""
    h, w = img.shape[:2]
    return w / h if h else 0.0


class SplitWidthRecognizer:
    """A RapidOCR ``TextRecognizer`` stand-in (same call, same output type)."""

    def __init__(self, inner: Any, settings: SplitWidth):
        self.inner = inner
        self.settings = settings
        channels, height, width = tuple(inner.rec_image_shape)
        self.height = height
        self.full_width = width
        self.short_width = settings.short_width or width
        self.reread_width = settings.reread_width or width
        widths = {width, settings.narrow_width, self.short_width, self.reread_width}
        self._readers = {w: self._reader(channels, height, w) for w in widths}

    def _reader(self, channels: int, height: int, width: int) -> Any:
        """A shallow copy of the wrapped recogniser (same session) with its own minimum width."""
        reader = copy.copy(self.inner)
        reader.rec_image_shape = (channels, height, width)
        return reader

    def __getattr__(self, name: str) -> Any:
        """Everything else (session, postprocess, config) is the wrapped recogniser's."""
        return getattr(self.inner, name)

    def _read(self, args: Any, imgs: list[np.ndarray], width: int) -> list[Reading]:
        """Read ``imgs`` with a minimum width of ``width`` pixels."""
        out = self._readers[width](type(args)(img=imgs, return_word_box=args.return_word_box))
        return list(zip(out.txts, out.scores, out.word_results, strict=True))

    def _weak(self, reading: Reading) -> bool:
        """Whether a narrow reading is unsure as a whole or of one of its characters."""
        confs = getattr(reading[2], "confs", None) or [1.0]
        s = self.settings
        return reading[1] < s.reread_below or min(confs) < s.reread_char_below

    def _second_reads(
        self, imgs: list[np.ndarray], results: dict[int, Reading]
    ) -> dict[int, list[int]]:
        """Crops still to read, by minimum width: short or unread ones, and unsure narrow ones."""
        groups: dict[int, list[int]] = {}
        for i, img in enumerate(imgs):
            if i in results:
                if self._weak(results[i]) and _ratio(img) * self.height < self.reread_width:
                    groups.setdefault(self.reread_width, []).append(i)
                continue
            short = _ratio(img) < self.settings.short_ratio
            groups.setdefault(self.short_width if short else self.full_width, []).append(i)
        return groups

    def __call__(self, args: Any) -> Any:
        """Recognise ``args.img`` (one crop or a list) like the wrapped recogniser does."""
        start = time.perf_counter()
        imgs = [args.img] if isinstance(args.img, np.ndarray) else list(args.img)
        if not imgs:
            return self.inner(args)
        s = self.settings
        results: dict[int, Reading] = {}
        narrow = [i for i, img in enumerate(imgs) if _ratio(img) >= s.short_ratio]
        if s.narrow_width < self.full_width and narrow:
            read = self._read(args, [imgs[i] for i in narrow], s.narrow_width)
            results.update(zip(narrow, read, strict=True))
        for width, picked in sorted(self._second_reads(imgs, results).items()):
            read = self._read(args, [imgs[i] for i in picked], width)
            results.update(zip(picked, read, strict=True))
        readings = [results[i] for i in range(len(imgs))]
        return _output(imgs, readings, time.perf_counter() - start)


def _output(imgs: list[np.ndarray], readings: list[Reading], seconds: float) -> Any:
    """A ``TextRecOutput`` holding the readings in the order of the crops."""
    from rapidocr.ch_ppocr_rec.typings import TextRecOutput

    return TextRecOutput(
        imgs=imgs,
        txts=tuple(r[0] for r in readings),  # type: ignore[arg-type]
        scores=[r[1] for r in readings],
        word_results=tuple(r[2] for r in readings),
        elapse=seconds,
    )


def install(ocr: Any, settings: SplitWidth | None) -> None:
    """Make a RapidOCR instance recognise through a ``SplitWidthRecognizer`` (None: leave it)."""
    if settings is None or isinstance(ocr.text_rec, SplitWidthRecognizer):
        return
    ocr.text_rec = SplitWidthRecognizer(ocr._load_rec_model(), settings)
