"""Range and unit columns read a row off, moved back to their rows by what their cells say."""

from __future__ import annotations

import pytest

from checkup2action.ingestion.document import Word
from checkup2action.tables.model import RawRow
from checkup2action.tables.realign import realign_columns
from checkup2action.tables.roles import Role

PITCH = 20.0  # points between rows
X = {Role.NAME: 50.0, Role.VALUE: 200.0, Role.FLAG: 250.0, Role.RANGE: 300.0, Role.UNIT: 400.0}


def word(text: str, role: Role, y: float, confidence: float | None = 0.9) -> Word:
    """A word of a cell, its top at ``y``."""
    x = X[role]
    return Word(text, x, y, x + 8 * len(text), y + 12, 1, confidence=confidence)


def rows_from(table: list[tuple], shift: int = 1, confidence: float | None = 0.9) -> list[RawRow]:
    """Rows (name, value, flag, range, unit) whose range and unit cells were each given to the
    row ``shift`` below theirs, as grouping a slip printed a row low does."""
    out = []
    for i, (name, value, flag, *_) in enumerate(table):
        y = i * PITCH
        cells = {Role.NAME: [word(name, Role.NAME, y, confidence)]}
        cells[Role.VALUE] = [word(value, Role.VALUE, y, confidence)]
        if flag:
            cells[Role.FLAG] = [word(flag, Role.FLAG, y, confidence)]
        source = i - shift
        if 0 <= source < len(table):
            rng, unit = table[source][3], table[source][4]
            cells[Role.RANGE] = [word(rng, Role.RANGE, y - 0.6 * PITCH * shift, confidence)]
            cells[Role.UNIT] = [word(unit, Role.UNIT, y - 0.6 * PITCH * shift, confidence)]
        out.append(RawRow(page=1, cells=cells))
    return out


CBC = [
    ("WBC", "14.68", "↑", "3.5-9.5", "10^9/L"),
    ("NEU#", "10.61", "↑", "1.8-6.3", "10^9/L"),
    ("LYM#", "2.40", "", "1.1-3.2", "10^9/L"),
    ("MON#", "0.85", "↑", "0.1-0.6", "10^9/L"),
    ("EOS#", "0.74", "↑", "0.02-0.52", "10^9/L"),
    ("BAS#", "0.08", "↑", "0-0.06", "10^9/L"),
    ("NEU%", "72.40", "", "40-75", "%"),
]


def texts(rows: list[RawRow], role: Role) -> list[str]:
    """Each row's text of one cell."""
    return [r.text(role) for r in rows]


def test_a_range_column_a_row_low_goes_back_to_its_rows_by_the_flags() -> None:
    rows = rows_from(CBC)
    realign_columns(rows)
    assert texts(rows, Role.RANGE) == [t[3] for t in CBC[:-1]] + [""]
    assert texts(rows, Role.UNIT) == [t[4] for t in CBC[:-1]] + [""]  # the units follow


LOW_AND_HIGH = [
    ("WBC", "3.2", "↓", "3.5-9.5", "10^9/L"),
    ("NEU#", "7.1", "↑", "1.8-6.3", "10^9/L"),
    ("LYM#", "0.9", "↓", "1.1-3.2", "10^9/L"),
    ("MON#", "0.85", "↑", "0.1-0.6", "10^9/L"),
    ("EOS#", "0.01", "↓", "0.02-0.52", "10^9/L"),
    ("BAS#", "0.08", "↑", "0-0.06", "10^9/L"),
    ("NEU%", "72.40", "", "40-75", "%"),
]


def test_a_range_column_a_row_high_goes_back_too() -> None:
    rows = rows_from(LOW_AND_HIGH, shift=-1)
    realign_columns(rows)
    assert texts(rows, Role.RANGE) == [""] + [t[3] for t in LOW_AND_HIGH[1:]]


MOSTLY_NORMAL = [  # made up: two flags printed, the other rows normal
    ("WBC", "11.2", "↑", "4.0-10.0", "10^9/L"),
    ("RBC", "4.9", "", "4.2-5.6", "10^12/L"),
    ("HGB", "145", "", "130-175", "g/L"),
    ("HCT", "0.43", "", "0.40-0.50", "L/L"),
    ("MCV", "88", "", "80-100", "fL"),
    ("MCH", "25.0", "↓", "27-34", "pg"),
    ("PLT", "210", "", "125-350", "10^9/L"),
    ("MPV", "10.1", "", "7.4-12.5", "fL"),
]


