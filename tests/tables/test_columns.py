"""Column boundaries and glued-word splitting."""

from checkup2action.ingestion.document import Ruling, Word, split_word
from checkup2action.layout.lines import Segment
from checkup2action.tables.columns import (
    group_extent,
    layout_from_header,
    natural_split,
    split_at_edges,
    valley_boundary,
)
from checkup2action.tables.detect import HeaderCell
from checkup2action.tables.roles import Role


def w(text, x0, x1, top=0.0):
    return Word(text=text, x0=x0, top=top, x1=x1, bottom=top + 10, page=1, size=10)


def layout_of(*spans):
    """A table layout from (role, x0, x1) columns, left to right."""
    from checkup2action.tables.model import Column, TableLayout

    columns = [Column(role, x0, x1) for role, x0, x1 in spans]
    return TableLayout(columns=columns, x0=columns[0].x0, x1=columns[-1].x1)


def test_valley_prefers_gap_between_phrases_over_gap_inside_a_name():
    # a long name whose inner word gap (at 150-160) is not a column gap; values start at 200
    rows = [
        Segment([w("Mean", 40, 70), w("Corpuscular", 72, 150), w("(MCH)", 160, 190)]),
        Segment([w("29.9", 200, 215)]),
        Segment([w("Hemoglobin", 40, 100)]),
        Segment([w("15.9", 200, 215)]),
    ]
    x = valley_boundary(rows, 45, 245, 127)
    assert 190 < x < 200


def test_split_word_keeps_exact_character_boxes():
    word = Word("10^9/L3.5", 0, 0, 90, 10, 1, char_x0s=tuple(float(i * 10) for i in range(9)))
    left, right = split_word(word, 6)
    assert (left.text, right.text) == ("10^9/L", "3.5")
    assert (left.x1, right.x0) == (60.0, 60.0)


def test_glued_unit_and_range_split_where_both_parts_fit():
    text = "×10^12/L4.30～5.80"
    word = Word(text, 0, 0, 170, 10, 1, char_x0s=tuple(float(i * 10) for i in range(len(text))))
    # the column edge falls inside "/L": the cut must still be between L and 4
    assert natural_split(word, 72, Role.UNIT, Role.RANGE) == 8
    parts = split_at_edges(word, [(72.0, Role.UNIT, Role.RANGE)])
    assert [p.text for p in parts] == ["×10^12/L", "4.30～5.80"]


def test_word_not_split_without_a_natural_break():
    word = w("Concentration", 0, 130)
    assert split_at_edges(word, [(60.0, Role.NAME, Role.VALUE)]) == [word]


def test_a_stroke_through_the_names_is_no_column_edge():
    # long names run to 190; values start at 200; a logo's stroke far below stands at x 120
    body = [
        Segment([w("Mean", 40, 70, 30), w("Corpuscular", 72, 150, 30), w("(MCH):", 152, 190, 30)]),
        Segment([w("29.9", 200, 215, 30)]),
        Segment([w("Hemoglobin", 40, 100, 50)]),
        Segment([w("15.9", 200, 215, 50)]),
    ]
    header = [HeaderCell(Role.NAME, 40, 60, "Test"), HeaderCell(Role.VALUE, 200, 230, "Result")]
    stamp = Ruling(x0=120, top=300, x1=121, bottom=330)
    layout = layout_from_header(header, body, [stamp], 20, 0, 300)
    assert 190 < layout.columns[0].x1 < 200
    drawn = Ruling(x0=195, top=10, x1=196, bottom=330)  # a drawn column line cuts no name
    layout = layout_from_header(header, body, [drawn], 20, 0, 300)
    assert layout.columns[0].x1 == 195.5


def test_names_crossing_into_the_row_number_column_stay_names():
    """Names printed left of their header's start fall in the narrow ``NO`` column; words there
    that are no row number begin the name, and a number glued to a name is cut off it."""
    from checkup2action.tables.columns import assign_words

    layout = layout_of((Role.INDEX, 0, 100), (Role.NAME, 100, 250), (Role.VALUE, 250, 400))
    cells = assign_words(layout, [w("5", 3, 20), w("管型.", 43, 94), w("0.24", 300, 330)])
    assert [x.text for x in cells[Role.INDEX]] == ["5"]
    assert [x.text for x in cells[Role.NAME]] == ["管型."]
    glued = assign_words(layout, [w("10类酵母细胞数量", 15, 208), w("0.00", 300, 330)])
    assert [x.text for x in glued[Role.INDEX]] == ["10"]
    assert [x.text for x in glued[Role.NAME]] == ["类酵母细胞数量"]
    kept = assign_words(layout, [w("12", 3, 20), w("Glucose", 110, 160), w("5.1", 300, 320)])
    assert [x.text for x in kept[Role.INDEX]] == ["12"]


