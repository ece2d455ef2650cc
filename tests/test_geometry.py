"""Rotation frames: a box maps to the unrotated page and back unchanged."""

from hypothesis import given
from hypothesis import strategies as st

from checkup2action.geometry import to_content_frame, to_display_frame

coord = st.floats(min_value=0, max_value=500, allow_nan=False)


@given(coord, coord, coord, coord, st.sampled_from([0, 90, 180, 270]))
def test_round_trip(a, b, c, d, rotation):
    box = (min(a, c), min(b, d), max(a, c), max(b, d))
    width, height = (842.0, 595.0) if rotation in (90, 270) else (595.0, 842.0)
    back = to_display_frame(to_content_frame(box, rotation, width, height), rotation, width, height)
    assert all(abs(x - y) < 1e-9 for x, y in zip(back, box, strict=True))


def test_quarter_turn_moves_the_top_left_to_the_top_right():
    # content top-left corner of a portrait page shown turned clockwise sits at the display top-right
    box = to_content_frame((832.0, 10.0, 842.0, 20.0), 90, 842.0, 595.0)
    assert box == (10.0, 0.0, 20.0, 10.0)
