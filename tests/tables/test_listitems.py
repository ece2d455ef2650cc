"""App result lists: an item line (name … value) with its reference range on the line below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import TextLine, cluster_lines
from checkup2action.pipeline import ingest
from checkup2action.samples.generator import generate
from checkup2action.samples.scoring import FIELDS, score_document
from checkup2action.tables.listitems import (
    item_cells,
    labelled_range_line,
    list_rows,
    range_line,
    split_label,
)
from checkup2action.tables.roles import Role

CHAR_W = {True: 10.0, False: 5.5}  # CJK / other character widths at 10 pt


def words_at(text: str, x0: float, top: float, size: float = 10.0) -> list[Word]:
    """Words of ``text`` (split at spaces) from x0, as OCR gives them: no font, no colour."""
    out = []
    x = x0
    for part in text.split(" "):
        if part:
            w = sum(CHAR_W[ord(c) > 0x2E80] * size / 10 for c in part)
            out.append(Word(part, x, top, x + w, top + size, 1, size=size))
            x += w
        x += 0.3 * size
    return out


def line(*pieces: tuple[str, float], top: float = 100.0, size: float = 10.0) -> TextLine:
    """One text line from (text, x0) pieces."""
    words = [w for text, x0 in pieces for w in words_at(text, x0, top, size)]
    return cluster_lines(words)[0]


def page(*rows: tuple[tuple[str, float], ...], gap: float = 6.0) -> list[TextLine]:
    """Lines stacked top to bottom, ``gap`` points apart."""
    out, top = [], 80.0
    for pieces in rows:
        out.append(line(*pieces, top=top))
        top += 10.0 + gap
    return out


def texts(words: list[Word] | None) -> list[str]:
    return [w.text for w in words or []]


# ---------------------------------------------------------------- range lines


def test_label_glued_to_range_is_split_at_the_colon():
    text = "参考区间：3.5~9.5"
    edges = [20.0 + 10 * i for i in range(5)] + [70.0 + 5.5 * i for i in range(7)]
    word = Word(text, 20.0, 100, 108.5, 110, 1, size=10, char_x0s=tuple(edges[: len(text)]))
    rest = split_label([word])
    assert texts(rest) == ["3.5~9.5"]
    assert (rest[0].x0, rest[0].x1) == (70.0, 108.5)  # exact when the character boxes are known
    assert texts(split_label(line((text, 20)).words)) == ["3.5~9.5"]  # OCR: proportional split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reference range: 3.5 - 9.5", ["3.5", "-", "9.5"]),
        ("Normal range 137 - 147", ["137", "-", "147"]),
        ("Normal range NON REACTIVE", ["NON", "REACTIVE"]),
        ("參考範圍 0~44", ["0~44"]),
        ("3.5 - 9.5", None),
        ("Prediabetes: 5.7 - 6.4", None),
        ("采样时间：2024-03-05", None),
    ],
)
def test_split_label(text, expected):
    rest = split_label(line((text, 20)).words)
    assert (None if rest is None else texts(rest)) == expected


@pytest.mark.parametrize(
    ("text", "rng", "unit"),
    [
        ("参考区间：3.5~9.5 10^9/L", ["3.5~9.5"], ["10^9/L"]),
        ("Reference range: 3.5 - 9.5 x10^9/L", ["3.5", "-", "9.5"], ["x10^9/L"]),
        ("Reference range: 3.5-9.5x10^9/L", ["3.5-9.5"], ["x10^9/L"]),
        ("参考值 <5.2 mmol/L", ["<5.2"], ["mmol/L"]),
        ("参考区间：阴性(-)", ["阴性(-)"], []),
        ("130 - 175 g/L", ["130", "-", "175"], ["g/L"]),
    ],
)
def test_range_line(text, rng, unit):
    got = range_line(line((text, 20)))
    assert got is not None
    assert (texts(got.range_words), texts(got.unit_words)) == (rng, unit)


def test_prose_is_no_range_line():
    assert range_line(line(("Lakeside Medical Laboratory", 20))) is None
    assert not labelled_range_line(line(("130 - 175 g/L", 20)))
    assert labelled_range_line(line(("参考区间：阴性(-)", 20)))


# ---------------------------------------------------------------- item lines


def test_item_with_flag_and_unit_beside_the_value():
    cells = item_cells(line(("钾", 20), ("4.78 ↑ mmol/L", 250)))
    assert cells is not None
    assert texts(cells[Role.NAME]) == ["钾"]
    assert texts(cells[Role.VALUE]) == ["4.78"]
    assert texts(cells[Role.FLAG]) == ["↑"]
    assert texts(cells[Role.UNIT]) == ["mmol/L"]


def test_value_and_unit_in_one_segment_are_told_apart():
    cells = item_cells(line(("血红蛋白浓度（HGB）", 20), ("122 g/L", 270)))
    assert cells is not None and texts(cells[Role.VALUE]) == ["122"]


def test_a_table_row_with_its_range_is_no_item():
    assert (
        item_cells(line(("Hemoglobin", 20), ("13.2", 200), ("g/dL", 250), ("13.0-17.0", 300)))
        is None
    )


# ---------------------------------------------------------------- pages

APP_PAGE = (
    (("<", 16), ("Test Results", 140)),
    (("Brian W***  Male  79 yrs", 22),),
    (("Collected: 2024-03-05 08:30", 22),),
    (("Complete Blood Count", 21),),
    (("White Blood Cell Count (WBC)", 22), ("6.8", 300)),
    (("Reference range: 3.5 - 9.5 x10^9/L", 22),),
    (("Hemoglobin", 22), ("108 L", 290)),
    (("Reference range: 130 - 175 g/L", 22),),
    (("Urine Color", 22), ("Yellow", 290)),
    (("Hepatitis B Serology", 21),),
    (("HBsAg", 22), ("Negative", 280)),
    (("Reference range: Negative", 22),),
)


def test_list_page_rows_and_headings():
    got = list_rows(page(*APP_PAGE), 1)
    assert got is not None
    rows, headings = got
    assert [r.text(Role.NAME) for r in rows] == [
        "White Blood Cell Count (WBC)", "Hemoglobin", "Urine Color", "HBsAg",
    ]  # fmt: skip
    wbc, hgb, color, hbsag = rows
    assert (wbc.text(Role.VALUE), wbc.text(Role.RANGE), wbc.text(Role.UNIT)) == (
        "6.8", "3.5 - 9.5", "x10^9/L",
    )  # fmt: skip
    assert (hgb.text(Role.VALUE), hgb.text(Role.FLAG), hgb.text(Role.UNIT)) == ("108", "L", "g/L")
    assert color.text(Role.RANGE) == "" and hbsag.text(Role.RANGE) == "Negative"
    assert headings == [(0, "Complete Blood Count"), (3, "Hepatitis B Serology")]
    assert all(w.text != "Reference" for r in rows for w in r.words())  # the label is no cell


def test_one_item_is_a_list_only_on_a_continued_page():
    lines = page(*APP_PAGE[6:8])
    assert list_rows(lines, 2) is None
    got = list_rows(lines, 2, continuing=True)
    assert got is not None and len(got[0]) == 1


def test_headerless_table_is_no_list():
    lines = page(
        (("Hemoglobin", 20), ("13.2", 200), ("g/dL", 250), ("13.0-17.0", 300)),
        (("Platelets", 20), ("250", 200), ("10^3/uL", 250), ("150-400", 300)),
        (("WBC", 20), ("6.1", 200), ("10^3/uL", 250), ("4.0-10.0", 300)),
    )
    assert list_rows(lines, 1) is None


def test_a_table_with_two_noted_rows_stays_a_table():
    lines = page(
        (("Hemoglobin", 20), ("13.2", 200), ("g/dL", 250), ("13.0-17.0", 300)),
        (("Cholesterol", 20), ("182", 200)),
        (("Reference range: <200 mg/dL", 20),),
        (("Platelets", 20), ("250", 200), ("10^3/uL", 250), ("150-400", 300)),
        (("Triglycerides", 20), ("120", 200)),
        (("Reference range: <150 mg/dL", 20),),
        (("WBC", 20), ("6.1", 200), ("10^3/uL", 250), ("4.0-10.0", 300)),
    )
    assert list_rows(lines, 1) is None
    assert list_rows(lines[:6], 1) is None  # as many list items as table rows: still no list


def test_range_line_must_start_under_the_name():
    lines = page((("Hemoglobin", 20), ("108", 290)), (("130 - 175 g/L", 200),),
                 (("Platelets", 20), ("250", 290)), (("125 - 350", 200),))  # fmt: skip
    assert list_rows(lines, 1) is None


# ---------------------------------------------------------------- end to end


@pytest.mark.parametrize("family", ["zh_app_list", "en_app_list"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_generated_screenshots_are_read_exactly(family, seed, tmp_path):
    gen = generate(family, seed)
    path = tmp_path / f"{family}_{seed}.pdf"
    path.write_bytes(gen.pdf)
    report = json.loads(ingest(path).to_json())
    tally = score_document(gen.truth, report, path.name)
    summary = tally.summary()
    assert summary["recall"] == 1.0 and summary["precision"] == 1.0, tally.misses[:10]
    for field in FIELDS:
        assert summary[field] == 1.0, tally.misses[:10]
    assert report["patient"] == {**gen.truth["patient"], "age_band": None}  # ages under 90


def test_continued_section_keeps_its_panel(tmp_path):
    gen = next(g for s in range(20) if (g := generate("zh_app_list", s)).truth["page_count"] > 1)
    path = tmp_path / "app.pdf"
    path.write_bytes(gen.pdf)
    report = ingest(Path(path))
    panels = [r.panel for r in report.lab_results if not r.derived]
    assert panels == [t["panel"] for t in gen.truth["lab_results"]]


def test_ocr_glued_pieces_of_list_items_are_split():
    """OCR glues value and unit (``13.8g/dL``), arrow and unit (``↑IU/L``), label and range."""
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.listitems import _unglued, split_label

    def word(text, x):
        return Word(text, x, 100, x + 6 * len(text), 110, 1, size=10)

    assert [w.text for w in _unglued([word("13.8g/dL", 300)])] == ["13.8", "g/dL"]
    assert [w.text for w in _unglued([word("104↑fl", 300)])] == ["104", "↑", "fl"]
    assert [w.text for w in _unglued([word("↑IU/L", 300)])] == ["↑", "IU/L"]
    assert [w.text for w in split_label([word("参考值7~40", 30)])] == ["7~40"]
    assert [w.text for w in split_label([word("参考範图陰性(-)", 30)])] == ["陰性(-)"]


def test_value_with_its_range_glued_in_brackets_and_a_unit_line_below():
    """A check-up app's item: ``肌酐  67.10[57-104]`` with ``单位：umol/L`` on the line under it."""
    lines = page(
        (("肌酐", 40), ("67.10[57-104]", 260)),
        (("单位：umol/L", 40),),
        (("尿酸", 40), ("306.51(200-430)", 250)),
        (("单位：umol/L", 40),),
        (("白细胞", 40), ("5.65（3.5–9.5）", 255)),
        (("单位：×10^9/L", 40),),
    )
    rows, _ = list_rows(lines, 1)
    got = [
        (r.text(Role.NAME), r.text(Role.VALUE), r.text(Role.RANGE), r.text(Role.UNIT)) for r in rows
    ]
    assert got == [
        ("肌酐", "67.10", "57-104", "umol/L"),
        ("尿酸", "306.51", "200-430", "umol/L"),
        ("白细胞", "5.65", "3.5–9.5", "×10^9/L"),
    ]


