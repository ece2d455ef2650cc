"""Scoring findings, summary items and sections against a real document's hand labels."""

from checkup2action.evaluation.labels import DocumentLabel
from checkup2action.evaluation.narrative import narrative_counts

SOURCE = {"repo": "o/r", "commit": "0" * 40, "path": "a.pdf", "sha256": "0" * 64}


def _label(**extra) -> DocumentLabel:
    return DocumentLabel.model_validate(
        {"source": SOURCE, "language": "zh", "kind": "photo", "results": [], **extra}
    )


PROV = [{"page": 2}]


def test_unlabelled_documents_are_not_counted():
    assert narrative_counts(_label(), {"findings": []}) == {}


def test_findings_summary_and_sections_are_matched_by_page_category_and_pieces():
    lab = _label(
        sections_labelled=True,
        findings=[{"page": 2, "category": "ecg", "modality": "ecg", "contains": ["窦性心律", "正常 心电图"]},
                  {"page": 2, "category": "imaging", "contains": ["脂肪肝"]}],
        summary=[{"page": 2, "contains": "低脂饮食"}, {"page": 2, "contains": "No acute disease"}],
        sections=[{"page": 2, "title": "内科"}, {"page": 3, "title": "心电图"}],
    )  # fmt: skip
    report = {
        "findings": [
            {"category": "ecg", "heading": "心电图", "text": None,
             "impression": "窦性心律\n正常心电图", "provenance": PROV},
            {"category": "physical_exam", "text": "脂肪肝", "provenance": PROV},
            {"category": "imaging", "text": "x", "impression": "No acute\ndisease.", "provenance": PROV},
        ],
        "summary": [{"kind": "advice", "text": "1. 建议低脂饮食", "provenance": PROV}],
        "sections": [{"title": "·内科", "page_start": 2, "page_end": 2},
                     {"title": "心电图", "page_start": 2, "page_end": 2}],
    }  # fmt: skip
    counts = narrative_counts(lab, report)
    assert counts["findings"] == (1, 2, 3)  # the fatty liver is no physical exam
    assert counts["summary"] == (2, 2, 1)  # the second one from an imaging impression
    assert counts["sections"] == (1, 2, 2)  # 心电图 starts on page 2, not 3
