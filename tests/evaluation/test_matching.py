"""Tests of the real-report scorer: loose names, values read either way, flags by direction."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from checkup2action.evaluation.labels import DocumentLabel, load_labels
from checkup2action.evaluation.matching import (
    Totals,
    flag_direction,
    names_agree,
    number_readings,
    ranges_agree,
    score_document,
    units_agree,
    values_agree,
)

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "bench" / "realworld" / "labels"


def pred(name: str, value_raw: str, value: float | None = None, **extra: object) -> dict:
    """A predicted result as the report JSON holds it, on page 1."""
    return {
        "name_raw": name,
        "value_raw": value_raw,
        "value": value,
        "provenance": [{"page": 1}],
        **extra,
    }


def label(*rows: tuple[str, str]) -> DocumentLabel:
    """A one-page label with the given (name, value) rows."""
    return label_of([{"page": 1, "name": n, "value": v} for n, v in rows])


def label_of(
    results: list[dict], language: str = "en", kind: str = "born_digital_pdf"
) -> DocumentLabel:
    """A label of made-up results (each a label row as the JSON holds it)."""
    return DocumentLabel.model_validate(
        {
            "source": {"repo": "o/r", "commit": "0" * 40, "path": "a.pdf", "sha256": "0" * 64},
            "language": language,
            "kind": kind,
            "results": results,
        }
    )


def test_decimal_comma_reads_either_way() -> None:
    assert number_readings("4,5") == {4.5}  # a thousands mark needs three digits after it
    assert number_readings("4,500") == {4.5, 4500.0}
    assert number_readings("1.234,5") == {1234.5}


@pytest.mark.parametrize(
    ("printed", "value", "comparator", "ok"),
    [
        ("00", 0.0, None, True),
        ("<8", 8.0, "<", True),
        ("<8", 8.0, None, False),
        ("5,2", 5.2, None, True),
        ("5.2", 5.3, None, False),
    ],
)
def test_values(printed: str, value: float, comparator: str | None, ok: bool) -> None:
    assert values_agree(printed, pred("x", printed, value, comparator=comparator)) is ok


def test_qualitative_values_by_meaning() -> None:
    assert values_agree("阴性", pred("x", "阴性(-)", None, value_text="negative"))
    assert values_agree("Negative", pred("x", "NEG", None, value_text="negative"))
    assert not values_agree("Positive", pred("x", "NEG", None, value_text="negative"))


def test_names_loosely() -> None:
    assert names_agree("HEMOGLOBIN (HB)", pred("Hemoglobin(Hb)", "1"), None)
    assert names_agree("Glucose", pred("Glucose 01", "1"), None)
    assert names_agree("Creatinine", pred("Creatlnine", "1"), None)
    assert not names_agree("Sodium", pred("Potassium", "1"), None)
    assert names_agree("Na", pred("Sodium", "1", analyte={"code": "NA"}), lambda n: "NA")
    # OCR drops accents: a name read without them still agrees with the label's
    assert names_agree("IgE Específica para Soja (F14)", pred("IgE Especifica para", "1"), None)


def test_units_ranges_and_flags() -> None:
    assert units_agree("gm/dL", pred("x", "1", unit_raw="gm/dl"))
    assert units_agree("mmol/l", pred("x", "1", unit_raw="mmol/L", unit="mmol/L"))
    assert ranges_agree("13.5 - 18.5", pred("x", "1", reference_range={"text": "13.5-18.5"}))
    assert ranges_agree("4,4 - 11,3", pred("x", "1", reference_range={"text": "4.4-11.3"}))
    assert not ranges_agree("4 - 10", pred("x", "1", reference_range={"text": "4-11"}))
    glued = pred("x", "1", reference_range={"text": "3.69--9.16×10°/L"})
    assert ranges_agree("3.69--9.16", glued)  # the unit's power of ten is no bound
    with_unit = {"text": "4.00--10.00 10^9/L", "low": 4.0, "high": 10.0}
    assert ranges_agree("4.00--10.00", pred("x", "1", reference_range=with_unit))
    assert not ranges_agree("4.00--11.00", pred("x", "1", reference_range=with_unit))
    assert not ranges_agree("3.69--9.16", pred("x", "1", reference_range={"text": "3.69-9.16 10"}))
    assert ranges_agree("0 a 500 /mm3", pred("x", "1", reference_range={"text": "0 a 500"}))
    assert not ranges_agree("0 a 50 /mm3", pred("x", "1", reference_range={"text": "0 a 500"}))
    assert flag_direction("↑") == "H" and flag_direction("*L") == "L"
    assert flag_direction("High") == "H" and flag_direction("+") == "A"
    assert flag_direction(None) is None


def test_document_score_counts_found_missed_and_extra() -> None:
    lab = label(("WBC", "5.2"), ("RBC", "4.1"), ("PLT", "250"))
    report = {
        "lab_results": [
            pred("WBC", "5.2", 5.2),
            pred("RBC", "4.7", 4.7),  # named but the value is wrong
            pred("Junk", "1", 1.0),  # not on the label
        ]
    }
    score = score_document(lab, report)
    totals = Totals.of([score])
    f = totals.figures()
    assert (score.found, score.named, score.preds) == (1, 2, 3)
    assert f["recall"] == pytest.approx(1 / 3) and f["precision"] == pytest.approx(1 / 3)
    assert f["value"] == pytest.approx(1 / 2)
    assert [p["name_raw"] for p in score.extra] == ["Junk"]


def test_a_share_and_a_count_of_the_same_value_pair_by_unit() -> None:
    lab = label_of(
        [
            {"page": 1, "name": "Basófilos", "value": "0,0", "unit": "%"},
            {"page": 1, "name": "Basófilos", "value": "0", "unit": "/mm3"},
        ],
        language="pt-BR",
        kind="render",
    )
    count = pred("Basófilos", "0", 0.0, unit_raw="/mm3", unit="/uL")
    share = pred("Basófilos", "0,0", 0.0, unit_raw="%", unit="%")
    score = score_document(lab, {"lab_results": [count, share]})
    assert [
        p.pred is not None and units_agree(p.label.unit or "", p.pred) for p in score.pairs
    ] == [
        True,
        True,
    ]


def test_the_share_of_found_results_with_an_analyte_code_is_counted() -> None:
    lab = label(("WBC", "5.2"), ("Odd test", "4.1"))
    report = {
        "lab_results": [
            pred("WBC", "5.2", 5.2, analyte={"code": "WBC", "loinc": "6690-2"}),
            pred("Odd test", "4.1", 4.1, analyte=None),
        ]
    }
    totals = Totals.of([score_document(lab, report)])
    assert totals.figures()["coded"] == pytest.approx(1 / 2)
    assert " coded=0.500 " in totals.line()


def test_empty_report_is_listed() -> None:
    totals = Totals.of([score_document(label(("WBC", "5")), None)])
    assert totals.empty == ["o:a.pdf"] and totals.figures()["recall"] == 0.0


def test_committed_labels_validate_and_are_listed_in_sources() -> None:
    labels = load_labels(LABELS)
    assert len(labels) >= 40
    assert sum(len(lab.results) for lab in labels.values()) >= 900
    with (ROOT / "bench" / "realworld" / "sources.tsv").open(encoding="utf-8") as fh:
        listed = {(r["repo"], r["path"]) for r in csv.DictReader(fh, delimiter="\t")}
    assert {(lab.source.repo, lab.source.path) for lab in labels.values()} == listed


def test_fixture_masking_keeps_labels_and_units_glued_into_one_word() -> None:
    from checkup2action.evaluation.fixtures import mask_pieces

    assert mask_pieces("参考值：208--428μmol/L", frozenset({"208", "428"}), ()) == (
        "参考值：208--428μmol/L"
    )
    assert mask_pieces("姓名：王小明", frozenset(), ()) == "某某：某某某"
    assert mask_pieces("Tel 13812345678", frozenset(), ()) == "Xxx 00000000000"


def test_a_kept_word_must_start_a_word_of_the_label_texts() -> None:
    from checkup2action.evaluation.fixtures import keep_text

    texts = ("kannapenész ige", "leukocytes", "白细胞计数")
    assert not keep_text("Anna", frozenset(), texts)  # a name inside an allergen's name
    assert keep_text("Leukocyte", frozenset(), texts)
    assert keep_text("白细胞", frozenset(), texts)


def test_a_result_word_with_its_index_agrees_on_both() -> None:
    pred = {"value": 0.032, "value_text": "negative", "value_raw": "Am tlnh 0.032"}
    assert values_agree("Âm tính 0.032", pred)
    assert not values_agree("Âm tính 0.032", pred | {"value_text": "positive"})
    assert not values_agree("Âm tính 0.032", pred | {"value": 0.32})


def test_derived_results_and_vitals_are_no_predictions() -> None:
    lab = label(("Cholesterol", "200"), ("BMI", "22.5"))
    report = {
        "lab_results": [
            pred("Cholesterol", "200", 200.0),
            pred("Non-HDL cholesterol (derived)", "150", 150.0, derived=True),
        ],
        "vitals": [{"code": "bmi", "value": 22.5, "provenance": [{"page": 1}], "derived": True}],
    }
    score = score_document(lab, report)
    assert (score.found, score.preds, score.extra) == (1, 1, [])
    assert (score.vitals_found, score.vitals_labelled) == (0, 1)  # a derived BMI was not read
