"""Page pictures as the arrays the OCR engines take."""

from __future__ import annotations

import numpy as np
import pytest

from checkup2action.ocr.base import to_bgr_array


@pytest.mark.parametrize("channels", [None, 3, 4])
def test_pictures_reach_the_engines_as_contiguous_bgr(channels: int | None) -> None:
    rng = np.random.default_rng(3)
    shape = (37, 53) if channels is None else (37, 53, channels)
    picture = rng.integers(0, 256, shape, dtype=np.uint8)[:, 2:]  # a strided view
    rgb = np.repeat(picture[:, :, None], 3, axis=2) if channels is None else picture[:, :, :3]
    out = to_bgr_array(picture)
    assert out.flags.c_contiguous and out.dtype == np.uint8
    assert np.array_equal(out, rgb[:, :, ::-1])
