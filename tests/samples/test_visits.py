"""Reports with one result column per visit: the truth of earlier results, and a round trip
through the pipeline that reads them back (values, dates, newest first)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from checkup2action.pipeline import ingest
from checkup2action.samples.families.visits import visit_rng
from checkup2action.samples.generator import generate
from checkup2action.samples.scoring import match_rows, same_history, score_document, truth_history

# (family, seed, header style): seeds whose visit generator chose visit columns
ROUND_TRIPS = [
    ("zh_checkup_multi", 4, "bare ISO dates, three earlier visits"),
    ("zh_checkup_multi", 41, "bare y年m月d日 dates"),
    ("zh_checkup_multi", 46, "本次 y.m.d | 上次 y.m.d | y.m.d"),
    ("zh_checkup_multi", 9, "本次结果 上次结果 前次结果, dates on a second header line"),
    ("en_us_lab", 16, "Current dd-Mon-yyyy | Prior dd-Mon-yyyy | dd-Mon-yyyy"),
    ("en_us_lab", 13, "bare ISO dates, three earlier visits"),
]


@cache
def report(family: str, seed: int):
    return generate(family, seed)


@pytest.mark.parametrize(("family", "seed", "style"), ROUND_TRIPS)
def test_truth_of_a_visit_column_report(family, seed, style):
    truth = report(family, seed).truth
    exam = date.fromisoformat(truth["patient"]["exam_date"])
    rows = truth["lab_results"]
    assert all("history" in row for row in rows)
    assert sum(len(row["history"]) for row in rows) >= len(rows)  # most rows have 2-3 visits
    for row in rows:
        dates = [date.fromisoformat(e["date"]) for e in row["history"]]
        assert dates == sorted(dates, reverse=True) and all(d < exam for d in dates)
        newest = row["history"][0] if row["history"] else {}
        assert row["previous_value"] == newest.get("value")
        assert row["previous_date"] == newest.get("date")


def test_reports_without_visit_columns_have_no_history_in_their_truth():
    seed = next(s for s in range(20) if visit_rng("en_us_lab", s).random() >= 0.3)
    assert not any("history" in row for row in report("en_us_lab", seed).truth["lab_results"])


@pytest.mark.parametrize(("family", "seed", "style"), ROUND_TRIPS)
def test_visit_columns_are_read_back(family, seed, style, tmp_path):
    gen = report(family, seed)
    path = tmp_path / f"{gen.stem}.pdf"
    path.write_bytes(gen.pdf)
    got = ingest(path).model_dump(mode="json")
    summary = score_document(gen.truth, got, path.name).summary()
    assert summary["recall"] == summary["precision"] == 1.0
    assert summary["history"] == summary["value"] == 1.0
    for truth, pred in match_rows(gen.truth["lab_results"], got["lab_results"]):
        printed = [(e["value_raw"], e["value"], e["date"]) for e in truth["history"]]
        assert [(e["value_raw"], e["value"], e["date"]) for e in pred["history"]] == printed
        assert pred["previous_date"] == truth["previous_date"]


def test_history_scoring():
    previous_only = {"previous_value_raw": "1.8", "previous_value": 1.8, "previous_date": None}
    assert truth_history(previous_only) == [{"value": 1.8, "date": None}]
    assert truth_history({"previous_value_raw": None}) == []
    earlier = [{"value": 1.8, "date": "2024-03-08"}, {"value": 1.5, "date": "2023-02-27"}]
    assert same_history(earlier, [dict(e, header="x") for e in earlier])
    assert not same_history(earlier, earlier[::-1])
    assert not same_history(earlier, earlier[:1])
