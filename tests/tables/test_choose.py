"""Choosing between a header table's rows and the line reading of the same page."""

from __future__ import annotations

from checkup2action.tables.choose import TableSpan, choose_rows
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from tests.tables.test_listitems import words_at


def row(top: float, **cells: tuple[str, float]) -> RawRow:
    """A raw row with cells given as role=(text, x)."""
    r = RawRow(page=1)
    for role, (text, x) in cells.items():
        r.cells[Role(role)] = words_at(text, x, top)
    return r


def four_results(pitch: float) -> list[RawRow]:
    """Four made-up chemistry results, one per line, ``pitch`` points apart from y=100."""
    tests = [
        ("Glucose", "5.6", "3.9-6.1"),
        ("Urea", "5.1", "2.5-7.5"),
        ("Sodium", "140", "135-145"),
        ("Potassium", "4.1", "3.5-5.1"),
    ]
    return [
        row(100 + pitch * i, name=(n, 10), value=(v, 100), unit=("mmol/L", 150), range=(r, 200))
        for i, (n, v, r) in enumerate(tests)
    ]


def test_table_rows_stand_and_line_rows_fill_the_rest_of_the_page() -> None:
    table = [row(100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150))]
    same = row(100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150))
    below = row(
        300, name=("Creatinine", 10), value=("80", 100), unit=("umol/L", 150), range=("60-110", 200)
    )
    span = [TableSpan(95.0, 115.0)]
    consumed = set(table[0].words())
    out = choose_rows(table, span, consumed, [same, below])
    assert [r.text(Role.NAME) for r in out] == ["Glucose", "Creatinine"]


def test_a_clearly_better_line_reading_replaces_a_weak_table() -> None:
    weak = [row(100, name=("Glucose 5.6", 10), value=("mmol/L", 150))]
    good = row(
        100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150), range=("3.9-6.1", 200)
    )
    out = choose_rows(weak, [TableSpan(95.0, 115.0)], set(weak[0].words()), [good])
    assert [r.text(Role.VALUE) for r in out] == ["5.6"]


def test_unknown_line_rows_inside_a_table_need_strong_evidence() -> None:
    table = [row(100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150))]
    inside = row(110, name=("Desirable", 10), value=("<200", 100), unit=("mg/dL", 150))
    out = choose_rows(table, [TableSpan(95.0, 130.0)], set(table[0].words()), [inside])
    assert len(out) == 1


def test_a_line_row_inside_a_table_needs_its_value_in_the_value_column() -> None:
    table = [row(100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150))]
    wrapped = row(112, name=("Cholesterol", 10), value=("04", 60))  # a wrapped name's site code
    span = [TableSpan(95.0, 130.0, value_x=(95.0, 120.0))]
    assert len(choose_rows(table, span, set(table[0].words()), [wrapped])) == 1


def test_a_row_read_two_ways_nearly_as_well_is_marked_for_review() -> None:
    table = [row(100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150))]
    other = row(100, name=("Glucose", 10), value=("6.1", 200), unit=("mmol/L", 150))
    other.cells[Role.VALUE] = words_at("6.1", 200, 100)
    table[0].cells[Role.OTHER] = words_at("6.1", 200, 100)  # the table read 6.1 as another cell
    out = choose_rows(table, [TableSpan(95.0, 115.0)], set(table[0].words()), [other])
    assert out[0].ambiguous is not None


def test_a_row_read_alike_by_both_readings_is_not_marked() -> None:
    table = [row(100, name=("Glucose", 10), value=("5.6 H", 100), unit=("mmol/L", 150))]
    same = row(100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150))
    out = choose_rows(table, [TableSpan(95.0, 115.0)], set(table[0].words()), [same])
    assert out[0].ambiguous is None


def test_a_line_value_right_of_every_cell_of_its_table_is_no_value() -> None:
    results = four_results(pitch=20)
    # Its own value hidden, the row took the lab code printed at the far right of every row.
    coded = row(180, name=("Chloride", 10), value=("01", 320), unit=("mmol/L", 150))
    out = choose_rows([], [], set(), [*results, coded])
    assert [r.text(Role.NAME) for r in out] == ["Glucose", "Urea", "Sodium", "Potassium"]
    # In its table's columns the same row stands.
    inside = row(180, name=("Chloride", 10), value=("101", 100), unit=("mmol/L", 150))
    assert len(choose_rows([], [], set(), [*results, inside])) == 5


def test_a_line_row_that_wins_its_table_keeps_the_tables_panel() -> None:
    # The table read the row's unit and a lab code into its range cell; the line reading wins.
    weak = [row(100, name=("Glucose", 10), value=("5.6", 100), range=("mmol/L 01", 150))]
    weak[0].panel = "Chemistry"
    good = row(100, name=("Glucose", 10), value=("5.6", 100), unit=("mmol/L", 150))
    out = choose_rows(weak, [TableSpan(95.0, 115.0)], set(weak[0].words()), [good])
    assert [(r.text(Role.UNIT), r.panel) for r in out] == [("mmol/L", "Chemistry")]


def test_a_panel_beside_a_table_is_judged_on_its_own_rows() -> None:
    """Two panels side by side share their lines' y-range: the line reading of the left panel
    wins that panel (the header reading lost its rows) although the right panel's header rows
    score better than the left panel's line rows (made-up rows)."""
    left = [row(100, name=("Hemoglobin", 10), value=("151 38.6", 100))]  # two rows' values
    right = [
        row(y, name=(name, 300), value=("5.3", 400), unit=("g/L", 450), range=("1-9", 500))
        for y, name in ((100, "Albumin"), (120, "Globulin"), (140, "Ferritin"))
    ]
    spans = [
        TableSpan(95.0, 150.0, value_x=(95.0, 140.0), x_range=(10.0, 150.0)),
        TableSpan(95.0, 150.0, value_x=(395.0, 430.0), x_range=(300.0, 540.0)),
    ]
    lines = [
        row(
            100,
            name=("Hemoglobin", 10),
            value=("151", 100),
            unit=("g/L", 150),
            range=("120-160", 200),
        ),
        row(
            120, name=("Hematocrit", 10), value=("38.6", 100), unit=("%", 150), range=("36-48", 200)
        ),
    ]
    consumed = {w for r in left + right for w in r.words()}
    out = choose_rows(left + right, spans, consumed, lines)
    values = {r.text(Role.NAME): r.text(Role.VALUE) for r in out}
    assert values["Hemoglobin"] == "151" and values["Hematocrit"] == "38.6"
    assert len(out) == 5


def test_column_support_reaches_only_rows_near_the_results() -> None:
    """A row the catalogue does not know stands on its columns among the results, not far
    below them, where a footer's postcode can line up by chance (made-up rows)."""
    results = four_results(pitch=10)
    near = row(140, name=("Widget index", 10), value=("42", 100))
    far = row(400, name=("Branch Office Main Road", 10), value=("123456", 100))
    out = choose_rows([], [], set(), [*results, near, far])
    assert [r.text(Role.NAME) for r in out][-1] == "Widget index"
    assert len(out) == 5
