"""Box arithmetic on numpy arrays agrees with the one-box forms of geometry."""

from __future__ import annotations

import numpy as np

from checkup2action.boxarrays import areas, shared_areas
from checkup2action.geometry import area, intersection

BOXES = [(0.0, 0.0, 10.0, 4.0), (5.0, 2.0, 20.0, 9.0), (30.0, 30.0, 30.0, 40.0), (8, 1, 6, 3)]


def test_areas_match_the_one_box_form() -> None:
    assert areas(np.array(BOXES)).tolist() == [area(b) for b in BOXES]


def test_shared_areas_broadcast_every_pair() -> None:
    array = np.array(BOXES)
    shared = shared_areas(array[:, None, :], array[None, :, :])
    assert shared.shape == (4, 4)
    assert shared.tolist() == [[intersection(a, b) for b in BOXES] for a in BOXES]
