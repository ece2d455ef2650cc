"""The two-width recogniser: which crops are read narrow, which wide, and the order kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

from checkup2action.ocr.splitrec import SplitWidth, SplitWidthRecognizer, install

pytest.importorskip("rapidocr")


@dataclass
class Args:
    """Stand-in for RapidOCR's ``TextRecInput``."""

    img: Any = None
    return_word_box: bool = False


@dataclass
class Out:
    """Stand-in for RapidOCR's ``TextRecOutput``."""

    txts: tuple[str, ...]
    scores: list[float]
    word_results: tuple[Any, ...]


@dataclass
class FakeRecognizer:
    """Reads a crop as its width, scored low when ``weak`` says so; records each call's width."""

    rec_image_shape: tuple[int, int, int] = (3, 48, 320)
    rec_batch_num: int = 6
    weak: set[int] = field(default_factory=set)
    calls: list[tuple[int, list[int]]] = field(default_factory=list)

    def __call__(self, args: Args) -> Out:
        """Text = '<crop width>@<minimum width>'; score 0.5 for weak crops read narrow."""
        width = self.rec_image_shape[2]
        widths = [img.shape[1] for img in args.img]
        self.calls.append((width, widths))
        texts = tuple(f"{w}@{width}" for w in widths)
        scores = [0.5 if w in self.weak and width < 320 else 0.99 for w in widths]
        return Out(texts, scores, tuple((t, None) for t in texts))


def crop(width: int, height: int = 20) -> np.ndarray:
    """A blank crop of the given size."""
    return np.zeros((height, width, 3), np.uint8)


def test_short_crops_are_read_at_their_width_long_ones_narrow_order_kept():
    inner = FakeRecognizer()
    rec = SplitWidthRecognizer(inner, SplitWidth(narrow_width=96, short_width=128, short_ratio=1.5))
    out = rec(Args(img=[crop(200), crop(20), crop(29), crop(30), crop(400)]))
    assert out.txts == ("200@96", "20@128", "29@128", "30@96", "400@96")
    assert out.word_results[1] == ("20@128", None)
    assert inner.rec_image_shape == (3, 48, 320)  # the wrapped recogniser is left as it was


def test_widths_left_unset_are_the_models_full_width():
    inner = FakeRecognizer(weak={100})
    rec = SplitWidthRecognizer(inner, SplitWidth(short_width=None, reread_width=None))
    out = rec(Args(img=[crop(100), crop(20), crop(300)]))
    assert out.txts == ("100@320", "20@320", "300@96")
    assert [w for w, _ in inner.calls] == [96, 320]  # short crops and re-reads in one batch


def test_re_reads_can_have_their_own_width():
    inner = FakeRecognizer(weak={60})
    rec = SplitWidthRecognizer(inner, SplitWidth(short_width=128, reread_width=160))
    out = rec(Args(img=[crop(60), crop(20)]))  # 60 x 20 is 144 pixels wide at the model's 48
    assert out.txts == ("60@160", "20@128")
    assert [w for w, _ in inner.calls] == [96, 128, 160]


def test_a_weak_narrow_reading_is_read_again_at_full_width():
    inner = FakeRecognizer(weak={100})
    rec = SplitWidthRecognizer(inner, SplitWidth(reread_below=0.9))
    out = rec(Args(img=[crop(100), crop(300)]))
    assert out.txts == ("100@320", "300@96")
    assert out.scores == [0.99, 0.99]
    assert [w for w, _ in inner.calls] == [96, 320]


def test_a_weak_reading_already_padded_to_the_full_width_is_not_read_again():
    inner = FakeRecognizer(weak={140, 100})
    rec = SplitWidthRecognizer(inner, SplitWidth(reread_below=0.9))
    out = rec(Args(img=[crop(140), crop(100)]))  # 140 x 20 is 336 pixels wide at height 48
    assert out.txts == ("140@96", "100@320")
    assert inner.calls == [(96, [140, 100]), (320, [100])]


def test_a_single_array_is_accepted_like_the_wrapped_recogniser_does():
    rec = SplitWidthRecognizer(FakeRecognizer(), SplitWidth())
    assert rec(Args(img=crop(100))).txts == ("100@96",)


def test_install_wraps_once_and_none_leaves_the_engine_alone():
    class Engine:
        def __init__(self) -> None:
            self.text_rec: Any = None

        def _load_rec_model(self) -> Any:
            self.text_rec = self.text_rec or FakeRecognizer()
            return self.text_rec

    engine = Engine()
    install(engine, None)
    assert engine.text_rec is None
    install(engine, SplitWidth())
    wrapped = engine.text_rec
    assert isinstance(wrapped, SplitWidthRecognizer)
    install(engine, SplitWidth())
    assert engine.text_rec is wrapped
    assert wrapped.rec_batch_num == 6  # other attributes are the wrapped recogniser's
