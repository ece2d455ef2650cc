"""Cells tidied after the words were dealt to columns."""

from checkup2action.ingestion.document import Word
from checkup2action.tables.cellfix import tidy_cells
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from tests.tables.test_linereader import page_lines


def _words(*items):
    return [Word(t, x, 100, x + 6 * len(t), 110, 1, size=10) for t, x in items]


def test_borders_colon_and_a_flag_before_the_unit():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: _words(("Creatinina", 31), (":", 207)),
            Role.VALUE: _words(("2,55", 247)),
            Role.UNIT: _words(("*", 300), ("mg/dL", 315)),
            Role.RANGE: _words(("|", 428), ("0,57", 452), ("-", 476), ("1,11", 500), ("|", 524)),
        },
    )
    tidy_cells([row])
    assert row.text(Role.NAME) == "Creatinina"
    assert row.text(Role.UNIT) == "mg/dL"
    assert row.text(Role.FLAG) == "*"
    assert row.text(Role.RANGE) == "0,57 - 1,11"


def test_a_lone_unit_letter_stays_a_unit():
    row = RawRow(page=1, cells={Role.VALUE: _words(("5", 200)), Role.UNIT: _words(("L", 300))})
    tidy_cells([row])
    assert row.text(Role.UNIT) == "L" and Role.FLAG not in row.cells


def test_a_glued_colon_goes_and_a_printed_flag_is_kept():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: _words(("Uremia:", 31)),
            Role.UNIT: _words(("H", 300), ("mg/dL", 315)),
            Role.FLAG: _words(("↑", 290)),
        },
    )
    tidy_cells([row])
    assert row.text(Role.NAME) == "Uremia"
    assert row.text(Role.UNIT) == "H mg/dL" and row.text(Role.FLAG) == "↑"


def test_a_small_raised_footnote_after_a_name_goes():
    """``Мочевина¹``: the method's footnote number, set small and raised, is no part of the name."""
    name = Word("Мочевина", 50, 100, 88, 110, 1, size=7.9)
    mark = Word("1", 88.5, 99, 91, 104.5, 1, size=4.9)
    row = RawRow(page=1, cells={Role.NAME: [name, mark], Role.VALUE: _words(("3,20", 214))})
    tidy_cells([row])
    assert row.text(Role.NAME) == "Мочевина"


def test_a_power_after_a_number_or_unit_is_no_footnote():
    from checkup2action.tables.wordprep import is_footnote_mark

    ten = Word("10", 50, 100, 60, 110, 1, size=8)
    nine = Word("9", 60.5, 99, 63, 104.5, 1, size=5)
    assert not is_footnote_mark(nine, ten)
    metre = Word("1.73m", 50, 100, 70, 110, 1, size=8)
    assert not is_footnote_mark(Word("2", 70.5, 99, 73, 104.5, 1, size=5), metre)


def test_a_unit_opening_the_range_cell_of_a_row_without_one_is_its_unit():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: _words(("GGT", 22)),
            Role.VALUE: _words(("37", 216)),
            Role.RANGE: _words(("U/L", 310), ("8.0", 383), ("-", 397), ("61.0", 402)),
        },
    )
    tidy_cells([row])
    assert row.text(Role.UNIT) == "U/L" and row.text(Role.RANGE) == "8.0 - 61.0"
    alone = RawRow(page=1, cells={Role.VALUE: _words(("0.78", 212)),
                                  Role.RANGE: _words(("mg/dL", 306))})  # fmt: skip
    tidy_cells([alone])
    assert alone.text(Role.UNIT) == "mg/dL" and Role.RANGE not in alone.cells


def test_a_range_opening_with_a_sex_or_a_word_keeps_it():
    row = RawRow(page=1, cells={Role.VALUE: _words(("14", 216)), Role.UNIT: _words(("g/dL", 300)),
                                Role.RANGE: _words(("M:", 383), ("13-17", 400))})  # fmt: skip
    tidy_cells([row])
    assert row.text(Role.UNIT) == "g/dL" and row.text(Role.RANGE) == "M: 13-17"
    no_unit = RawRow(page=1, cells={Role.VALUE: _words(("6", 216)),
                                    Role.RANGE: _words(("Hasta", 383), ("1.00", 410))})  # fmt: skip
    tidy_cells([no_unit])
    assert Role.UNIT not in no_unit.cells and no_unit.text(Role.RANGE) == "Hasta 1.00"


def test_a_unit_before_a_bare_number_in_the_range_column_stays_there():
    row = RawRow(page=1, cells={Role.VALUE: _words(("95.8", 216)),
                                Role.RANGE: _words(("%", 383), ("94.1", 400))})  # fmt: skip
    tidy_cells([row])
    assert Role.UNIT not in row.cells and row.text(Role.RANGE) == "% 94.1"


