"""Grids of qualitative results, tables on their side, panels side by side, offset value lines."""

from __future__ import annotations

from checkup2action.layout.lines import TextLine, cluster_lines, split_segments
from checkup2action.tables.linereader import line_records
from checkup2action.tables.matrix import find_matrices
from checkup2action.tables.offsetrows import merge_offset_rows
from checkup2action.tables.roles import Role
from checkup2action.tables.transposed import find_transposed
from tests.tables.test_linereader import cells, page_lines
from tests.tables.test_listitems import words_at

DILUTIONS = [("1/20", 150), ("1/40", 200), ("1/80", 250), ("1/160", 300)]


def named(rows) -> list[tuple[str, str]]:
    """(name, value) of rows."""
    return [(r.text(Role.NAME), r.text(Role.VALUE)) for r in rows]


def test_a_widal_grid_gives_one_result_per_cell_named_by_row_and_column() -> None:
    lines = page_lines(
        [("ANTIGEN // DIL->", 10), *DILUTIONS],
        [("S TYPHI (O)", 10), ("+", 155), ("+", 205), ("-", 255), ("-", 305)],
        [("S TYPHI (H)", 10), ("+", 155), ("+", 205), ("+", 255), ("-", 305)],
        [("INTERPRETATION", 10), ("Negative", 150)],
    )
    (grid,) = find_matrices(lines, 1)
    assert len(grid.lines) == 3  # the interpretation line is no grid row
    assert named(grid.rows)[:3] == [
        ("S TYPHI (O) 1/20", "+"),
        ("S TYPHI (O) 1/40", "+"),
        ("S TYPHI (O) 1/80", "-"),
    ]
    assert len(grid.rows) == 8


def test_a_dilution_whose_slash_ocr_lost_still_labels_its_column() -> None:
    lines = page_lines(
        [("ANTIGEN // DIL->", 10), ("1/20", 150), ("1/40", 200), ("1/80", 250), ("1160", 300)],
        [("S TYPHI (O)", 10), ("+", 155), ("+", 205), ("-", 255), ("-", 305)],
        [("S TYPHI (H)", 10), ("+", 155), ("+", 205), ("+", 255), ("-", 305)],
    )
    (grid,) = find_matrices(lines, 1)
    assert named(grid.rows)[3] == ("S TYPHI (O) 1/160", "-")
    # a number that is no step of the series keeps the line from heading a grid
    lines[0] = page_lines([("ANTIGEN", 10), ("1/20", 150), ("1/40", 200), ("1/80", 250),
                           ("1150", 300)])[0]  # fmt: skip
    assert find_matrices(lines, 1) == []


def test_a_result_row_with_history_is_no_grid_header() -> None:
    lines = page_lines(
        [("尿比重(SG)", 10), ("1.015", 150), ("1.015", 200), ("1.005~1.030", 250)],
        [("尿糖(GLU)", 10), ("陰性(-)", 150), ("-", 205), ("陰性(-)", 250)],
        [("酮體(KET)", 10), ("陰性(-)", 150), ("-", 205), ("陰性(-)", 250)],
    )
    assert find_matrices(lines, 1) == []


def test_a_grid_of_numbers_is_left_to_the_table_readers() -> None:
    lines = page_lines(
        [("Test", 10), ("Jan", 150), ("Feb", 200), ("Mar", 250)],
        [("Glucose", 10), ("5.1", 150), ("5.3", 200), ("5.0", 250)],
        [("Urea", 10), ("4.1", 150), ("4.3", 200), ("4.0", 250)],
    )
    assert find_matrices(lines, 1) == []


def test_a_table_on_its_side_reads_the_latest_visit_with_the_columns_range_and_unit() -> None:
    lines = page_lines(
        [("Date", 10), ("Chol.", 120), ("TG", 170), ("HDL-C", 220), ("LDL-C", 270)],
        [("06/05/2025", 10), ("106", 120), ("31", 170), ("51", 220), ("45", 270)],
        [("10/26/2023", 10), ("99", 120), ("27", 170), ("54", 220), ("36", 270)],
        [("Ref. Interval", 10), ("100-199", 120), ("0-149", 170), (">39", 220), ("0-99", 270)],
        [("Units", 10), ("mg/dL", 120), ("mg/dL", 170), ("mg/dL", 220), ("mg/dL", 270)],
    )
    (table,) = find_transposed(lines, 1)
    assert named(table.rows) == [("Chol.", "106"), ("TG", "31"), ("HDL-C", "51"), ("LDL-C", "45")]
    first = table.rows[0]
    assert first.text(Role.RANGE) == "100-199" and first.text(Role.UNIT) == "mg/dL"


