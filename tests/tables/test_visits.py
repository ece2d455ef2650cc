"""Header lines with one result column per visit: dates as headers, which one is the current
result, dates printed on a line under the header, and date lines that are no header."""

from datetime import date

import pytest

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import cluster_lines
from checkup2action.tables.detect import header_cells, split_groups
from checkup2action.tables.roles import Role
from checkup2action.tables.visits import (
    dated_from_above,
    dates_below,
    header_date,
    holds_date,
    is_bare_date,
)

N, V, P, U, R, F = Role.NAME, Role.VALUE, Role.PREVIOUS, Role.UNIT, Role.RANGE, Role.FLAG


def line_of(*cells, top=100):
    """A text line from (text, x0) pairs; words of one cell are 6 pt per character apart."""
    words = []
    for text, x in cells:
        for part in text.split(" "):
            words.append(Word(part, x, top, x + 6 * len(part), top + 10, 1, size=10))
            x += 6 * len(part) + 4
    return cluster_lines(words)[0]


def roles(cells):
    return [c.role for c in cells]


@pytest.mark.parametrize(
    "text",
    ["2024-03-08", "2024/03/08", "2024.03.08", "2024年3月8日", "03/08/2024", "08-Mar-2024",
     "(2024/03/08)", "（2024-03-08）"],
)  # fmt: skip
def test_date_forms_are_bare_dates(text):
    assert is_bare_date(text) and holds_date(text)


@pytest.mark.parametrize(
    "text", ["5.6", "3.9-6.1", "1.8 03/12/2024", "上次结果", "2024", "12/2024"]
)
def test_values_and_words_are_no_bare_dates(text):
    assert not is_bare_date(text)


def test_dates_beside_header_words_are_header_dates_but_not_beside_values():
    assert holds_date("Previous 03/08/2024") and holds_date("本次(2025-03-12)")
    assert not holds_date("1.8(2024-03-12)") and not holds_date("采样日期2024-03-08")
    assert header_date("Previous 03/08/2024") == date(2024, 3, 8)
    assert header_date("上次 2024年3月8日") == date(2024, 3, 8)


def test_zh_header_of_dates_newest_is_the_current_result():
    line = line_of(("项目", 40), ("2025-03-12", 160), ("2024-03-08", 240), ("2023-02-27", 320),
                   ("单位", 400), ("参考范围", 460))  # fmt: skip
    cells = header_cells(line)
    assert roles(cells) == [N, V, P, P, U, R]
    assert [c.text for c in cells[1:4]] == ["2025-03-12", "2024-03-08", "2023-02-27"]


def test_oldest_first_dates_take_the_newest_as_the_current_result():
    line = line_of(("项目", 40), ("2023年2月27日", 160), ("2024年3月8日", 250), ("2025年3月12日", 340),
                   ("参考值", 440))  # fmt: skip
    assert roles(header_cells(line)) == [N, P, P, V, R]


def test_en_header_with_a_result_column_and_dated_previous_columns():
    line = line_of(("Test", 40), ("Result", 160), ("Previous 03/08/2024", 220), ("02/27/2023", 340),
                   ("Units", 410), ("Reference", 460))  # fmt: skip
    cells = header_cells(line)
    assert roles(cells) == [N, V, P, P, U, R]
    assert cells[2].text == "Previous 03/08/2024"


def test_worded_current_column_with_its_date():
    line = line_of(("Test", 40), ("Current 12-Mar-2025", 160), ("08-Mar-2024", 280), ("Units", 380),
                   ("Reference Interval", 440))  # fmt: skip
    cells = header_cells(line)
    assert roles(cells) == [N, V, P, U, R]
    assert cells[1].text == "Current 12-Mar-2025"


def test_current_previous_and_earlier_words():
    line = line_of(("项目名称", 40), ("本次结果", 160), ("提示", 230), ("上次结果", 280),
                   ("前次结果", 350), ("单位", 420), ("参考区间", 470))  # fmt: skip
    assert roles(header_cells(line)) == [N, V, F, P, P, U, R]


