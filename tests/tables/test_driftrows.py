"""Rows of a curled sheet: names paired with the value and range columns in order."""

from __future__ import annotations

from checkup2action.layout.lines import cluster_lines
from checkup2action.tables.driftrows import drift_lines, read_drifting
from checkup2action.tables.linereader import record_row
from checkup2action.tables.roles import Role
from tests.tables.test_listitems import words_at

NAMES = ["Haemoglobin", "Neutrophils", "Lymphocytes", "Monocytes", "RBC Count", "PCV/HCT",
         "MCV", "MCH"]  # fmt: skip
VALUES = ["13.9 g/dL", "57 %", "34 %", "05 %", "4.91", "42.5 %", "86.6 fL", "28.3 pg"]
RANGES = ["14 - 17", "50 - 70", "20 - 45", "2 - 10", "4.50 - 6.50", "41 - 53", "83 - 99", "27 - 32"]


def curled_page(pitch_names: float = 16.0, pitch_values: float = 14.5) -> list:
    """Names down the left at one pitch, values and ranges at a tighter one: by the last row the
    value beside a name is the next row's."""
    words = []
    for i, (name, value, rng) in enumerate(zip(NAMES, VALUES, RANGES, strict=True)):
        words += words_at(name, 20, 100 + i * pitch_names)
        words += words_at(value, 200, 97 + i * pitch_values)
        words += words_at(rng, 300, 96 + i * pitch_values)
    return cluster_lines(words)


def test_a_curled_sheet_pairs_each_name_with_its_own_value() -> None:
    lines = curled_page()
    rebuilt = drift_lines(lines)
    assert [ln.segments[0].text for ln in rebuilt] == NAMES
    rows = [record_row(r, 1) for r in read_drifting(lines)]
    got = {row.text(Role.NAME): (row.text(Role.VALUE), row.text(Role.RANGE)) for row in rows}
    assert got["MCV"] == ("86.6", "83 - 99") and got["MCH"] == ("28.3", "27 - 32")
    assert got["PCV/HCT"] == ("42.5", "41 - 53")  # a name that looks like a unit


def test_a_straight_sheet_reads_as_before() -> None:
    lines = curled_page(pitch_values=16.0)
    rows = [record_row(r, 1) for r in read_drifting(lines)]
    assert [row.text(Role.VALUE) for row in rows] == [v.split()[0] for v in VALUES]


def test_row_numbers_beside_some_names_and_rows_without_a_range() -> None:
    """A row number OCR set in a name's segment does not move that name out of the names'
    column, and a range goes with the value beside it though rows without one come between."""
    words = []
    for i, (name, value, rng) in enumerate(zip(NAMES, VALUES, RANGES, strict=True)):
        if i < 4:
            words += words_at(f"{i + 1}", 4, 100 + i * 16.0)  # the number on a line of its own
        else:
            words += words_at(f"{i + 1}", 4, 100 + i * 16.0 + 0.5)  # set in the name's segment
        words += words_at(name, 14, 100 + i * 16.0)
        words += words_at(value, 200, 97 + i * 14.5)
        if i not in (5, 6):  # two rows print no range
            words += words_at(rng, 300, 95 + i * 14.5)
    rebuilt = drift_lines(cluster_lines(words))
    texts = [" ".join(w.text for w in ln.words) for ln in rebuilt]
    assert len(rebuilt) == len(NAMES)
    assert texts[4].startswith("RBC Count 4.91") and texts[4].endswith("4.50 - 6.50")
    assert texts[7] == "MCH 28.3 pg 27 - 32" and "41 - 53" not in texts[5]


def test_lines_cut_into_pieces_are_cut_in_both_readings() -> None:
    """A pair of values on one line (``시력(좌우) 0.9 / 1.0``) is cut into one line per result
    whichever reading wins; the columns are found on the lines as printed."""
    from checkup2action.tables.pairs import paired_lines

    words = []
    for i, (name, value, rng) in enumerate(zip(NAMES, VALUES, RANGES, strict=True)):
        words += words_at(name, 20, 100 + i * 16.0)
        words += words_at(value, 200, 97 + i * 14.5)
        words += words_at(rng, 300, 96 + i * 14.5)
    words += words_at("Vision (L/R)", 20, 100 + len(NAMES) * 16.0)
    words += words_at("0.9 /1.0", 200, 97 + len(NAMES) * 14.5)
    records = read_drifting(cluster_lines(words), pieces=paired_lines)
    got = {record_row(r, 1).text(Role.NAME): record_row(r, 1).text(Role.VALUE) for r in records}
    assert got["Vision (L)"] == "0.9" and got["Vision (R)"] == "1.0"
    assert got["MCH"] == "28.3"  # the curled sheet still reads by its columns