def test_the_latest_visit_wins_whatever_the_order_of_the_lines() -> None:
    lines = page_lines(
        [("Date", 10), ("Chol.", 120), ("TG", 170), ("HDL-C", 220)],
        [("2021-10-28", 10), ("98", 120), ("40", 170), ("49", 220)],
        [("2024-06-13", 10), ("90", 120), ("25", 170), ("56", 220)],
    )
    (table,) = find_transposed(lines, 1)
    assert named(table.rows)[0] == ("Chol.", "90")


def test_values_under_two_names_side_by_side_go_to_their_own_name() -> None:
    lines = page_lines(
        [("Hemoglobin", 10), ("Hematocrit", 250)],
        [("Current Result:", 10), ("16.5", 90), ("g/dL", 120),
         ("Current Result:", 250), ("49.0", 330), ("%", 360)],
    )  # fmt: skip
    recs = line_records(lines)
    assert [cells(r) for r in recs] == [
        {"name": "Hemoglobin", "value": "16.5", "unit": "g/dL"},
        {"name": "Hematocrit", "value": "49.0", "unit": "%"},
    ]


def test_a_card_s_labelled_range_below_its_chart_goes_to_the_card_s_result() -> None:
    lines = page_lines(
        [("Hemoglobin", 10), ("Hematocrit", 300)],
        [("Current Result:", 10), ("16.5", 90), ("g/dL", 120),
         ("Current Result:", 300), ("49.0", 380), ("%", 410)],
        [("17.9", 40), ("51.6", 350)],  # the chart of earlier results
        [("O", 100), ("16.5", 180), ("O", 450)],
        [("2020", 40), ("2021", 90), ("2020", 330)],
        [("Reference Interval: 13.0-17.7 g/dL", 100), ("Reference Interval: 37.5-51.0 %", 390)],
    )  # fmt: skip
    named = {cells(r)["name"]: cells(r) for r in line_records(lines)}
    assert (named["Hemoglobin"]["range"], named["Hemoglobin"]["unit"]) == ("13.0-17.7 g/dL", "g/dL")
    assert named["Hematocrit"]["range"] == "37.5-51.0 %"
    assert "Reference" not in " ".join(named)  # the range line makes no row of its own


def test_a_labelled_range_too_far_below_or_left_of_the_results_is_not_theirs() -> None:
    far = [[("Glucose", 10), ("5.6", 120), ("mmol/L", 160)], *([[("note", 10)]] * 40),
           [("Reference range:", 10), ("3.9-6.1", 120)]]  # fmt: skip
    recs = line_records(page_lines(*far))
    assert "range" not in cells(recs[0])
    left = [[("Glucose", 100), ("5.6", 220), ("mmol/L", 260)], [("note", 100)],
            [("Reference range:", 10), ("3.9-6.1", 120)]]  # fmt: skip
    assert "range" not in cells(line_records(page_lines(*left, pitch=30))[0])


def test_a_value_line_just_above_its_name_is_one_row_with_it() -> None:
    words = [*words_at("54", 200, 100.0), *words_at("U/L", 240, 100.0),
             *words_at("<42", 300, 100.0), *words_at("T.G.P (ALAT)", 10, 107.0)]  # fmt: skip
    lines = cluster_lines(words)
    assert len(lines) == 2
    (merged,) = merge_offset_rows(lines)
    (rec,) = line_records([merged])
    assert cells(rec) == {"name": "T.G.P (ALAT)", "value": "54", "unit": "U/L", "range": "<42"}


def test_a_name_a_full_line_below_its_values_stays_apart() -> None:
    words = [*words_at("54", 200, 100.0), *words_at("U/L", 240, 100.0),
             *words_at("Gamma G T", 10, 114.0)]  # fmt: skip
    assert len(merge_offset_rows(cluster_lines(words))) == 2


def test_a_name_of_spaced_words_or_overlapping_its_value_line_joins_it() -> None:
    # a photo's lower rows: the name sits most of a line lower than its values (the lines still
    # overlap), and the name's words stand a little apart (two segments)
    words = [*words_at("268", 346, 687.0, size=15.0), *words_at("10^9/L", 442, 689.0),
             *words_at("150 - 400", 566, 689.0)]  # fmt: skip
    values = TextLine(words=words, segments=split_segments(words))
    name = line_of(("PLATELET", 30, 699.0), ("COUNT", 130, 699.0))
    assert len(name.segments) == 2 and name.top - values.top >= 0.8 * values.height
    (merged,) = merge_offset_rows([values, name])
    (rec,) = line_records([merged])
    assert cells(rec)["name"] == "PLATELET COUNT" and cells(rec)["value"] == "268"


def line_of(*pieces: tuple[str, float, float]) -> TextLine:
    """A line of (text, x, top) pieces, as the grouping made it."""
    words = sorted((w for t, x, top in pieces for w in words_at(t, x, top)), key=lambda w: w.x0)
    return TextLine(words=words, segments=split_segments(words))


