"""Header lines: roles, letter-spaced and glued header words, side-by-side groups."""

from dataclasses import replace

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import cluster_lines
from checkup2action.tables.detect import header_cells, split_groups
from checkup2action.tables.roles import Role


def line_of(*cells):
    """A text line from (text, x0) pairs, each word 8 pt per character."""
    words = [Word(t, x, 100, x + 8 * len(t), 110, 1, size=10) for t, x in cells]
    return cluster_lines(words)[0]


def roles(cells):
    return [c.role for c in cells]


def test_english_header():
    cells = header_cells(
        line_of(("Test", 40), ("Result", 200), ("Flag", 260), ("Units", 320), ("Reference", 380))
    )
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.FLAG, Role.UNIT, Role.RANGE]


def test_glued_header_words_are_split():
    cells = header_cells(
        line_of(("项目名称", 40), ("检测结果", 200), ("异常提示单位", 300), ("参考范围", 420))
    )
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.FLAG, Role.UNIT, Role.RANGE]


def test_a_result_header_that_holds_two_value_words_is_one_column():
    """``本次检查结果`` (this exam's result) is one column, not ``本次`` and a second result."""
    cells = header_cells(line_of(("检查项目", 40), ("本次检查结果", 200)))
    assert roles(cells) == [Role.NAME, Role.VALUE]


def test_letter_spaced_header():
    cells = header_cells(line_of(("项", 40), ("目", 60), ("结", 200), ("果", 220), ("参考值", 300)))
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.RANGE]


def test_side_by_side_groups():
    line = line_of(
        ("NO", 10),
        ("项目", 40),
        ("结果", 120),
        ("单位", 160),
        ("参考区间", 200),
        ("NO", 300),
        ("项目", 330),
        ("结果", 410),
        ("单位", 450),
        ("参考区间", 490),
    )
    groups = split_groups(header_cells(line))
    assert [roles(g) for g in groups] == [
        [Role.INDEX, Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE]
    ] * 2


def test_unknown_result_header_becomes_value_column():
    line = line_of(("檢驗項目", 40), ("本期數據", 200), ("單位", 300), ("參考值", 380))
    groups = split_groups(header_cells(line))
    assert roles(groups[0]) == [Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE]


def test_a_result_row_is_not_a_header():
    assert (
        header_cells(line_of(("Glucose", 40), ("5.6", 200), ("mmol/L", 260), ("3.9-6.1", 330)))
        is None
    )


def test_header_with_a_misread_name_cell_keeps_its_name_column():
    """OCR read 檢查項目 as 核查项目: value, previous, unit and range still make it a header."""
    from checkup2action.ingestion.document import Word
    from checkup2action.layout.lines import TextLine, split_segments
    from checkup2action.tables.roles import Role

    texts = [("核查项目", 40), ("本次結果", 250), ("上次结果", 330), ("单位", 420), ("参考值", 520)]
    words = [Word(t, x, 100, x + 12 * len(t), 110, 1, size=10) for t, x in texts]
    cells = header_cells(TextLine(words=words, segments=split_segments(words)))
    assert cells is not None and cells[0].role is Role.NAME and cells[0].text == "核查项目"


def test_a_line_of_unknown_words_is_no_header():
    from checkup2action.ingestion.document import Word
    from checkup2action.layout.lines import TextLine, split_segments

    texts = [("核查项目", 40), ("备注", 250), ("单位", 420)]
    words = [Word(t, x, 100, x + 12 * len(t), 110, 1, size=10) for t, x in texts]
    assert header_cells(TextLine(words=words, segments=split_segments(words))) is None


def test_header_words_of_two_columns_set_close_together_are_split():
    """Small print: 'Result' and 'Unit' a few points apart form one segment, yet head two columns."""
    words = [
        Word("Test", 82, 100, 107, 108, 1, size=7),
        Word("Result", 276, 100, 306.7, 108, 1, size=7),
        Word("Unit", 310.3, 100, 333.4, 108, 1, size=7),
        Word("Reference", 374, 100, 415, 108, 1, size=7),
        Word("range", 418, 100, 442, 108, 1, size=7),
        Word("Flag", 496, 100, 510, 108, 1, size=7),
    ]
    cells = header_cells(cluster_lines(words)[0])
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE, Role.FLAG]
    assert [c.text for c in cells][2:4] == ["Unit", "Reference range"]  # one column's two words


def test_ocr_header_words_misread_by_one_character_still_head_their_columns():
    """`检融项目 本次检查 班次結果 翠位 正常值` read off a scan: name and unit found, the tie refused."""
    texts = [("检融项目", 49), ("本次检查", 243), ("班次結果", 323), ("翠位", 411), ("正常值", 507)]
    ocr = [Word(t, x, 100, x + 9 * len(t), 110, 1, size=9, confidence=0.9) for t, x in texts]
    cells = header_cells(cluster_lines(ocr)[0])
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.OTHER, Role.UNIT, Role.RANGE]
    printed = [Word(t, x, 100, x + 9 * len(t), 110, 1, size=9) for t, x in texts]
    assert header_cells(cluster_lines(printed)[0]) is None  # a text layer is not fuzzily read


def test_a_header_of_several_words_misread_by_one_character_heads_one_column():
    """`Valori di niferimento` off a photo heads the range column as one cell; word by word its
    last word alone would be the range and `Valori di` a column of its own over the lows."""
    texts = [("Analisi", 50), ("Risultati", 267), ("U.M.", 364), ("Valori", 421), ("di", 470),
             ("niferimento", 490)]  # fmt: skip
    ocr = [Word(t, x, 100, x + 7 * len(t), 108, 1, size=8, confidence=0.9) for t, x in texts]
    cells = header_cells(cluster_lines(ocr)[0])
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE]
    assert cells[-1].text == "Valori di niferimento" and cells[-1].x0 == 421
    printed = [Word(t, x, 100, x + 7 * len(t), 108, 1, size=8) for t, x in texts]
    assert header_cells(cluster_lines(printed)[0]) is None  # a text layer is not fuzzily read