def test_a_bracketed_word_that_is_no_value_and_range_is_no_item():
    assert item_cells(line(("备注", 40), ("见(附页)", 260))) is None


def test_an_item_whose_name_wraps_with_its_value_between_the_two_lines_is_one_item() -> None:
    lines = [
        line(("肌酐", 40.0), ("67.10(57-104)", 200.0), top=80.0),
        line(("单位：umol/L", 40.0), top=96.0),
        line(("平均血红蛋白浓", 40.0), top=120.0),
        line(("328.00(316--354)", 190.0), top=128.0),  # level with the name's middle
        line(("度", 40.0), top=136.0),
        line(("单位：g/L", 40.0), top=152.0),
        line(("血小板", 40.0), ("177(125--350)", 200.0), top=176.0),
        line(("单位：×10^9/L", 40.0), top=192.0),
    ]
    rows, _ = list_rows(lines, 1)
    got = [(r.text(Role.NAME), r.text(Role.VALUE), r.text(Role.UNIT)) for r in rows]
    assert got == [
        ("肌酐", "67.10", "umol/L"),
        ("平均血红蛋白浓度", "328.00", "g/L"),
        ("血小板", "177", "×10^9/L"),
    ]


def test_a_value_under_a_one_line_name_is_not_joined_to_it() -> None:
    lines = [
        line(("肌酐", 40.0), ("67.10(57-104)", 200.0), top=80.0),
        line(("单位：umol/L", 40.0), top=96.0),
        line(("尿酸", 40.0), top=120.0),
        line(("306.51(200-430)", 190.0), top=134.0),  # wholly below the name: no wrap
        line(("血小板", 40.0), ("177(125--350)", 200.0), top=176.0),
        line(("单位：×10^9/L", 40.0), top=192.0),
    ]
    rows, _ = list_rows(lines, 1)
    assert [r.text(Role.NAME) for r in rows] == ["肌酐", "血小板"]
