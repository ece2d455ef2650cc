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
from checkup2action.report.models import PageRegion

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


def _box(region: Region | PageRegion) -> tuple[float, float, float, float]:
    """A region's box as (x0, top, x1, bottom): a tuple already, or the report's ``BBox``."""
    box = region.bbox
    if isinstance(box, tuple):
        return box
    return (box.x0, box.top, box.x1, box.bottom)


def to_layoutparser(regions: Sequence[Region | PageRegion]) -> Any:
    """A ``layoutparser.Layout`` of one ``TextBlock`` per region, in reading order: the layout
    step's ``Region`` (ordered by its ``order``) or a report's ``PageRegion`` (listed in reading
    order, ``report.source.pages[n].regions``).

    Each block is ``TextBlock(Rectangle(x0, top, x1, bottom), type=kind, score=score, id=n)``,
    coordinates in PDF points, ``n`` its place in reading order.
    """
    lp = _import_layoutparser()
    ordered = sorted(enumerate(regions), key=lambda item: getattr(item[1], "order", item[0]))
    blocks = [
        lp.TextBlock(lp.Rectangle(*_box(r)), type=r.kind, score=r.score, id=n)
        for n, (_, r) in enumerate(ordered)
    ]
    return lp.Layout(blocks)
