"""Generated examinations and summaries: their truth, and the pipeline reading them back."""

import json

import pytest

from checkup2action.pipeline import ingest
from checkup2action.samples.generator import generate
from checkup2action.samples.narrative_scoring import score_narrative, squeeze


@pytest.mark.parametrize(("family", "seed"), [("zh_checkup_multi", 3), ("en_india_ruled", 4)])
def test_families_print_findings_summary_and_sections_and_the_pipeline_reads_them(
    family, seed, tmp_path
):
    gen = generate(family, seed)
    truth = gen.truth
    categories = {f["category"] for f in truth["findings"]}
    assert categories == {"physical_exam", "ecg", "imaging"}
    assert {s["kind"] for s in truth["summary"]} >= {"advice"}
    assert {s["kind"] for s in truth["sections"]} >= {"laboratory", "ecg", "imaging", "summary"}
    ecg = next(f for f in truth["findings"] if f["category"] == "ecg")
    assert any(v["code"] == "pulse" and v["value"] == ecg["measurements"]["heart_rate"]
               for v in truth["vitals"])  # fmt: skip
    report = json.loads(ingest(gen.write(tmp_path)).to_json())
    tally = score_narrative(truth, report, gen.stem)
    assert tally.misses == []
    assert all(rate == 1.0 for rate in tally.rates().values())


def test_exams_leave_the_lab_results_as_they_were():
    """The examinations draw from their own random stream: results do not move."""
    truth = generate("en_india_ruled", 4).truth
    assert truth["lab_results"][0]["page"] == 1
    assert len({r["page"] for r in truth["lab_results"]}) < truth["page_count"]


def test_scoring_counts_a_wrong_split_as_a_miss():
    prov = [{"page": 1}]
    truth = {
        "findings": [{"page": 1, "category": "imaging", "modality": "x_ray",
                      "text": "Clear lungs.", "impression": "Normal"}],
        "summary": [{"page": 1, "kind": "advice", "text": "1. Walk daily."}],
    }  # fmt: skip
    report = {
        "findings": [{"category": "imaging", "modality": "x_ray", "text": "Clear lungs.\nNormal",
                      "impression": None, "provenance": prov}],
        "summary": [{"kind": "advice", "text": "1. Walk\ndaily.", "provenance": prov}],
        "sections": [{"title": "X-Ray", "page_start": 1}],
    }  # fmt: skip
    tally = score_narrative(truth, report)
    assert tally.counts["findings"] == {"truth": 1, "pred": 1, "matched": 0}
    assert tally.counts["summary"] == {"truth": 1, "pred": 1, "matched": 1}
    assert tally.counts["sections"] == {"truth": 0, "pred": 0, "matched": 0}  # not in the truth
    assert squeeze("a b\nc") == "abc"
