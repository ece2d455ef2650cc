"""Regions in layoutparser's layout format: its JSON form always, its objects where it is installed.

layoutparser 0.3.4's detection models need torch/detectron2/paddle and weights from external
hosts, so we never use them; its ``Layout``/``TextBlock`` types work offline and are handy for
drawing (``layoutparser.draw_box``) and for tools that already speak layoutparser. layoutparser
is no extra of ours: every release declares the GUI ``opencv-python`` (a second cv2 beside the
headless one of ``ocr``), so :func:`to_layoutparser_dict` writes the JSON form that
``layoutparser.load_dict`` reads, without layoutparser, and :func:`to_layoutparser` builds the
objects where the user has installed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checkup2action.errors import EngineNotAvailableError
from checkup2action.layout.regions import Region
from checkup2action.report.models import PageRegion

INSTALL_HINT = (
    "layoutparser is not an extra of checkup2action (it declares the GUI opencv-python, a "
    "second cv2 beside the headless one): install it yourself where that is acceptable, or use "
    "to_layoutparser_dict(), whose output layoutparser.load_dict() reads"
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


def to_layoutparser_dict(regions: Sequence[Region | PageRegion]) -> dict[str, Any]:
    """The regions as layoutparser's layout JSON (``Layout.to_dict()``'s form), in reading order:
    the layout step's ``Region`` (ordered by its ``order``) or a report's ``PageRegion`` (listed in
    reading order, ``report.source.pages[n].regions``).

    Each block is a rectangle ``x_1, y_1, x_2, y_2`` (x0, top, x1, bottom in PDF points) with
    ``id`` its place in reading order, ``type`` the region's kind and ``score`` when it has one.
    """
    ordered = sorted(enumerate(regions), key=lambda item: getattr(item[1], "order", item[0]))
    blocks = []
    for n, (_, r) in enumerate(ordered):
        x0, top, x1, bottom = _box(r)
        block: dict[str, Any] = {"x_1": x0, "y_1": top, "x_2": x1, "y_2": bottom}
        block.update({"block_type": "rectangle", "id": n, "type": r.kind})
        if r.score is not None:
            block["score"] = r.score
        blocks.append(block)
    return {"page_data": {}, "blocks": blocks}


def to_layoutparser(regions: Sequence[Region | PageRegion]) -> Any:
    """A ``layoutparser.Layout`` of one ``TextBlock`` per region, in reading order (as
    :func:`to_layoutparser_dict`); needs layoutparser installed.

    Each block is ``TextBlock(Rectangle(x0, top, x1, bottom), type=kind, score=score, id=n)``,
    coordinates in PDF points, ``n`` its place in reading order.
    """
    lp = _import_layoutparser()
    return lp.load_dict(to_layoutparser_dict(regions))
