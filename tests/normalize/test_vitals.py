"""Vital signs and body measurements read from lines (table rows, patient fields, sentences)."""

import pytest

from checkup2action.ingestion.document import Word
from checkup2action.layout import cluster_lines
from checkup2action.normalize.vitals import line_vitals, vitals_from_lines


def _line(text: str, page: int = 1):
    """One text line whose segments (two spaces apart in ``text``) stand 30 points apart."""
    words, x = [], 10.0
    for segment in text.split("  "):
        for w in segment.split(" "):
            words.append(Word(w, x, 100, x + 6 * len(w), 110, page))
            x += 6 * len(w) + 4
        x += 30
    (line,) = cluster_lines(words)
    return line


def _read(text: str) -> list[tuple]:
    return [
        (v["code"], v["value"], v["unit"], v["flag"], v["flag_source"])
        for v in line_vitals(_line(text), 1)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("身高  177.5  cm", [("height", 177.5, "cm", None, None)]),
        ("体重指数  23.3  18.5 -- 23.99", [("bmi", 23.3, "kg/m2", "N", "printed_range")]),
        ("收缩压  145  mmHg  90 -- 139", [("systolic_bp", 145.0, "mm[Hg]", "H", "printed_range")]),
        ("心率（次/分）  56  次/分", [("pulse", 56.0, "/min", "L", "guideline")]),
        ("Weight: 154 lb", [("weight", 69.85, "kg", None, None)]),
        ("Temperature: 36,8 °C", [("temperature", 36.8, "Cel", "N", "guideline")]),
        (
            "BP: 128/86 mmHg  Pulse: 72 bpm",
            [
                ("systolic_bp", 128.0, "mm[Hg]", "N", "guideline"),
                ("diastolic_bp", 86.0, "mm[Hg]", "N", "guideline"),
                ("pulse", 72.0, "/min", "N", "guideline"),
            ],
        ),
    ],
)
def test_vitals_as_printed(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "healthy nonobese males (BMI  <30) between 19 and 39",  # no number after the label
        "Height 5.8 ft",  # a unit the vital does not take: not read rather than misread
        "体重  730  kg",  # outside plausible limits
        "for high blood pressure  see your doctor",
        "红细胞压积  0.458(0.4-0.5)",  # a lab test whose name holds 压
    ],
)
def test_what_is_not_a_vital(text):
    assert _read(text) == []


def test_a_vital_repeated_on_every_page_is_read_once_with_its_box():
    pages = {1: [_line("BP: 120/80 mmHg")], 2: [_line("BP: 120/80 mmHg", page=2)]}
    vitals = vitals_from_lines(pages)
    assert [(v.id, v.code, v.loinc) for v in vitals] == [
        ("v0001", "systolic_bp", "8480-6"), ("v0002", "diastolic_bp", "8462-4"),
    ]  # fmt: skip
    box = vitals[0].provenance[0].bbox
    assert (box.x0, box.top, box.x1, box.bottom) == (10.0, 100.0, 96.0, 110.0)  # BP: … mmHg
