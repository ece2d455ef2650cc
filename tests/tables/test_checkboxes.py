"""Answers ticked on a form: the line cut to the test's name and the ticked option."""

from __future__ import annotations

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine, split_segments
from checkup2action.tables.checkboxes import ticked_lines


def cells(*pieces: tuple[str, float]) -> list[str]:
    """The segments of the line ticked_lines gives for these (text, x0) pieces, one segment
    each (words of a piece 2 points apart, pieces far apart)."""
    words = []
    for text, x0 in pieces:
        x = x0
        for part in text.split(" "):
            words.append(Word(part, x, 10.0, x + 8 * len(part), 20.0, 1, size=10.0))
            x += 8 * len(part) + 2
    line = TextLine(words=words, segments=split_segments(words))
    (out,) = ticked_lines(line)
    return [s.text for s in out.segments]


def test_the_one_option_without_an_empty_box_is_the_answer() -> None:
    first = cells(
        ("요검사", 0), ("요단백", 60), ("정상", 130), ("O 경계", 200), ("Ol 단백뇨 의심", 280)
    )
    assert first == ["요검사", "요단백", "정상"]
    middle = cells(("Urine protein", 0), ("□ Normal", 150), ("Borderline", 250), ("□ High", 350))
    assert middle == ["Urine protein", "Borderline"]
    last = cells(("Chest X-ray", 0), ("ㅁ Normal", 150), ("ㅁ Old scar", 250), ("Other", 350))
    assert last == ["Chest X-ray", "Other"]


def test_a_filled_box_marks_the_answer() -> None:
    assert cells(("Hearing", 0), ("□ Normal", 100), ("■Reduced", 200), ("□ Other", 300)) == [
        "Hearing",
        "Reduced",
    ]


def test_lines_whose_answer_cannot_be_told_stay_whole() -> None:
    both_sides = [("Urine protein", 0), ("Normal", 150), ("□ Borderline", 250), ("High", 350)]
    assert cells(*both_sides) == ["Urine protein", "Normal", "□ Borderline", "High"]
    digits = [("13-16.5", 0), ("Normal", 100), ("ㅁ Other", 200)]  # a range's leftover
    assert cells(*digits) == ["13-16.5", "Normal", "ㅁ Other"]
    no_name = [("Normal", 0), ("ㅁ Other", 100), ("ㅁ High", 200)]
    assert cells(*no_name) == ["Normal", "ㅁ Other", "ㅁ High"]
    plain = [("Glucose", 0), ("5.4", 100), ("mmol/L", 200), ("3.9-6.1", 300)]
    assert cells(*plain) == ["Glucose", "5.4", "mmol/L", "3.9-6.1"]
    blood_group = [("ABO group", 0), ("O Positive", 100), ("Rh", 200)]  # one O, no row of boxes
    assert cells(*blood_group) == ["ABO group", "O Positive", "Rh"]
