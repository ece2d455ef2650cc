"""Two results printed on one line as a pair of values."""

from __future__ import annotations

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine, split_segments
from checkup2action.tables.pairs import paired_lines


def w(text: str, x0: float, x1: float) -> Word:
    """A word on the line at y 10-20."""
    return Word(text, x0, 10.0, x1, 20.0, 1, size=10.0)


def texts(words: list[Word]) -> list[str]:
    """The texts of the pieces."""
    line = TextLine(words=words, segments=split_segments(words))
    return [" ".join(x.text for x in piece.words) for piece in paired_lines(line)]


def test_two_names_joined_by_a_conjunction_take_a_value_each() -> None:
    words = [w("키(cm)", 10, 40), w("및", 42, 50), w("몸무게(kg)", 52, 90)]
    words += [w("170", 120, 136), w("cm", 138, 150), w("/", 160, 164)]
    words += [w("64.5", 170, 190), w("kg", 192, 204)]
    assert texts(words) == ["키(cm) 170 cm", "몸무게(kg) 64.5 kg"]
    english = [w("Height", 10, 40), w("and", 42, 58), w("weight", 60, 90), w("170", 120, 136)]
    english += [w("cm", 138, 150), w("65", 170, 180), w("kg", 182, 194)]  # no slash: two units
    assert texts(english) == ["Height 170 cm", "weight 65 kg"]


def test_a_name_glossed_with_two_sides() -> None:
    words = [w("시력(좌우)", 10, 60), w("0.8", 80, 95), w("/1.0", 96, 115)]
    assert texts(words) == ["시력(좌) 0.8", "시력(우) 1.0"]
    words = [w("Vision", 10, 40), w("(L/R)", 42, 62), w("0.8/1.0", 80, 115)]
    assert texts(words) == ["Vision (L) 0.8", "Vision (R) 1.0"]


def test_a_blood_pressure_gives_the_systolic_and_the_diastolic_pressure() -> None:
    words = [w("Blood", 10, 35), w("pressure", 37, 75), w("128/", 90, 110), w("86", 112, 122)]
    words += [w("mmHg", 126, 150)]
    assert texts(words) == ["Blood pressure (SBP) 128 mmHg", "Blood pressure (DBP) 86 mmHg"]
    alone = [w("119/", 90, 110), w("77", 112, 122), w("mmHg", 126, 150)]  # name on another line
    assert texts(alone) == ["SBP 119 mmHg", "DBP 77 mmHg"]


def test_lines_that_print_no_pair_of_results_stay_whole() -> None:
    assert texts([w("CLASS", 10, 40), w("0/1", 80, 95)]) == ["CLASS 0/1"]  # no pair named
    date = [w("Vision", 10, 40), w("(L/R)", 42, 62), w("29/08/08", 80, 120)]
    assert texts(date) == ["Vision (L/R) 29/08/08"]  # a date is no pair of values
    low_first = [w("BP", 10, 25), w("70/120", 80, 110), w("mmHg", 112, 135)]
    assert texts(low_first) == ["BP 70/120 mmHg"]  # the systolic pressure is the higher one
    after = [w("Urate", 10, 40), w("349", 60, 75), w("and", 80, 95), w("x", 100, 105)]
    after += [w("29/08", 120, 150)]
    assert texts(after) == ["Urate 349 and x 29/08"]  # a value before the pair: not the row's


def test_a_field_label_with_a_colon_is_left_to_the_vitals() -> None:
    field = [w("BP:", 10, 30), w("128/86", 90, 120), w("mmHg", 126, 150)]
    assert texts(field) == ["BP: 128/86 mmHg"]