def test_a_name_line_that_caught_header_words_joins_the_value_line_level_with_it() -> None:
    # a curled sheet's first row: the header word 参考范围 sits up on the name's line
    name = line_of(("2", 10, 100.0), ("NEU#", 30, 100.0), ("参考范围", 300, 90.0))
    values = line_of(("10.61", 150, 101.0), ("↑", 190, 101.0), ("3.5--9.5", 220, 101.0))
    (merged,) = merge_offset_rows([name, values])
    assert "参考范围" not in merged.text
    (rec,) = line_records([merged])
    assert cells(rec) == {"index": "2", "name": "NEU#", "value": "10.61", "flag": "↑",
                          "range": "3.5--9.5"}  # fmt: skip
    below = line_of(("10.61", 150, 112.0), ("3.5--9.5", 220, 112.0))  # a row lower: apart
    assert len(merge_offset_rows([name, below])) == 2


def test_microscopy_count_spans_read_as_results_under_a_result_header() -> None:
    from checkup2action.tables.content import looks_count_span

    assert looks_count_span("0-2/HP") and looks_count_span("3-5 个/HPF")
    assert looks_count_span("0-2")
    assert not looks_count_span("3.5-5.5") and not looks_count_span("10-40 U/L")


def test_lines_that_read_like_results_are_counted_for_the_unread_page_warning() -> None:
    from checkup2action.pipeline import _unread_warnings
    from checkup2action.tables.extract import result_like_lines

    lines = page_lines(
        *[[(f"Qx{i}", 10), ("12", 150), ("zq/L", 200), ("5-20", 260)] for i in range(3)],
        [("Patient ID:", 10), ("12", 150), ("zq/L", 200)],
        [("Some prose without numbers", 10)],
    )
    assert result_like_lines(lines) == 3
    (warning,) = _unread_warnings([(2, 3)])
    assert warning.code == "RESULT_LINES_UNREAD" and warning.page == 2


def test_a_mark_tight_before_a_result_word_flags_it() -> None:
    from checkup2action.grammar.values import parse_value

    lines = page_lines(
        [("Hbs-AK", 10), ("+", 150), ("positiv", 158), ("---", 240), ("negativ", 300)]
    )
    (rec,) = line_records(lines)
    assert cells(rec) == {"name": "Hbs-AK", "value": "+ positiv", "range": "negativ"}
    parsed = parse_value("+ positiv")
    assert parsed.value_text == "positive" and parsed.flag_raw == "+"
    lone = page_lines([("Urin-Nitrit", 10), ("+", 150), ("negativ", 300)])
    assert cells(line_records(lone)[0])["value"] == "+"  # a mark far from a word is the result


def test_a_grid_whose_labels_start_at_once_set_tight_with_misread_and_run_on_marks() -> None:
    lines = page_lines(
        [("1:20", 150), ("1:40", 200), ("1:80", 250), ("1:160 1:320", 300)],
        [("S TYPHI (O)", 10), ("(+)", 152), ("(+)", 202), ("(一)", 252), ("(-)", 302),
         ("(-)", 332)],
        [("S TYPHI (H) (+)", 80), ("(+)", 202), ("(θ)", 252), ("(-)", 302), ("(-)", 332)],
    )  # fmt: skip
    (grid,) = find_matrices(lines, 1)
    assert named(grid.rows)[:5] == [
        ("S TYPHI (O) 1:20", "(+)"),
        ("S TYPHI (O) 1:40", "(+)"),
        ("S TYPHI (O) 1:80", "(-)"),  # a CJK one read for the dash
        ("S TYPHI (O) 1:160", "(-)"),
        ("S TYPHI (O) 1:320", "(-)"),
    ]
    # the first mark run on to the row label is a cell; a garbled cell is skipped
    assert named(grid.rows)[5:] == [
        ("S TYPHI (H) 1:20", "(+)"),
        ("S TYPHI (H) 1:40", "(+)"),
        ("S TYPHI (H) 1:160", "(-)"),
        ("S TYPHI (H) 1:320", "(-)"),
    ]


def test_a_lone_word_just_above_a_name_is_not_its_value() -> None:
    """A word alone on its line above a name (a ticked option, a heading) is not read as that
    name's value when the number under the name is."""
    words = [*words_at("Normal", 200, 100.0), *words_at("eGFR", 10, 106.0),
             *words_at("59", 200, 112.0), *words_at(">60", 300, 112.0)]  # fmt: skip
    lines = merge_offset_rows(cluster_lines(words))
    assert [ln.segments[0].text for ln in lines][:2] == ["Normal", "eGFR"]