def test_side_by_side_tables_each_have_a_current_visit():
    line = line_of(("项目", 20), ("2025-03-12", 90), ("2024-03-08", 160), ("参考值", 230),
                   ("项目", 300), ("2025-03-12", 370), ("2024-03-08", 440), ("参考值", 510))  # fmt: skip
    groups = split_groups(header_cells(line))
    assert [roles(g) for g in groups] == [[N, V, P, R], [N, V, P, R]]


@pytest.mark.parametrize(
    "cells",
    [
        (("采样日期", 40), ("2024-03-08", 120)),
        (("检验项目", 40), ("2024-03-08", 120)),
        (("报告日期", 40), ("2024-03-09", 120), ("采样日期", 220), ("2024-03-08", 300)),
        (("Glucose", 40), ("5.6", 160), ("03/08/2024", 220), ("mmol/L", 300), ("3.9-6.1", 360)),
    ],
)
def test_a_date_in_an_ordinary_line_is_no_header(cells):
    assert header_cells(line_of(*cells)) is None


def test_dates_on_the_line_under_the_header_join_their_columns():
    header = line_of(("檢驗項目", 40), ("結果", 160), ("上次結果", 230), ("前次結果", 310),
                     ("單位", 400))  # fmt: skip
    cells = header_cells(header)
    below = line_of(("(2025/03/12)", 150), ("(2024/03/08)", 226), ("(2023/02/27)", 306), top=112)
    dated = dates_below(cells, below, header)
    assert [c.text for c in dated] == [
        "檢驗項目", "結果 (2025/03/12)", "上次結果 (2024/03/08)", "前次結果 (2023/02/27)", "單位",
    ]  # fmt: skip
    assert roles(dated) == roles(cells)


def test_a_line_under_the_header_that_is_not_only_dates_is_left_alone():
    header = line_of(("檢驗項目", 40), ("結果", 160), ("上次結果", 230), ("單位", 400))
    cells = header_cells(header)
    with_value = line_of(("白细胞", 40), ("5.6", 160), ("(2024/03/08)", 226), top=112)
    far_below = line_of(("(2024/03/08)", 226), top=140)
    under_unit = line_of(("(2024/03/08)", 398), top=112)
    assert dates_below(cells, with_value, header) == []
    assert dates_below(cells, far_below, header) == []
    assert dates_below(cells, under_unit, header) == []


def test_a_date_set_close_to_the_next_header_word_ends_its_cell():
    # OCR of a scan: 2025年12月22日 and 标识, 上次结果 2025年6月10日 and 单位 a point apart
    line = line_of(("项目名称", 40), ("2025年12月22日 标识", 200), ("上次结果 2025年6月10日 单位", 330),
                   ("参考范围", 520))  # fmt: skip
    cells = header_cells(line)
    assert roles(cells) == [N, V, F, P, U, R]
    assert cells[3].text == "上次结果 2025年6月10日"


def test_dates_printed_above_a_header_name_its_unnamed_columns():
    dates = line_of(("Abnahme", 150), ("03.02.2024", 300), ("05.08.2023", 400), top=70)
    times = line_of(("15:20", 300), ("11:20", 400), top=82)
    header = line_of(
        ("Analyt", 10), ("Referenz", 100), ("Einheit", 200), ("SENDER-A", 300),
        ("SENDER-A", 400), top=94,
    )  # fmt: skip
    assert header_cells(header) is None  # two words that name no column
    dated = dated_from_above(header, [dates, times])
    assert dated is not None
    assert roles(header_cells(dated)) == [N, R, U, V, P]
    # dates too far above, or a single date, name nothing
    assert (
        dated_from_above(header, [line_of(("03.02.2024", 300), ("05.08.2023", 400), top=40)])
        is None
    )
    assert (
        dated_from_above(header, [line_of(("Abnahme", 150), ("03.02.2024", 300), top=82)]) is None
    )
