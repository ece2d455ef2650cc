"""Raw rows become LabResults: flags (printed, style, computed), warnings, conversions, previous values."""

from dataclasses import replace
from datetime import date

import pytest

from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.ingestion.document import Word
from checkup2action.normalize.results import normalise_rows
from checkup2action.report.models import Patient
from checkup2action.tables.model import Column, RawRow
from checkup2action.tables.roles import Role

X = {
    Role.NAME: 40,
    Role.VALUE: 200,
    Role.FLAG: 250,
    Role.UNIT: 300,
    Role.RANGE: 380,
    Role.PREVIOUS: 460,
}


def row(style=None, panel=None, table=0, **cells):
    """A raw row from role=text keyword arguments, one word per cell."""
    r = RawRow(page=1, panel=panel, style=style, table_index=table)
    for name, text in cells.items():
        role = Role(name)
        r.add(role, [Word(text, X[role], 100, X[role] + 40, 110, 1)])
    return r


def one(r, sex=None):
    out = normalise_rows([r], Patient(sex=sex), load_catalogue())
    return out.results[0], out.warnings


def test_printed_flag_that_disagrees_with_the_range_is_kept_and_warned():
    result, warnings = one(
        row(name="Glucose", value="5.0", flag="↑", unit="mmol/L", range="3.9-6.1")
    )
    assert (result.flag, result.flag_source) == ("H", "printed")
    assert [w.code for w in warnings] == ["FLAG_DISAGREES_WITH_RANGE"]
    assert warnings[0].result_id == result.id


def test_red_value_without_printed_flag_is_a_style_flag_with_direction_from_range():
    result, warnings = one(row(style="red", name="ALT", value="88", unit="U/L", range="9-50"))
    assert (result.flag, result.flag_source) == ("H", "style")
    assert warnings == []


def test_computed_flag_and_canonical_conversion():
    result, _ = one(row(name="Glucose", value="126", unit="mg/dL", range="70-99"))
    assert (result.flag, result.flag_source) == ("H", "computed")
    assert result.analyte.code in ("GLU", "FPG")
    assert result.unit_canonical == "mmol/L"
    assert abs(result.value_canonical - 126 / 18.016) < 0.01


def test_sex_specific_range_is_picked_by_patient_sex():
    r = row(name="血红蛋白", value="128", unit="g/L", range="男 130-175 女 115-150")
    male, _ = one(r, sex="M")
    female, _ = one(r, sex="F")
    assert (male.reference_range.low, male.flag) == (130, "L")
    assert (female.reference_range.low, female.flag) == (115, "N")


def test_european_sign_flags():
    result, _ = one(row(name="Creatinine", value="130", flag="+", unit="µmol/L", range="59 - 104"))
    assert (result.flag, result.flag_source) == ("H", "printed")


def test_previous_value_and_date():
    result, _ = one(
        row(name="TSH", value="2.1", unit="mIU/L", range="0.27-4.2", previous="1.8 03/12/2024")
    )
    assert result.previous_value == 1.8
    assert result.previous_date == date(2024, 3, 12)


def test_qualitative_negative_is_normal_and_positive_is_abnormal():
    neg, _ = one(row(name="HBsAg", value="阴性(-)", range="阴性"))
    pos, _ = one(row(name="HBsAg", value="阳性(+)", range="阴性"))
    assert (neg.value_text, neg.flag) == ("negative", "N")
    assert (pos.value_text, pos.flag) == ("positive", "A")


def test_a_negative_result_under_an_upper_limit_is_normal():
    under, _ = one(row(name="尿蛋白", value="阴性", range="<0.25 g/L"))
    above, _ = one(row(name="Anti-HBs", value="negative", range=">10 mIU/mL"))
    assert under.flag == "N"
    assert above.flag is None  # a floor: a negative result may lie below it


def test_urine_panel_context_from_the_rows_of_the_table():
    rows = [
        row(name="酸碱度", value="6.5", range="4.5-8.0", table=3),
        row(name="比重", value="1.020", range="1.003-1.030", table=3),
        row(name="葡萄糖", value="阴性", range="阴性", table=3),
    ]
    results = normalise_rows(rows, Patient(), load_catalogue()).results
    assert [r.analyte.code for r in results] == ["U_PH", "U_SG", "U_GLU"]


