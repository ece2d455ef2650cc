"""Character and word boxes of recognised lines, mapped back to the page in one step per line.

RapidOCR places each character along its crop from the recogniser's CTC columns, then carries
every corner of every box back to the picture with its own 3-vector product and re-sorts the
corners (``CalRecBoxes.reverse_rotate_crop_image``): about a millisecond per line, a third of a
second on a dense results page. :class:`FastCharBoxes` keeps RapidOCR's placement and maps all the
corners of a line with one matrix product. The corners of a horizontal line come out in RapidOCR's
order (top-left, top-right, bottom-right, bottom-left) and rounded the same way; standing lines
(rare after page preparation) go through RapidOCR's own code. The per-line loop copies each
line's boxes (which RapidOCR's overlap adjustment changes in place) as lists instead of with
``copy.deepcopy``, which cost as much as the rest of the step.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np


def crop_frame(quad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The crop's corners (as RapidOCR sizes it) and the quad shifted to its own top-left corner."""
    shifted = quad.astype(np.float32).copy()
    shifted -= np.floor(shifted.min(axis=0))
    width = int(np.linalg.norm(shifted[0] - shifted[1]))
    height = int(np.linalg.norm(shifted[0] - shifted[3]))
    corners = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    return corners, shifted


def map_back(quad: np.ndarray, boxes: list[list[list[float]]]) -> list[list[list[int]]]:
    """Boxes in crop pixels carried to picture pixels (truncated to int, as RapidOCR does)."""
    import cv2

    if not boxes:
        return []
    corners, shifted = crop_frame(quad)
    inverse = np.linalg.inv(cv2.getPerspectiveTransform(shifted, corners))
    points = np.asarray(boxes, dtype=np.float64).reshape(-1, 2)
    homogeneous = np.hstack([points, np.ones((len(points), 1))]) @ inverse.T
    mapped = homogeneous[:, :2] / homogeneous[:, 2:3]
    offset = np.floor(quad.astype(np.float32).min(axis=0)).astype(np.float64)
    out = np.trunc(mapped + offset).astype(int)
    return out.reshape(len(boxes), 4, 2).tolist()


@functools.cache
def fast_calc_class() -> type:
    """RapidOCR's ``CalRecBoxes`` with the per-point mapping replaced (imported lazily)."""
    from rapidocr.cal_rec_boxes.main import CalRecBoxes, Direction

    class FastCharBoxes(CalRecBoxes):
        """``CalRecBoxes`` mapping each line's boxes back with one matrix product."""

        def __call__(
            self, imgs: Any, dt_boxes: Any, rec_res: Any, return_single_char_box: bool = False
        ) -> Any:
            """RapidOCR's steps per line, copying the boxes with list copies, not ``deepcopy``."""
            if rec_res.txts is None or rec_res.word_results is None:
                rec_res.word_results = ()
                return rec_res
            word_results = []
            for idx, (img, box) in enumerate(zip(imgs, dt_boxes, strict=False)):
                if img.size == 0:
                    continue
                h, w = img.shape[:2]
                crop = np.array([[0, 0], [w, 0], [w, h], [0, h]])
                texts, boxes, confs = self.cal_ocr_word_box(
                    rec_res.txts[idx], crop, rec_res.word_results[idx], return_single_char_box
                )
                boxes = self.adjust_box_overlap([[list(p) for p in b] for b in boxes])
                direction = self.get_box_direction(box)
                boxes = self.reverse_rotate_crop_image(np.array(box), boxes, direction)
                word_results.append(list(zip(texts, confs, boxes, strict=False)))
            rec_res.word_results = tuple(word_results)
            return rec_res

        def reverse_rotate_crop_image(
            self, bbox_points: np.ndarray, word_points_list: Any, direction: Any
        ) -> Any:
            """Boxes in crop pixels → picture pixels (horizontal lines vectorised)."""
            if direction != Direction.HORIZONTAL:
                return super().reverse_rotate_crop_image(bbox_points, word_points_list, direction)
            return map_back(np.asarray(bbox_points), word_points_list)

    return FastCharBoxes


def install(ocr: Any) -> None:
    """Make a RapidOCR instance compute word boxes with :func:`fast_calc_class`."""
    cls = fast_calc_class()
    if not isinstance(ocr.cal_rec_boxes, cls):
        ocr.cal_rec_boxes = cls()
