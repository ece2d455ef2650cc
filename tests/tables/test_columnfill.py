"""Lines of bare numbers read by the columns that the table's other lines fill (made-up values)."""

from __future__ import annotations

from itertools import pairwise

from checkup2action.tables.columnfill import Column, table_columns
from checkup2action.tables.linereader import line_records
from checkup2action.tables.roles import Role
from tests.tables.test_linereader import cells, page_lines

#: A differential printing share, count and their references on each line.
DIFFERENTIAL = [
    [("Segmented", 10), ("55", 150), ("3.300", 220), ("40 a 70", 300), ("1.800 a 7.000", 400)],
    [("Eosinophils", 10), ("3", 150), ("180", 220), ("1 a 5", 300), ("40 a 400", 400)],
    [("Lymphocytes", 10), ("35", 150), ("2.100", 220), ("20 a 45", 300), ("1.000 a 3.000", 400)],
    [("Monocytes", 10), ("7", 150), ("420", 220), ("2 a 9", 300), ("200 a 900", 400)],
]


def test_four_lone_numbers_are_two_values_and_their_one_number_references() -> None:
    lines = page_lines(*DIFFERENTIAL, [("Myelocytes", 10), ("0", 152), ("0", 225), ("0", 305),
                                       ("0", 410)])  # fmt: skip
    recs = [cells(r) for r in line_records(lines) if cells(r)["name"] == "Myelocytes"]
    assert recs == [
        {"name": "Myelocytes", "value": "0", "range": "0"},
        {"name": "Myelocytes", "value": "0", "range": "0"},
    ]


def test_a_lone_number_in_the_counts_reference_column_after_the_counts_unit() -> None:
    rows = [
        [("Segmented", 10), ("52,0", 130), ("%", 160), ("3.900", 210), ("/mm3", 245),
         ("1.800 a 7.000", 300), ("/mm3", 380)],
        [("Basophils", 10), ("1,0", 130), ("%", 160), ("70", 230), ("/mm3", 245),
         ("0 a 200", 300), ("/mm3", 380)],
        [("Monocytes", 10), ("6,0", 130), ("%", 160), ("450", 225), ("/mm3", 245),
         ("100 a 1.000", 300), ("/mm3", 380)],
        [("Myelocytes", 10), ("0,0", 130), ("%", 160), ("0", 230), ("/mm3", 245),
         ("0", 302), ("/mm3", 320)],
    ]  # fmt: skip
    recs = [cells(r) for r in line_records(page_lines(*rows)) if cells(r)["name"] == "Myelocytes"]
    assert {"name": "Myelocytes", "value": "0", "unit": "/mm3", "range": "0"} in recs
    assert {"name": "Myelocytes", "value": "0,0", "unit": "%"} in recs


def test_a_lone_number_outside_every_column_leaves_the_line_as_read() -> None:
    lines = page_lines(*DIFFERENTIAL, [("Myelocytes", 10), ("0", 152), ("0", 225), ("0", 305),
                                       ("0", 520)])  # fmt: skip
    recs = [cells(r) for r in line_records(lines) if cells(r)["name"] == "Myelocytes"]
    assert recs == [{"name": "Myelocytes", "value": "0", "range": "0 0"}]


def test_a_line_with_a_word_is_left_to_the_content_parse() -> None:
    lines = page_lines(*DIFFERENTIAL, [("Myelocytes", 10), ("0", 152), ("absent", 225),
                                       ("0", 305)])  # fmt: skip
    recs = [cells(r) for r in line_records(lines) if cells(r)["name"] == "Myelocytes"]
    assert all(r.get("range") != "0" for r in recs)


def test_columns_need_three_lines_and_must_not_overlap() -> None:
    recs = line_records(page_lines(*DIFFERENTIAL[:2]))
    assert table_columns(recs) == {}
    columns = table_columns(line_records(page_lines(*DIFFERENTIAL)))
    assert set(columns) == {"value", "range", "value2", "range2"}
    spans = sorted(columns.values(), key=lambda c: c.x0)
    assert all(a.x1 < b.x0 for a, b in pairwise(spans))


def test_a_column_holds_a_token_by_its_centre() -> None:
    (rec,) = line_records(page_lines([("Glucose", 10), ("5.1", 150), ("3.9-6.1", 200)]))
    value = rec.cells[Role.VALUE]
    centre = (value.x0 + value.x1) / 2
    assert Column(centre - 1, centre + 1).holds(value)
    assert not Column(value.x0 - 50, centre - 1).holds(value)


def test_a_bound_after_the_shares_range_is_the_counts_reference() -> None:
    lines = page_lines(
        [("Band cells", 10), ("1", 150), ("60", 220), ("0 a 5", 300), ("até 500", 400)]
    )
    recs = [cells(r) for r in line_records(lines)]
    assert {"name": "Band cells", "value": "60", "range": "até 500"} in recs