def test_a_urine_page_leaves_a_blood_count_on_another_page_alone():
    """Rows read without a table all carry the default index: the specimen is told per page."""
    urine = [
        row(name="酸碱度", value="6.5", range="4.5-8.0"),
        row(name="比重", value="1.020", range="1.003-1.030"),
        row(name="红细胞", value="阴性", range="阴性"),
    ]
    blood = [row(name="红细胞", value="4.5", unit="10^12/L", range="4.0-5.5")]
    for r in blood:
        r.page = 2
    results = normalise_rows(urine + blood, Patient(), load_catalogue()).results
    assert [r.analyte.code for r in results] == ["U_PH", "U_SG", "U_RBC", "RBC"]


def test_a_blood_count_with_two_urine_tests_at_its_end_stays_a_blood_count():
    """Names only a blood test has (platelets, lymphocytes) count against urine: the table's
    ``Leukozyten`` stays the blood's, while the rows named with their urine stay urine's."""
    rows = [
        row(name="Leukozyten", value="5.20", unit="G/l", range="4.0-10.0", table=1),
        row(name="Lymphozyten", value="28.0", unit="%", range="20-44", table=1),
        row(name="Thrombozyten", value="242", unit="G/l", range="150-400", table=1),
        row(name="Eiweiß Urin", value="78.5", unit="mg/dl", table=1),
        row(name="Krea. Urin", value="1.90", unit="mg/dl", table=1),
    ]
    results = normalise_rows(rows, Patient(), load_catalogue()).results
    assert [r.analyte.code for r in results] == ["WBC", "LYMPH_PCT", "PLT", "U_PRO", "U_CREA"]


def test_a_urinalysis_in_another_language_reads_its_ambiguous_names_as_urine_s():
    rows = [
        row(name="Vizelet leukocita", value="Neg", table=4),
        row(name="Vizelet urobilinogén", value="Neg", table=4),
        row(name="Fehérvérsejt", value="0", unit="/HPF", table=4),
        row(name="Vörösvértest", value="0", unit="/HPF", table=4),
    ]
    results = normalise_rows(rows, Patient(), load_catalogue()).results
    assert [r.analyte.code for r in results] == ["U_WBC", "U_UBG", "U_WBC", "U_RBC"]


def test_stool_context_from_the_rows_of_the_table():
    """A stool slip's own tests (mucus, ova, occult blood) make its 颜色, 红细胞 and 隐血 the
    stool tests; the same names in a table of blood tests stay blood's."""
    rows = [
        row(name="颜色", value="黄色", table=2),
        row(name="粪便虫卵", value="未检出", table=2),
        row(name="红细胞", value="阴性", table=2),
        row(name="潜血(FOB)", value="阴性(-)", table=2),
        row(name="隐血", value="阴性", table=2),
        row(name="红细胞", value="4.5", unit="10^12/L", range="4.0-5.5", table=5),
        row(name="白细胞", value="6.1", unit="10^9/L", range="4-10", table=5),
    ]
    results = normalise_rows(rows, Patient(), load_catalogue()).results
    codes = [r.analyte.code if r.analyte else None for r in results]
    assert codes == ["ST_COLOR", "ST_OVA", "ST_RBC", "ST_OB", "ST_OB", "RBC", "WBC"]


def test_blood_gas_context_from_the_rows_of_the_table():
    """A table with pO2 and pCO2 is a blood gas: its bare pH is the blood's, in kPa or mmHg; a
    urinalysis table's pH stays the urine's."""
    rows = [
        row(name="pH", value="7,30", range="7,32 - 7,43", table=4),
        row(name="pO2", value="5.1", unit="kPa", range="3.3 - 6.0", table=4),
        row(name="pCO2", value="45,6", unit="mmHg", range="38 - 50", table=4),
        row(name="BE (B)", value="-4,1", unit="mmol/L", range="-2 - 3", table=4),
        row(name="pH", value="6.0", range="4.5-8.0", table=7),
        row(name="Protein", value="Negative", table=7),
        row(name="Specific gravity", value="1.020", table=7),
    ]
    results = normalise_rows(rows, Patient(), load_catalogue()).results
    codes = [r.analyte.code if r.analyte else None for r in results]
    assert codes == ["BG_PH", "BG_PO2", "BG_PCO2", "BG_BE", "U_PH", "U_PRO", "U_SG"]
    po2 = results[1]
    assert (po2.unit_canonical, po2.value_canonical) == ("mm[Hg]", pytest.approx(38.25, abs=0.01))
    assert results[3].value == -4.1 and results[3].flag == "L"


def test_unknown_unit_is_warned():
    _, warnings = one(row(name="Glucose", value="5.0", unit="furlongs", range="3.9-6.1"))
    assert "UNKNOWN_UNIT" in [w.code for w in warnings]