def test_on_a_table_that_prints_flags_a_row_without_one_is_read_as_normal() -> None:
    # the two flags alone cannot tell (the MCH row's flag agrees with either range); the rows
    # printed without a flag, inside their own ranges and outside their neighbours', can
    rows = rows_from(MOSTLY_NORMAL)
    realign_columns(rows)
    assert texts(rows, Role.RANGE) == [t[3] for t in MOSTLY_NORMAL[:-1]] + [""]


def test_without_printed_flags_a_missing_flag_says_nothing() -> None:
    table = [(name, value, "", rng, unit) for name, value, _, rng, unit in MOSTLY_NORMAL]
    rows = rows_from(table)
    realign_columns(rows)
    assert texts(rows, Role.RANGE) == [""] + [t[3] for t in table[:-1]]  # left as read


def test_a_text_layer_is_never_realigned() -> None:
    rows = rows_from(CBC, confidence=None)
    realign_columns(rows)
    assert texts(rows, Role.RANGE)[0] == ""  # a text layer's rows are straight by construction


def test_units_alone_move_when_they_fit_their_tests_clearly_better() -> None:
    table = [
        ("白细胞", "5.8", "", "", "10^9/L"),
        ("中性粒细胞比率", "72.9", "", "", "%"),
        ("血小板计数", "186", "", "", "10^9/L"),
        ("平均血小板体积", "9.2", "", "", "fL"),
        ("血红蛋白", "153", "", "", "g/L"),
    ]
    rows = rows_from(table)
    for row in rows:
        row.cells.pop(Role.RANGE, None)
    realign_columns(rows)
    assert texts(rows, Role.UNIT) == [t[4] for t in table[:-1]] + [""]


URINE_COUNTS = [  # counts in thousands against 0-25, flagged: whatever the magnitude
    ("RBC", "8336.5", "↑", "0-25", "/uL"),
    ("WBC", "9518.3", "↑", "0-30", "/uL"),
    ("EC", "233.2", "↑", "0-9", "/uL"),
    ("CAST", "0.24", "", "0-1", "/uL"),
]
RENAL = [  # a failing kidney's results with no flag read: far off their ranges
    ("CREATININA", "4.75", "", "0.17 - 0.47", "mg/dL"),
    ("NITROGENO UREICO", "100.1", "", "5.0 - 25.0", "mg/dL"),
    ("UREA", "214", "", "11 - 54", "mg/dL"),
    ("LDH", "6681", "", "120 - 300", "U/L"),
    ("PROTEINA C REACTIVA", "98.09", "", "Hasta 5.00", "mg/L"),
]
SHARES = [  # Basophils in % is a percentage, in /uL a count: both fit
    ("Basophils", "0.2", "", "", "%"),
    ("Eosinophils", "1.1", "", "", "%"),
    ("Monocytes", "6", "", "", "%"),
    ("Total WBC Count", "9200", "", "", "/uL"),
]
GIGA_LOWER_CASE = [  # G/l, giga per litre, read lower case, still fits a count
    ("Leukozyten", "6.1", "", "", "g/l"),
    ("Segmentkernige%", "55", "", "", "%"),
    ("Segmentkernige", "3.4", "", "", "g/l"),
    ("Lymphozyten%", "30", "", "", "%"),
    ("Lymphozyten", "1.8", "", "", "g/l"),
]


@pytest.mark.parametrize(
    "table",
    [CBC, URINE_COUNTS, RENAL, SHARES, GIGA_LOWER_CASE],
    ids=["cbc", "urine-counts", "renal", "shares", "giga-lower-case"],
)
def test_rows_in_place_stay(table: list[tuple]) -> None:
    rows = rows_from(table, shift=0)
    realign_columns(rows)
    assert texts(rows, Role.RANGE) == [t[3] for t in table]
    assert texts(rows, Role.UNIT) == [t[4] for t in table]