def test_a_range_s_high_bound_across_the_unit_column_s_edge_goes_back_to_the_range():
    from checkup2action.tables.columns import assign_words

    layout = layout_of((Role.NAME, 0, 100), (Role.VALUE, 100, 200), (Role.RANGE, 200, 290),
                       (Role.UNIT, 290, 350))  # fmt: skip
    cells = assign_words(layout, [w("结晶", 5, 30), w("1", 120, 125), w("0~", 270, 285),
                                  w("0.3", 292, 305), w("/μl", 310, 330)])  # fmt: skip
    assert [x.text for x in cells[Role.RANGE]] == ["0~", "0.3"]
    assert [x.text for x in cells[Role.UNIT]] == ["/μl"]
    whole = assign_words(layout, [w("结晶", 5, 30), w("1", 120, 125), w("0~0.3", 250, 285),
                                  w("10", 292, 305)])  # fmt: skip
    assert [x.text for x in whole[Role.UNIT]] == ["10"]  # a closed range keeps its cell


def test_a_row_number_left_of_the_item_code_is_the_index():
    from checkup2action.tables.columns import assign_words

    layout = layout_of((Role.CODE, 0, 90), (Role.NAME, 90, 300), (Role.VALUE, 300, 500))
    cells = assign_words(layout, [w("2", 9, 24), w("F-XZ", 35, 76), w("大便性状", 108, 188),
                                  w("粘液", 416, 461)])  # fmt: skip
    assert [x.text for x in cells[Role.INDEX]] == ["2"]
    assert [x.text for x in cells[Role.CODE]] == ["F-XZ"]
    alone = assign_words(layout, [w("17", 9, 24), w("大便性状", 108, 188), w("粘液", 416, 461)])
    assert Role.INDEX not in alone and [x.text for x in alone[Role.CODE]] == ["17"]


def test_a_name_is_never_cut_at_a_bracket_across_a_column_edge():
    cut = natural_split(w("上皮细胞(高倍)", 276, 332), 330, Role.NAME, Role.VALUE)
    assert cut is None or "上皮细胞(高倍)"[cut] not in ")"


def _two_panels() -> list[list[HeaderCell]]:
    """Two side-by-side header groups: code, name, result, range; the range header ends at 100,
    the right group's code header starts at 200 (made-up positions)."""
    cells = [(Role.NAME, 10, 40), (Role.VALUE, 50, 70), (Role.RANGE, 80, 100)]
    left = [HeaderCell(role, x0, x1, role.name) for role, x0, x1 in cells]
    right = [HeaderCell(role, x0 + 190, x1 + 190, role.name) for role, x0, x1 in cells]
    return [left, right]


def test_side_by_side_groups_part_in_the_gutter_their_body_leaves():
    # units printed after the left group's ranges reach past halfway (150); the right group's
    # names start at 188: the parting falls in the gutter between, so no unit is cut off
    body = [w("3.5-9.5", 80, 120), w("umol/L", 125, 172), w("mmol/L", 124, 160)]
    body += [w("Sodium", 188, 220), w("Calcium", 189, 225)]
    assert group_extent(_two_panels(), 0, 0.0, 400.0, body) == (0.0, 180.0)
    assert group_extent(_two_panels(), 1, 0.0, 400.0, body) == (180.0, 400.0)


def test_a_note_across_both_groups_parts_nothing():
    body = [w("umol/L", 125, 172), w("A note printed under both tables", 20, 380)]
    assert group_extent(_two_panels(), 0, 0.0, 400.0, body)[1] == 186.0  # (172 + 200) / 2


def test_groups_without_body_words_between_them_part_halfway():
    assert group_extent(_two_panels(), 0, 0.0, 400.0)[1] == 150.0