def visit_row(*earlier, columns=None):
    """A TSH row whose earlier-visit cells are (text, x0) pairs, with previous columns
    ``columns`` (header, x0, x1)."""
    r = row(name="TSH", value="2.1", unit="mIU/L", range="0.27-4.2")
    for text, x in earlier:
        r.add(Role.PREVIOUS, [Word(text, x, 100, x + 30, 110, 1)])
    r.previous_columns = [Column(Role.PREVIOUS, x0, x1, h) for h, x0, x1 in columns or []]
    return r


def test_history_from_dated_visit_columns_newest_first():
    r = visit_row(
        ("1.8", 460), ("<0.5", 540),
        columns=[("2024-03-08", 450, 530), ("2023-02-27", 530, 610)],
    )  # fmt: skip
    result, _ = one(r)
    assert [(h.value, h.comparator, h.date, h.header) for h in result.history] == [
        (1.8, None, date(2024, 3, 8), "2024-03-08"),
        (0.5, "<", date(2023, 2, 27), "2023-02-27"),
    ]
    assert (result.previous_value, result.previous_value_raw, result.previous_date) == (
        1.8, "1.8", date(2024, 3, 8),
    )  # fmt: skip
    assert result.history[0].provenance[0].bbox.x0 == 460
    assert (result.value, result.flag) == (2.1, "N")  # flags stay about the current value


def test_history_sorted_by_date_when_columns_run_oldest_first():
    r = visit_row(
        ("1.5", 460), ("1.8", 540),
        columns=[("2023年2月27日", 450, 530), ("2024年3月8日", 530, 610)],
    )  # fmt: skip
    result, _ = one(r)
    assert [h.value for h in result.history] == [1.8, 1.5]
    assert result.previous_date == date(2024, 3, 8)


def test_history_dates_follow_the_documents_day_first_order():
    r = visit_row(("1.5", 460), columns=[("05/03/2024", 450, 530)])
    (day_first,) = normalise_rows([r], Patient(), load_catalogue(), day_first=True).results
    (month_first,) = normalise_rows([r], Patient(), load_catalogue()).results
    assert day_first.history[0].date == date(2024, 3, 5)
    assert month_first.history[0].date == date(2024, 5, 3)


def test_history_without_dates_keeps_printed_order_and_skips_empty_cells():
    r = visit_row(
        ("1.8", 460), ("-", 540), ("1.6", 620),
        columns=[("上次结果", 450, 530), ("前次结果", 530, 610), ("历次结果", 610, 690)],
    )  # fmt: skip
    result, _ = one(r)
    assert [(h.value, h.date, h.header) for h in result.history] == [
        (1.8, None, "上次结果"),
        (1.6, None, "历次结果"),
    ]


def test_date_in_the_cell_wins_over_the_header():
    r = visit_row(("1.8 03/12/2024", 460), columns=[("Previous Result and Date", 450, 610)])
    result, _ = one(r)
    assert [(h.value_raw, h.value, h.date) for h in result.history] == [
        ("1.8", 1.8, date(2024, 3, 12))
    ]
    assert result.previous_value_raw == "1.8 03/12/2024"  # the cell as printed, as before


def test_a_dash_in_the_previous_column_is_no_earlier_result():
    result, _ = one(visit_row(("-", 460), columns=[("上次结果", 450, 530)]))
    assert result.history == [] and result.previous_value is None
    assert result.previous_value_raw == "-"


def test_a_cell_with_no_value_of_its_own_joins_the_earlier_result_on_its_left():
    """OCR cut `Previous Result and Date` in two: `15.6` | `12/12/` is one earlier result."""
    spilled = visit_row(("15.6", 460), ("12/12/", 540), columns=[("Previous", 450, 530),
                                                                ("Result", 530, 610)])  # fmt: skip
    result, _ = one(spilled)
    assert [(h.value_raw, h.value) for h in result.history] == [("15.6 12/12/", 15.6)]
    dated = visit_row(("1.8", 460), ("03/12/2024", 540), columns=[("上次", 450, 530),
                                                                  ("结果", 530, 610)])  # fmt: skip
    result, _ = one(dated)
    assert [(h.value, h.date) for h in result.history] == [(1.8, date(2024, 3, 12))]


