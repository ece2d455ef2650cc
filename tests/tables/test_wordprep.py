"""Words made ready for the line reading: a value and the unit OCR glued to it cut apart."""

from __future__ import annotations

from checkup2action.tables.linereader import line_records
from tests.tables.test_linereader import cells, page_lines


def test_a_value_glued_to_its_unit_is_cut_also_when_ocr_misread_the_unit() -> None:
    """Made-up rows: a plain glued unit, and one whose slash and litre OCR read as 7 and 1."""
    for glued, unit in (("287µmol/l", "µmol/l"), ("287μmo171", "μmo171")):
        line = [("Uric acid", 20), (glued, 120), ("180 à 430", 200)]
        got = cells(line_records(page_lines(line))[0])
        assert (got["value"], got["unit"], got["range"]) == ("287", unit, "180 à 430")
