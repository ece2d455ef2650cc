"""Text lines: words grouped by row, following a photographed row's own slope."""

from __future__ import annotations

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import cluster_lines, row_slopes


def word(text: str, x: float, y: float, ocr: bool = True) -> Word:
    """A 10-pt word whose box is centred at height y."""
    return Word(
        text, x, y - 5, x + 8 * len(text), y + 5, 1, size=10, confidence=0.99 if ocr else None
    )


def sloped_table(slope_at_bottom: float, ocr: bool = True) -> list[Word]:
    """Twenty rows, name at x=20 and value at x=300; rows slope more the lower they are."""
    words = []
    for i in range(20):
        y = 100 + 14 * i
        slope = slope_at_bottom * i / 19
        words.append(word(f"Name{i}", 20, y, ocr))
        words.append(word(f"{i}.5", 300, y + slope * 280, ocr))
        words.append(word("mg/L", 360, y + slope * 340, ocr))
    return words


def test_rows_that_slope_more_and_more_stay_whole() -> None:
    lines = cluster_lines(sloped_table(0.025))  # the last row's value sits 7 pt (half a row) low
    assert len(lines) == 20
    assert all(
        len(line.words) == 3 and line.words[0].text == f"Name{i}" for i, line in enumerate(lines)
    )


def test_straight_pages_and_text_layers_are_left_alone() -> None:
    assert row_slopes([[word("a", 0, 10), word("b", 100, 10)]] * 20) is None
    born_digital = sloped_table(0.0, ocr=False)
    assert len(cluster_lines(born_digital)) == 20
    assert row_slopes([[w for w in born_digital[:3]]]) is None


def test_marks_placed_beside_a_word_give_the_rows_no_slope() -> None:
    # an arrow or a dash is too small a box to say how its row slopes (the picture's marks are
    # given a box from their neighbour's line, a little off it)
    rows = [[word("a", 0, 10), word("b", 100, 10), word("↑", 200, 13), word("-", 300, 16)]] * 20
    assert row_slopes(rows) is None


def test_words_stacked_in_one_column_are_never_one_line() -> None:
    # Tightly set rows of a curled sheet: the second name's centre is 4 pt (0.4 of a height)
    # below the first row's band, close enough to join it, but the two names share a column.
    words = [
        word("4.00", 300, 99),
        word("Monozyten", 20, 100),
        word("0-4", 360, 101),
        word("Eosinophile", 20, 103),
        word("6.00", 300, 105),
    ]
    lines = cluster_lines(words, follow_slope=False)
    texts = [[w.text for w in line.words] for line in lines]
    assert texts == [["Monozyten", "4.00", "0-4"], ["Eosinophile", "6.00"]]


def test_words_side_by_side_stay_in_one_line() -> None:
    words = [word("Seg.", 20, 100), word("Neutrophile", 54, 101), word("62.00", 300, 102)]
    assert [len(line.words) for line in cluster_lines(words, follow_slope=False)] == [3]


def test_a_word_printed_twice_for_bold_type_stays_in_its_line() -> None:
    words = [word("Glucose", 20, 100), word("Glucose", 20.3, 100.2), word("5.4", 300, 100)]
    assert [len(line.words) for line in cluster_lines(words, follow_slope=False)] == [3]


def test_a_results_block_printed_askew_is_followed_though_each_box_lies_flat() -> None:
    # A scan whose results were printed a little askew: each OCR box is flat (its words share
    # one top and bottom), so the many pairs inside boxes say "straight"; the pairs of separate
    # boxes agree on a slope (0.004 and more, the flat boxes measured in), and it is followed.
    rows = []
    for i in range(40):
        y = 100 + 12 * i
        words = ["Bilirubine", "totale", "par", "la", "méthode"]
        name = [word(piece, 20 + 50 * k, y) for k, piece in enumerate(words)]
        x = 320 + 15 * (i % 4)  # values set a little apart, as an OCR box's edge wanders
        value = word(f"{i}.5", x, y + 0.004 * (x - 105))
        rows.append([*name, value, word("3-9", x + 220, y + 0.004 * (x + 115))])
    slope = row_slopes(rows)
    assert slope is not None and 0.004 < slope(400, 300) < 0.01


def test_separate_boxes_that_disagree_on_a_slope_leave_the_rows_alone() -> None:
    # flat boxes of two words each, and between boxes pairs sloping one way and the other
    rows = []
    for i in range(40):
        y = 100 + 11 * i
        rows.append(
            [word("Name", 20, y), word("X", 60, y), word("1.5", 300, y + (2 if i % 2 else -2))]
        )
    assert row_slopes(rows) is None


def fanned_table(fan: float, bend: float) -> list[Word]:
    """Twenty rows whose slope runs from +fan at the top to -fan at the bottom and grows by
    ``bend`` per point to the right (a sheet photographed under perspective); words at x=20,
    300, 600 and 900."""
    words = []
    for i in range(20):
        y, start = 100 + 14 * i, fan * (1 - 2 * i / 19)
        rise = [start * (x - 20) + bend * (x - 20) ** 2 / 2 for x in (300, 600, 900)]
        words += [word(f"Name{i}", 20, y), word(f"{i}.5", 300, y + rise[0])]
        words += [word("10-20", 600, y + rise[1]), word("mg/L", 900, y + rise[2])]
    return words


def test_rows_fanning_out_under_perspective_stay_whole_to_the_far_right() -> None:
    # the slope changes along each row: its climb is the slope halfway along times the way (taken
    # at the far word itself, the slope puts the unit 6 pt off its row)
    lines = cluster_lines(fanned_table(0.01, 1.5e-5))
    assert [len(line.words) for line in lines] == [4] * 20