def test_a_unit_printed_in_the_range_column_is_the_unit_not_a_range():
    result, _ = one(row(name="Total IgE", value="0.61", range="kU/L 01"))
    assert (result.unit_raw, result.unit, result.reference_range) == ("kU/L", "kU/L", None)
    kept, _ = one(row(name="Total IgE", value="0.61", unit="kU/L", range="0-100 kU/L 01"))
    assert (kept.reference_range.high, kept.reference_range.text) == (100.0, "0-100 kU/L")


def test_a_misread_unit_after_the_range_bounds_is_read_when_it_fits_the_analyte():
    r = row(name="氯", value="100.80", range="96.00~108.00 mmol")
    r.cells[Role.VALUE] = [replace(r.cells[Role.VALUE][0], confidence=0.9)]  # read by OCR
    result, warnings = one(r)
    assert (result.unit_raw, result.unit, result.needs_review) == ("mmol", "mmol/L", True)
    assert [w.code for w in warnings] == ["UNIT_OCR_MISREAD"]
    printed, _ = one(row(name="氯", value="100.80", range="96.00~108.00 mmol"))
    assert printed.unit is None  # a text layer's unit is what it says


def test_a_flag_arrow_in_the_unit_cell_leaves_the_unit_readable():
    result, _ = one(row(name="红细胞", value="5.54", unit="↑ *10^12/L", range="3.5-5.0"))
    assert result.unit == "10*12/L" and result.flag == "H"


def test_a_flag_glued_before_the_unit_is_the_rows_flag() -> None:
    """The unit cell took the flag column's arrow (``↑pg``); on an OCR read an arrow read as
    ``1`` (``1×10^9/L``) is a flag only where the range says the value lies outside it."""
    from checkup2action.grammar.flags import unit_and_mark

    assert unit_and_mark("↑pg", by_ocr=False) == ("pg", "↑")
    assert unit_and_mark("1×10^9/L", by_ocr=True) == ("×10^9/L", "*")
    assert unit_and_mark("1×10^9/L", by_ocr=False) == ("1×10^9/L", None)
    assert unit_and_mark("10^9/L", by_ocr=True) == ("10^9/L", None)
    result, _ = one(row(name="MCH", value="32.8", unit="↑pg", range="27.0-32.0"))
    assert (result.unit, result.flag, result.flag_raw) == ("pg", "H", "↑")
    high, _ = one(ocr_row(name="WBC", value="47.24", unit="1×10^9/L", range="3.50-9.50"))
    assert (high.unit, high.flag) == ("10*9/L", "H")
    normal, _ = one(ocr_row(name="WBC", value="5.2", unit="1×10^9/L", range="3.50-9.50"))
    assert normal.flag in (None, "N") and normal.unit == "10*9/L"


def ocr_row(**cells):
    """A raw row as OCR reads it (its words carry a confidence)."""
    r = RawRow(page=1)
    for name, text in cells.items():
        role = Role(name)
        r.add(role, [Word(text, X[role], 100, X[role] + 40, 110, 1, confidence=0.95)])
    return r


def test_an_arrow_read_as_a_lone_one_after_the_value_is_the_flag() -> None:
    """``34.8 1``: OCR read the arrow beside the value as ``1``; the range gives its direction,
    and within the range the ``1`` is dropped as no arrow."""
    from checkup2action.grammar.flags import value_and_mark

    assert value_and_mark("34.8 1", by_ocr=True) == ("34.8", "*")
    assert value_and_mark("34.8 1", by_ocr=False) == ("34.8 1", None)
    assert value_and_mark("34.81", by_ocr=True) == ("34.81", None)
    assert value_and_mark("+ 1", by_ocr=True) == ("+", "*")
    high, _ = one(ocr_row(name="红细胞", value="34.8 1", unit="/ul", range="0-26"))
    assert (high.value, high.flag) == (34.8, "H")
    normal, _ = one(ocr_row(name="红细胞", value="12.0 1", unit="/ul", range="0-26"))
    assert (normal.value, normal.flag) == (12.0, "N")


def test_an_up_arrow_read_as_ge_before_the_range_and_a_count_unit_in_the_range() -> None:
    """``8.05  个  2.00--7.00×10°/L``: the Chinese recogniser read the arrow as 个 and the
    power nine as a degree sign; the range, the flag and the analyte's unit all come back."""
    result, _ = one(ocr_row(name="中性粒细胞计数", value="8.05", range="个 2.00--7.00×10°/L"))
    assert (result.flag, result.flag_raw, result.unit) == ("H", "↑", "10*9/L")
    assert (result.reference_range.low, result.reference_range.high) == (2.0, 7.0)
    rbc, _ = one(ocr_row(name="红细胞计数", value="4.33", range="3.68--5.13×10^2/L"))
    assert rbc.unit == "10*12/L" and rbc.flag == "N"  # the power twelve read as two
    unit, _ = one(ocr_row(name="红细胞", value="3", range="0-5", unit="个/HP"))
    assert unit.flag_raw is None