def test_a_range_label_ocr_read_as_several_words_is_one_label():
    from checkup2action.tables.listitems import labelled_range_line
    from checkup2action.tables.wordprep import prepared_words

    for label in ("Reference Interval:", "Biological Reference Interval:", "Ref. Range:",
                  "Normal values:", "Intervalo de referência:", "Valeurs de référence :"):  # fmt: skip
        line = page_lines([(f"{label} 13.0-17.7 g/dL", 10)])[0]
        assert labelled_range_line(line), label
        assert prepared_words(line)[0].text.startswith("13.0-17.7"), label
    assert not labelled_range_line(page_lines([("Reference", 10), ("5.6", 200)])[0])
    assert not labelled_range_line(page_lines([("Glucose:", 10), ("5.6", 200)])[0])


def test_a_colon_printed_tight_before_a_value_goes():
    from checkup2action.tables.wordprep import prepared_words

    line = page_lines([("Packed Cell Volume", 10), (":35.8", 200), ("%", 260), ("36-46", 320)])[0]
    assert [w.text for w in prepared_words(line)][-4:] == ["Volume", "35.8", "%", "36-46"]
    # a colon before a word is a label's and stays (``:Negative`` is read by other rules)
    other = page_lines([("Result", 10), (":pending", 200)])[0]
    assert prepared_words(other)[-1].text == ":pending"


def test_a_bullet_before_the_name_goes():
    row = RawRow(
        page=1,
        cells={Role.NAME: _words(("•", 20), ("SGPT", 30)), Role.VALUE: _words(("17.6", 200))},
    )
    glued = RawRow(
        page=1, cells={Role.NAME: _words(("°GGT", 30)), Role.VALUE: _words(("22.3", 200))}
    )
    tidy_cells([row, glued])
    assert row.text(Role.NAME) == "SGPT" and glued.text(Role.NAME) == "GGT"


def test_a_unit_printed_after_the_range_in_its_column_is_the_unit():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: _words(("Bilirubin", 30)),
            Role.VALUE: _words(("11.40", 200)),
            Role.RANGE: _words(("(<", 300), ("17.00)", 315), ("µmoVL", 360)),
        },
    )
    tidy_cells([row])
    assert row.text(Role.RANGE) == "(< 17.00)" and row.text(Role.UNIT) == "µmoVL"


def test_a_unit_after_the_value_keeps_the_range_s_last_word():
    row = RawRow(
        page=1,
        cells={
            Role.NAME: _words(("Leukocytes", 30)),
            Role.VALUE: _words(("31.000", 200), ("/mL", 240)),
            Role.RANGE: _words(("Up", 300), ("to", 320), ("12,000", 335), ("m/L", 380)),
        },
    )
    tidy_cells([row])
    assert Role.UNIT not in row.cells and row.text(Role.RANGE) == "Up to 12,000 m/L"


def test_a_unit_after_the_value_in_the_value_cell_becomes_the_unit():
    from checkup2action.tables.cellfix import unit_after_value

    cells = {
        Role.NAME: _words(("Креатинин", 20)),
        Role.VALUE: _words(("61,5", 590), ("мкмоль/л.", 650)),
    }
    got = unit_after_value(cells)
    assert [w.text for w in got[Role.VALUE]] == ["61,5"]
    assert [w.text for w in got[Role.UNIT]] == ["мкмоль/л."]
    misread = unit_after_value({Role.VALUE: _words(("18.4", 590), ("cek", 650))})
    assert [w.text for w in misread[Role.UNIT]] == ["cek"]  # сек read by a Latin recogniser


def test_what_stays_in_the_value_cell():
    from checkup2action.tables.cellfix import unit_after_value

    address = {Role.VALUE: _words(("4711", 590), ("Springfield,", 650))}
    assert unit_after_value(address) == address  # a long word is no misread unit
    flagged = {Role.VALUE: _words(("7.2", 590), ("H", 650))}
    assert unit_after_value(flagged) == flagged  # a flag stays for the flag reader
    with_unit = {Role.VALUE: _words(("7.2", 590), ("mg", 650)), Role.UNIT: _words(("g/L", 700))}
    assert unit_after_value(with_unit) == with_unit  # the unit cell is filled already


def test_a_lone_unit_in_the_value_cell_and_a_separating_colon():
    from checkup2action.tables.cellfix import unit_after_value

    unread = unit_after_value({Role.VALUE: _words(("Ед/мл", 650))})
    assert unread[Role.VALUE] == [] and [w.text for w in unread[Role.UNIT]] == ["Ед/мл"]
    colon = unit_after_value({Role.VALUE: _words((":", 258), ("31.00", 277))})
    assert [w.text for w in colon[Role.VALUE]] == ["31.00"]