def test_misread_header_words_need_a_unique_role_and_some_length():
    from checkup2action.tables.roles import role_of_misread_header

    assert role_of_misread_header("检融项目") is Role.NAME
    assert role_of_misread_header("Resuit") is Role.VALUE
    assert role_of_misread_header("班次結果") is None  # 歷次結果 (previous) or 本次結果 (value)
    assert role_of_misread_header("Unlt") is None  # short Latin words are never guessed
    assert role_of_misread_header("正常值") is None  # an exact header word is not a misread one


def test_a_range_header_set_close_to_the_next_table_s_name_header_splits_the_groups():
    """``参考区间/值 检验项目``: a prefix header word must not swallow the next table's name."""
    spans = [("检验项目", 50, 115), ("结果", 259, 295), ("单位", 309, 347), ("参考区间/值", 366, 459),
             ("检验项目", 466, 531), ("结果", 672, 710), ("单位", 718, 756), ("参考区间/值", 783, 870)]  # fmt: skip
    words = [Word(t, x0, 100, x1, 110, 1, size=10) for t, x0, x1 in spans]
    groups = split_groups(header_cells(cluster_lines(words)[0]))
    assert [roles(g) for g in groups] == [[Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE]] * 2
    assert [g[0].x0 for g in groups] == [50, 466]


def test_the_biological_reference_interval_heads_the_range_column():
    cells = header_cells(line_of(("项目", 30), ("结果", 90), ("生物参考区间", 120), ("单位", 200)))
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.RANGE, Role.UNIT]


def test_a_header_word_a_tilted_photo_set_on_the_line_below_joins_the_header():
    from checkup2action.tables.detect import header_words_below

    head = line_of(("编码", 80), ("项目", 181), ("参考值", 412), ("单位", 510))
    below = cluster_lines(
        [Word("FBCL", 84, 106, 114, 116, 1, size=10), Word("结果", 312, 103, 341, 113, 1, size=10)]
    )[0]
    cells, taken = header_words_below(header_cells(head), head, below)
    assert [c.role for c in cells] == [Role.INDEX, Role.NAME, Role.VALUE, Role.RANGE, Role.UNIT]
    assert [w.text for w in taken] == ["结果"]
    far = cluster_lines([Word("结果", 312, 140, 341, 150, 1, size=10)])[0]
    assert header_words_below(header_cells(head), head, far)[1] == []  # a line further down


def test_two_side_by_side_headers_a_tilt_put_on_consecutive_lines_are_one_header():
    from checkup2action.tables.extract import _tilted_headers_joined

    right = cluster_lines([Word(t, x, 100, x + 30, 108, 1, size=8) for t, x in
                           (("检验项目", 175), ("结果", 223), ("参考范围", 260), ("单位", 297))])[0]  # fmt: skip
    left = cluster_lines([Word(t, x, 104, x + 30, 112, 1, size=8) for t, x in
                          (("检验项目", 35), ("结果", 85), ("参考范围", 116))])[0]  # fmt: skip
    lines = [right, left]
    headers = [(0, header_cells(right)), (1, header_cells(left))]
    ((line_no, cells),) = _tilted_headers_joined(lines, headers)
    assert line_no == 1 and len(split_groups(cells)) == 2
    far = cluster_lines([Word(t, x, 140, x + 30, 148, 1, size=8) for t, x in
                         (("检验项目", 35), ("结果", 85), ("参考范围", 116))])[0]  # fmt: skip
    assert (
        len(_tilted_headers_joined([right, far], [(0, headers[0][1]), (1, header_cells(far))])) == 2
    )


def test_a_cut_method_header_and_a_row_number_column_headed_hang():
    """``行 项目名称 检验结果 单位 参考范围 实验方``: a photo cut the method column's header."""
    cells = header_cells(
        line_of(
            ("行", 13),
            ("项目名称", 37),
            ("检验结果", 238),
            ("单位", 317),
            ("参考范围", 369),
            ("实验方", 489),
        )
    )
    assert roles(cells) == [Role.INDEX, Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE, Role.METHOD]


def test_a_header_that_leaves_the_name_column_unheaded():
    """``Resultado  Unidad  Intervalo de Referencia`` far right of the edge: names sit before it."""
    cells = header_cells(
        line_of(
            ("Resultado", 230),
            ("Unidad", 315),
            ("Intervalo", 428),
            ("de", 505),
            ("Referencia", 530),
        )
    )
    assert roles(cells) == [Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE]
    assert cells[0].x0 == 0.0 and cells[0].x1 < 230


def test_a_small_picture_s_unheaded_name_column_is_measured_in_letter_heights():
    """``Đơn vị  Nồng độ  MoM`` 100 points in on a picture whose letters are 5 points high: the
    names sit in the unheaded space before it, and MoM heads a derived column."""
    words = [
        Word(t, x, 100, x + 4 * len(t), 105, 1, size=5)
        for t, x in [("Đơn", 100), ("vị", 114), ("Nồng", 150), ("độ", 170), ("MoM", 205)]
    ]
    cells = header_cells(cluster_lines(words)[0])
    assert roles(cells) == [Role.NAME, Role.UNIT, Role.VALUE, Role.DERIVED]
    assert header_cells(cluster_lines([replace(w, top=95, bottom=110) for w in words])[0]) is None


def test_result_and_range_at_the_left_edge_are_no_header():
    assert header_cells(line_of(("Resultado", 40), ("Unidad", 130), ("Referencia", 230))) is None