def test_unit_after_bounds_takes_the_count_unit_that_ends_the_range():
    """A count unit at the end of a range is its unit even after an earlier count-unit look-alike."""
    from checkup2action.normalize.results import _unit_after_bounds

    assert _unit_after_bounds("2.00--7.00×10°/L") == "×10°/L"
    assert _unit_after_bounds("x10^9/L 4.0-10.0 ×10^9/L") == "×10^9/L"
    assert _unit_after_bounds("96.00~108.00 mmol") == "mmol"
    assert _unit_after_bounds("3.5-5.5") is None


def test_electrolytes_in_meq_and_enzymes_in_iu_get_their_canonical_values():
    sodium, _ = one(row(name="Sodium", value="140", unit="mEq/L", range="136-145"))
    calcium, _ = one(row(name="Calcium", value="5.0", unit="mEq/L", range="4.5-5.5"))
    alt, _ = one(row(name="ALT", value="40", unit="IU/L", range="7-56"))
    assert (sodium.value_canonical, sodium.unit_canonical) == (140.0, "mmol/L")
    assert (calcium.value_canonical, calcium.unit_canonical) == (2.5, "mmol/L")
    assert (alt.value_canonical, alt.unit_canonical) == (40.0, "U/L")


def test_a_text_layer_unit_with_a_slip_is_read_when_it_fits_the_analyte():
    # a scanner's own OCR layer (``mmol/1``) or a lab's typing (``1O^3/uL``): no unit as printed
    result, warnings = one(row(name="Glucose", value="5.2", unit="mmol/1", range="3.9-6.1"))
    assert (result.unit_raw, result.unit, result.needs_review) == ("mmol/1", "mmol/L", True)
    assert [w.code for w in warnings] == ["UNIT_OCR_MISREAD"]
    counted, _ = one(row(name="Leukocytes", value="6.1", unit="1O^3/uL", range="4.0-10.0"))
    assert counted.unit == "10*3/uL"
    odd, _ = one(row(name="Glucose", value="5.2", unit="xyz", range="3.9-6.1"))
    assert odd.unit is None  # no reading fits: left as printed


def test_a_unit_read_from_a_slip_must_give_a_plausible_value():
    # ``L/L(%)``: the lab prints both units; 43.9 is a percentage, not litres per litre
    pct, _ = one(row(name="Haematocrit", value="43.9", unit="L/L(%)", range="40.0-47.0"))
    assert pct.unit is None and pct.unit_raw == "L/L(%)"
    fraction, _ = one(row(name="Haematocrit", value="0.44", unit="L/L(%)", range="0.40-0.47"))
    assert fraction.unit == "1" and fraction.value_canonical == 44.0


def test_grams_per_litre_beside_a_cell_count_is_giga_per_litre():
    wbc, _ = one(row(name="Leukozyten", value="6.1", unit="g/l", range="4.0-10.0"))
    assert (wbc.unit, wbc.value_canonical) == ("10*9/L", 6.1)
    albumin, _ = one(row(name="Albumin", value="42", unit="g/l", range="35-52"))
    assert albumin.unit == "g/L"


def test_a_unit_with_a_slip_still_tells_a_count_from_a_share():
    share, _ = one(row(name="Segmentados", value="62,3", unit="%", range="40-70"))
    count, _ = one(row(name="Segmentados", value="5,00", unit="1O^3/uL", range="1,8-7,0"))
    assert (share.analyte.code, share.unit) == ("SEG_PCT", "%")
    assert (count.analyte.code, count.unit) == ("SEG_ABS", "10*3/uL")


