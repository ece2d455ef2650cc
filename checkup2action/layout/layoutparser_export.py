"""Regions as a layoutparser ``Layout`` (its data structures only: no detection models).

layoutparser 0.3.4's detection models need torch/detectron2/paddle and weights from external
hosts, so we never use them; its ``Layout``/``TextBlock`` types work offline and are handy for
drawing (``layoutparser.draw_box``) and for tools that already speak layoutparser.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checkup2action.errors import EngineNotAvailableError
from checkup2action.layout.regions import Region

INSTALL_HINT = (
    "install the extra: `make venv`, or `pip install 'checkup2action[layout-deps]'` then "
    "`pip install --no-deps layoutparser==0.3.4` (its declared opencv-python would be a second cv2)"
)


def _import_layoutparser() -> Any:
    """The ``layoutparser`` module, or EngineNotAvailableError with the install hint."""
    try:
        import layoutparser
    except ImportError as exc:
        raise EngineNotAvailableError(
            f"layoutparser is not installed ({exc}); {INSTALL_HINT}"
        ) from exc
    return layoutparser


def to_layoutparser(regions: Sequence[Region]) -> Any:
    """A ``layoutparser.Layout`` of one ``TextBlock`` per region, in reading order.

    Each block is ``TextBlock(Rectangle(x0, top, x1, bottom), type=kind, score=score,
    id=order)``, coordinates in PDF points.
    """
    lp = _import_layoutparser()
    blocks = [
        lp.TextBlock(lp.Rectangle(*r.bbox), type=r.kind, score=r.score, id=r.order)
        for r in sorted(regions, key=lambda r: r.order)
    ]
    return lp.Layout(blocks)