def test_a_range_whose_dash_ocr_read_as_a_dot_is_a_range_in_a_column_of_dashed_ranges() -> None:
    """``134.146`` in a range column whose other rows print ``a - b`` is 134-146; in a table
    that prints no dashed ranges, or from a text layer, it stays a number, as it may be one."""
    dashed = [
        ocr_row(name="Potasio", value="4.1", unit="mmol/L", range="3.5 - 5.1"),
        ocr_row(name="Cloro", value="101", unit="mmol/L", range="98 - 107"),
        ocr_row(name="Calcio", value="9.0", unit="mg/dL", range="8.8 . 10.0"),  # read so too
        ocr_row(name="Sodio", value="139", unit="mmol/L", range="134.146"),
        ocr_row(name="GOT/AST", value="52", range="U/L 5.38"),
        ocr_row(name="Bilirrubina total", value="0.9", unit="mg/dL", range="Hasta 1.00"),
    ]
    results = normalise_rows(dashed, Patient(), load_catalogue()).results
    sodium, got = results[3], results[4]
    assert (sodium.reference_range.low, sodium.reference_range.high) == (134, 146)
    assert (got.reference_range.low, got.reference_range.high, got.flag) == (5, 38, "H")
    alone = normalise_rows([dashed[3]], Patient(), load_catalogue()).results[0]
    assert alone.reference_range.low is None and alone.reference_range.high is None
    cut_offs = [ocr_row(name=n, value="1.2", range=c) for n, c in
                [("CEA", "5.00"), ("CA 125", "35.0"), ("CA 19-9", "37.0"), ("AFP", "10.0")]]  # fmt: skip
    mixed = normalise_rows([*dashed[:4], *cut_offs], Patient(), load_catalogue()).results
    assert mixed[3].reference_range.low is None  # a column of numbers as often as of ranges
    printed = [row(name=r.text(Role.NAME), value=r.text(Role.VALUE), range=r.text(Role.RANGE))
               for r in dashed]  # fmt: skip
    layer = normalise_rows(printed, Patient(), load_catalogue()).results[3]
    assert layer.reference_range.low is None


def test_a_share_with_no_unit_read_is_in_per_cent_and_a_haematocrit_is_left_alone() -> None:
    share, _ = one(row(name="NEUT%", value="72.9", range="50-70"))
    hct, _ = one(row(name="HCT", value="45.0", range="40-50"))
    assert (share.unit_raw, share.unit) == (None, "%")
    assert hct.unit is None  # printed as a fraction by some labs: no unit is implied


def test_a_share_printed_as_a_fraction_gets_no_per_cent_sign() -> None:
    fraction, _ = one(row(name="淋巴细胞比值", value="0.361", range="0.20-0.40"))
    basophils, _ = one(row(name="嗜碱性粒细胞比值", value="0.000", range="0-0.01"))
    bare, _ = one(row(name="淋巴细胞比值", value="0.361"))
    assert (fraction.unit, bare.unit, basophils.unit) == (None, None, None)


def test_an_ocr_unit_that_does_not_fit_the_analyte_is_read_as_the_one_it_slipped_from():
    """``mg/d`` (milligrams a day, a unit) beside a cholesterol is ``mg/dL`` with its L lost."""
    r = row(name="HDL cholesterol", value="36", unit="mg/d")
    r.cells[Role.VALUE] = [replace(r.cells[Role.VALUE][0], confidence=0.9)]  # read by OCR
    result, warnings = one(r)
    assert (result.unit_raw, result.unit) == ("mg/d", "mg/dL")
    assert "UNIT_OCR_MISREAD" in [w.code for w in warnings]
    printed, _ = one(row(name="HDL cholesterol", value="36", unit="mg/d"))
    assert printed.unit == "mg/(24.h)"  # a text layer's unit is what it says


def test_a_lone_dash_as_the_range_leaves_the_row_s_confidence_alone():
    """OCR scores a one-stroke crop low; a dash printed as a dipstick test's reference says
    nothing about how well the row was read (made-up scores)."""
    r = row(name="Nitrite", value="Negative", range="-")
    r.cells[Role.NAME] = [replace(r.cells[Role.NAME][0], confidence=0.96)]
    r.cells[Role.RANGE] = [replace(r.cells[Role.RANGE][0], confidence=0.41)]
    result, _ = one(r)
    assert result.confidence == 0.96
    assert result.reference_range is not None and result.reference_range.text == "-"


@pytest.mark.parametrize(("value", "flag"), [("+", "A"), ("2+", "A"), ("±", "A"), ("阴性", "N")])
def test_a_lone_dash_as_a_dipstick_reference_expects_negative(value, flag):
    result, _ = one(row(name="尿蛋白", value=value, range="-"))
    assert result.reference_range.qualitative == "negative"
    assert result.reference_range.text == "-"
    assert result.flag == flag


@pytest.mark.parametrize("value", ["5.0", "Yellow"])
def test_a_lone_dash_beside_a_number_or_a_colour_expects_nothing(value):
    result, _ = one(row(name="尿蛋白", value=value, range="-"))
    assert result.reference_range.qualitative is None
