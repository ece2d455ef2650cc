"""The header-free line reading: tokens, records by content, wrapped pieces joined upwards."""

from __future__ import annotations

from dataclasses import replace

from checkup2action.layout.lines import cluster_lines
from checkup2action.tables.bands import is_band
from checkup2action.tables.linereader import line_records, record_row, tokens_of
from checkup2action.tables.scoring import is_result, names_analyte, score_row
from checkup2action.tables.unitrows import name_noted_units
from tests.tables.test_listitems import words_at


def page_lines(*rows: list[tuple[str, float]], pitch: float = 14.0) -> list:
    """Lines built from (text, x) pieces, one list of pieces per line, ``pitch`` points apart."""
    words = []
    for i, pieces in enumerate(rows):
        for text, x in pieces:
            words += words_at(text, x, 100.0 + i * pitch)
    return cluster_lines(words)


def cells(rec) -> dict[str, str]:
    """A record's cells as role -> text."""
    row = record_row(rec, 1)
    return {role.value: row.text(role) for role in row.cells}


def test_two_records_on_one_line_with_row_numbers() -> None:
    lines = page_lines(
        [("2", 10), ("白细胞计数", 25), ("5.26", 120), ("4-10", 170), ("10^9/L", 220),
         ("14", 300), ("血红蛋白", 315), ("120", 400), ("120-160", 450), ("g/L", 520)]
    )  # fmt: skip
    recs = line_records(lines)
    assert [cells(r) for r in recs] == [
        {"index": "2", "name": "白细胞计数", "value": "5.26", "range": "4-10", "unit": "10^9/L"},
        {"index": "14", "name": "血红蛋白", "value": "120", "range": "120-160", "unit": "g/L"},
    ]


def test_two_reference_cells_make_one_range_and_decimal_commas() -> None:
    lines = page_lines(
        [("Fehérvérsejtszám", 10), ("6,9", 150), ("10*9/L", 190), ("4,4", 300), ("11,3", 350)]
    )
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "Fehérvérsejtszám",
        "value": "6,9",
        "unit": "10*9/L",
        "range": "4,4 11,3",
    }


def test_range_before_the_result() -> None:
    lines = page_lines([("Haemoglobin", 10), ("13.5-17.5", 150), ("g/dL", 220), ("↓12.2", 300)])
    (rec,) = line_records(lines)
    assert cells(rec)["value"] == "↓12.2" and cells(rec)["range"] == "13.5-17.5"


def test_range_wrapped_to_the_next_line_joins_its_row() -> None:
    lines = page_lines(
        [("C-反应蛋白", 10), ("26.97", 150), ("↑", 190)],
        [("0--10", 230), ("mg/L", 280)],
    )
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "C-反应蛋白",
        "value": "26.97",
        "flag": "↑",
        "range": "0--10",
        "unit": "mg/L",
    }


def test_app_list_name_value_and_labelled_range_on_three_lines() -> None:
    lines = page_lines([("前白蛋白", 10)], [("319", 10)], [("参考值：200--430mg/L", 10)])
    (rec,) = line_records(lines)
    assert cells(rec) == {"name": "前白蛋白", "value": "319", "range": "200--430mg/L"}


def test_tokens_keep_a_name_together_and_join_a_spaced_range() -> None:
    (line,) = page_lines(
        [("Neutrofil granulocita %", 10), ("2,20", 200), ("-", 225), ("7,90", 235)]
    )
    assert [t.text for t in tokens_of(line)] == ["Neutrofil granulocita", "%", "2,20 - 7,90"]


def test_a_wave_dash_glued_to_the_low_bound_joins_the_high_one() -> None:
    (line,) = page_lines(
        [("ヘモグロビン量", 10), ("9.6", 120), ("g/dL", 150), ("13.5~", 200), ("17.6", 232)]
    )
    assert [t.text for t in tokens_of(line)][-1] == "13.5~ 17.6"


def test_patient_block_and_risk_bands_are_no_results() -> None:
    lines = page_lines(
        [("Name:", 10), ("John", 60)],
        [("Age", 10), ("45", 60), ("years", 80)],
        [("Very High", 10), ("<50", 100)],
        [("Glucose", 10), ("5.6", 100), ("mmol/L", 140), ("3.9-6.1", 200)],
    )
    results = [r for r in line_records(lines) if is_result(score_row(record_row(r, 1)))]
    assert [cells(r)["name"] for r in results] == ["Glucose"]


def test_a_cjk_name_glued_to_its_result_word_is_cut() -> None:
    lines = page_lines([("1", 10), ("甲型流感病毒抗原阴性", 25), ("阴性", 300)])
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "index": "1",
        "name": "甲型流感病毒抗原",
        "value": "阴性",
        "range": "阴性",
    }


def test_a_spaced_comparator_phrase_is_one_value() -> None:
    lines = page_lines(
        [("IgE Específica para Soja (F14)", 10), ("Inferior a 0,10", 200), ("kU/L", 280),
         ("Inferior a 0,10", 360), ("kU/L", 440)]
    )  # fmt: skip
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "IgE Específica para Soja (F14)",
        "value": "Inferior a 0,10",
        "unit": "kU/L",
        "range": "Inferior a 0,10",
    }


def test_a_range_opening_word_joins_its_range_and_a_broken_unit_is_mended() -> None:
    lines = page_lines(
        [("Eritrócitos", 10), ("4,64", 200), ("10^6/µ L", 240), ("de 3,70 até 5,30", 330)]
    )  # fmt: skip
    tokens = [t.text for t in tokens_of(lines[0])]
    assert tokens[:4] == ["Eritrócitos", "4,64", "10^6/µ L", "de 3,70 até 5,30"]
    (rec,) = line_records(lines[:1])
    assert cells(rec)["range"] == "de 3,70 até 5,30" and cells(rec)["unit"] == "10^6/µ L"


def test_a_bare_ten_before_a_unit_word_is_a_value_and_its_unit() -> None:
    lines = page_lines([("Volume", 10), (":", 120), ("10 ml", 160)])
    assert [t.text for t in tokens_of(lines[0])] == ["Volume", ":", "10", "ml"]


def test_an_interval_result_before_its_range_is_the_value() -> None:
    lines = page_lines(
        [("Pus cells", 10), (":", 120), ("1-2", 160), ("/ hpf", 230), ("0 - 5", 300), ("/ hpf", 330)]
    )  # fmt: skip
    (rec,) = line_records(lines)
    assert cells(rec) == {"name": "Pus cells :", "value": "1-2", "unit": "/ hpf", "range": "0 - 5"}


def test_a_decimal_range_before_a_second_range_is_no_interval_result() -> None:
    lines = page_lines([("Haemoglobin", 10), ("13.5-17.5", 150), ("g/dL", 220), ("11.5-14.0", 300)])
    assert all(cells(r).get("value") != "13.5-17.5" for r in line_records(lines))


def test_a_lone_word_before_a_number_stays_a_name() -> None:
    lines = page_lines([("Sódio", 10), ("a", 60), ("140", 200), ("mmol/L", 240)])
    assert [t.text for t in tokens_of(lines[0])] == ["Sódio", "a", "140", "mmol/L"]


def test_a_number_that_begins_a_catalogue_name_is_no_row_number() -> None:
    lines = page_lines(
        [("25", 10), ("OH Vitamina D", 24), ("43,4", 200), ("ng/mL", 240)],
        [("2", 10), ("Hemoglobin", 24), ("13.5", 200), ("g/dL", 240)],
    )
    first, second = (cells(r) for r in line_records(lines))
    assert first["name"] == "25 OH Vitamina D" and "index" not in first
    assert second["index"] == "2" and second["name"] == "Hemoglobin"


def test_band_words_after_a_range_label_stay_in_the_range() -> None:
    lines = page_lines(
        [("非高密度脂蛋白胆固醇", 20)],
        [("参考值：适宜 <4.10mmol/L 增高", 20), ("*", 370), ("4.89", 402)],
    )
    tokens = [t.text for t in tokens_of(lines[1])]
    assert tokens == ["适宜 <4.10mmol/L 增高", "*", "4.89"]
    (rec,) = line_records(lines)
    assert cells(rec)["name"] == "非高密度脂蛋白胆固醇" and cells(rec)["value"] == "4.89"


def test_a_ratio_name_that_looks_like_a_unit_opens_its_row() -> None:
    lines = page_lines([("FPSA/PSA", 20), ("0.27↑", 200), ("0.13-0.19", 280)])
    (rec,) = line_records(lines)
    assert cells(rec) == {"name": "FPSA/PSA", "value": "0.27↑", "range": "0.13-0.19"}


def test_a_value_glued_to_its_name_by_a_long_dash_is_cut_off() -> None:
    lines = page_lines([("血清淀粉样蛋白A—110.53↑", 20), ("0--10", 200), ("mg/L", 260)])
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "血清淀粉样蛋白A", "value": "110.53↑", "range": "0--10", "unit": "mg/L"
    }  # fmt: skip
    assert [t.text for t in tokens_of(page_lines([("维生素B12", 20)])[0])] == ["维生素B12"]


def test_a_letter_ending_name_glued_to_its_value_is_cut_where_the_catalogue_knows_it() -> None:
    lines = page_lines([("血清淀粉样蛋白A110.53↑", 20), ("0--10", 200), ("mg/L", 260)])
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "血清淀粉样蛋白A", "value": "110.53↑", "range": "0--10", "unit": "mg/L"
    }  # fmt: skip
    assert [t.text for t in tokens_of(page_lines([("某某蛋白X12", 20)])[0])] == ["某某蛋白X12"]


def test_an_arrow_after_the_value_is_its_flag_never_its_unit() -> None:
    # the name on the line above (a sloped photo), the unit after the range
    lines = page_lines(
        [("C-反应蛋白", 20)], [("26.97", 150), ("↑", 200), ("0--10", 260), ("mg/L", 320)]
    )
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "C-反应蛋白", "value": "26.97", "flag": "↑", "range": "0--10", "unit": "mg/L"
    }  # fmt: skip


def test_a_short_word_after_an_arrow_flag_is_the_unit_before_a_sex_specific_range() -> None:
    lines = page_lines(
        [("肌酐", 20), ("180", 150), ("↑", 200), ("umol", 230), ("男", 280), ("59-104", 300)]
    )
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "肌酐", "value": "180", "flag": "↑", "unit": "umol", "range": "男 59-104"
    }  # fmt: skip
    lines = page_lines([("淋巴细胞比率", 20), ("15.1", 150), ("↓", 185), ("20--40", 211)])
    (rec,) = line_records(lines)
    assert cells(rec)["range"] == "20--40"  # a range ending the line is no unit


def test_a_mark_column_plus_is_the_flag_and_a_short_index_ends_the_name() -> None:
    lines = page_lines(
        [("滴度 1", 20), ("1:1280", 150), ("阴性", 220), ("+", 280)],
        [("抗ds-DNA(短膜虫法)", 20), ("阳性", 150), ("十", 280)],  # OCR reads + as the CJK ten
    )
    first, second = line_records(lines)
    assert cells(first) == {"name": "滴度 1", "value": "1:1280", "range": "阴性", "flag": "+"}
    assert cells(second) == {"name": "抗ds-DNA(短膜虫法)", "value": "阳性", "flag": "十"}
    assert all(is_result(score_row(record_row(r, 1))) for r in (first, second))


def test_a_result_word_keeps_its_index_and_a_bracketed_range_is_one_cell() -> None:
    lines = page_lines(
        [("Anti HCV", 20), ("Am tlnh", 150), ("0.032", 200), ("(COI", 260), ("< 1.0", 285),
         (")", 310), ("SHLS/QTXN/09", 400)]
    )  # fmt: skip
    rec = line_records(lines)[0]
    assert cells(rec) == {"name": "Anti HCV", "value": "Am tlnh 0.032", "range": "(COI < 1.0 )"}
    row = record_row(rec, 1)
    assert is_result(score_row(row))


def test_an_arrow_glued_to_the_range_after_the_value_is_the_flag() -> None:
    lines = page_lines([("中性粒细胞#", 20), ("1.58", 120), ("↓2.4-4.0", 170), ("×10^9/L", 240)])
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "中性粒细胞#", "value": "1.58", "flag": "↓", "range": "2.4-4.0", "unit": "×10^9/L"
    }  # fmt: skip
    lines = page_lines([("红细胞体积分布-W12.3", 20), ("11.6-13.7", 200), ("%", 260)])
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "红细胞体积分布-W",
        "value": "12.3",
        "range": "11.6-13.7",
        "unit": "%",
    }


def test_a_bound_after_the_unit_ending_the_line_is_the_range_of_an_empty_result() -> None:
    lines = page_lines([("Triglycerides", 20), ("mg/dL", 300), ("<150", 400)])
    assert [cells(r) for r in line_records(lines)] == []  # no value printed: no result
    lines = page_lines([("Ferritin", 20), ("<5.0", 200), ("ng/mL", 300), ("30-400", 400)])
    (rec,) = line_records(lines)
    assert cells(rec)["value"] == "<5.0" and cells(rec)["range"] == "30-400"


def test_a_row_end_grouped_with_the_line_above_goes_to_the_row_that_lacks_it() -> None:
    lines = page_lines(
        [("11", 5), ("单核细胞#", 20), ("0.30", 120), ("0.1-0.6", 180), ("×10^9/L", 250)],
        [("↓", 165), ("2.4-4.0", 180), ("×10^9/L", 250), ("23", 330), ("平均血小板体积", 345),
         ("10.4", 450), ("6.5-11.0", 500), ("fl", 570)],
        [("12", 5), ("中性粒细胞#", 20), ("1.58", 120)],
        pitch=9.0,
    )  # fmt: skip
    got = {cells(r)["name"]: cells(r) for r in line_records(lines)}
    assert got["中性粒细胞#"] == {
        "index": "12", "name": "中性粒细胞#", "value": "1.58", "flag": "↓", "range": "2.4-4.0",
        "unit": "×10^9/L",
    }  # fmt: skip
    assert "flag" not in got["单核细胞#"] and got["平均血小板体积"]["value"] == "10.4"


def test_word_results_of_smear_findings_but_not_of_measured_analytes() -> None:
    lines = page_lines(
        [("RBC MORPHOLOGY", 10), ("Normocytic Normochromic", 200)],
        [("WBC MORPHOLOGY", 10), ("Neutrophilia", 200)],
        [("HEMOPARASITES", 10), ("Nil", 200)],
        [("ABNORMAL CELLS", 10), ("Nil", 200)],  # a flag word that begins a name
        [("Haemoglobin", 10), ("Reduced", 200)],  # a measured analyte: a word is no result
    )
    recs = line_records(lines)
    results = [cells(r) for r in recs if is_result(score_row(record_row(r, 1)))]
    assert results == [
        {"name": "RBC MORPHOLOGY", "value": "Normocytic Normochromic"},
        {"name": "WBC MORPHOLOGY", "value": "Neutrophilia"},
        {"name": "HEMOPARASITES", "value": "Nil"},
        {"name": "ABNORMAL CELLS", "value": "Nil"},
    ]


def test_a_unit_carrying_the_flag_column_mark_is_the_unit() -> None:
    lines = page_lines(
        [("WBC *白细胞", 20), ("47.24", 140), ("1×10^9/L", 175), ("3.50", 220), ("-9.50", 245),
         ("17", 280), ("MCH", 292), ("32.8", 415), ("↑pg", 450), ("27.0", 500), ("32.0", 540)]
    )  # fmt: skip
    recs = line_records(lines)
    assert [cells(r) for r in recs] == [
        {"name": "WBC *白细胞", "value": "47.24", "unit": "1×10^9/L", "range": "3.50 -9.50"},
        {"index": "17", "name": "MCH", "value": "32.8", "unit": "↑pg", "range": "27.0 32.0"},
    ]


def test_a_code_ending_the_line_of_a_word_result_test_is_its_result() -> None:
    lines = page_lines([("GFR", 41), ("Category", 63), ("G1", 276)])
    (rec,) = line_records(lines)
    assert cells(rec) == {"name": "GFR Category", "value": "G1"}


def test_a_percentage_and_its_absolute_count_on_one_row() -> None:
    """``Lymphocytes 19 % 20 - 40 2008 /cmm 1100 - 3300``: two results of one test."""
    lines = page_lines(
        [("Lymphocytes", 10), ("19", 172), ("%", 219), ("20 - 40", 241), ("2008", 344),
         ("/cmm", 388), ("1100 - 3300", 424)]
    )  # fmt: skip
    first, second = (cells(r) for r in line_records(lines))
    assert first == {"name": "Lymphocytes", "value": "19", "unit": "%", "range": "20 - 40"}
    assert second == {
        "name": "Lymphocytes",
        "value": "2008",
        "unit": "/cmm",
        "range": "1100 - 3300",
    }


def test_a_number_after_a_unit_that_is_no_percentage_is_no_second_value() -> None:
    lines = page_lines([("Glucose", 10), ("5.4", 172), ("mmol/L", 219), ("3.9 - 6.1", 300)])
    (rec,) = line_records(lines)
    assert cells(rec)["range"] == "3.9 - 6.1"


def test_a_bracketed_flag_before_the_value_is_the_flag() -> None:
    """``MCV  (H) 105.0  fL  82 - 98``: the flag letter in brackets is no name."""
    lines = page_lines([("MCV", 10), ("(H)", 150), ("105.0", 172), ("fL", 230), ("82 - 98", 300)])
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "MCV",
        "flag": "(H)",
        "value": "105.0",
        "unit": "fL",
        "range": "82 - 98",
    }


def test_thousands_set_apart_by_spaces_are_one_number_and_columns_are_not() -> None:
    lines = page_lines(
        [("HEMATIES", 10), ("5 260 000", 150), ("/mm3", 220), ("4.6 à 6.0", 300)],
        [("Natrium", 10), ("140", 150), ("mmol/L", 190), ("136", 300), ("146", 350)],
    )
    first, second = line_records(lines)
    assert cells(first)["value"] == "5 260 000"
    assert cells(second)["value"] == "140" and cells(second)["range"] == "136 146"


def test_a_count_after_a_percentage_takes_the_unit_and_range_after_it() -> None:
    lines = page_lines(
        [("Lymphocytes", 10), ("31,6", 150), ("%", 185), ("2 275", 220), ("/mm3", 260),
         ("1500 à 4000", 320)],
        [("LUC", 10), ("2,1", 150), ("%", 185), ("151", 220), ("/mm3", 260)],
    )  # fmt: skip
    recs = line_records(lines)
    assert [cells(r) for r in recs] == [
        {"name": "Lymphocytes", "value": "31,6", "unit": "%"},
        {"name": "Lymphocytes", "value": "2 275", "unit": "/mm3", "range": "1500 à 4000"},
        {"name": "LUC", "value": "2,1", "unit": "%"},
        {"name": "LUC", "value": "151", "unit": "/mm3"},
    ]


def test_a_unit_glued_to_its_value_is_cut_off_and_a_bound_keeps_its_unit() -> None:
    lines = page_lines(
        [("Fer sérique", 10), ("103,9µg/100ml", 150), ("66 à 166", 300)],
        [("HDL-C", 10), ("1.54", 150), (">1.04mmol/L", 300)],
    )
    fer, hdl = line_records(lines)
    assert cells(fer) == {
        "name": "Fer sérique", "value": "103,9", "unit": "µg/100ml", "range": "66 à 166"
    }  # fmt: skip
    assert cells(hdl) == {"name": "HDL-C", "value": "1.54", "range": ">1.04mmol/L"}


def test_french_bound_words_make_a_range() -> None:
    lines = page_lines(
        [("BILIRUBINE TOTALE", 10), ("4,2", 150), ("mg/l", 190), ("Inf à 10.0", 300)]
    )
    (rec,) = line_records(lines)
    assert cells(rec)["range"] == "Inf à 10.0"


def test_a_test_printed_again_in_a_molar_unit_on_the_next_line_takes_its_name() -> None:
    lines = page_lines(
        [("GLYCEMIE A JEUN", 10), ("0,88", 200), ("g/l", 240), ("0.70 à 1.10", 300)],
        [("4,88", 200), ("mmol/l", 240), ("3.88 à 6.11", 300)],
        [("CREATININE", 10), ("9,9", 200), ("mg/l", 240), ("7,3 à 13,5", 300)],
        pitch=11.0,
    )
    recs = line_records(lines)
    assert [(cells(r)["name"], cells(r)["value"]) for r in recs] == [
        ("GLYCEMIE A JEUN", "0,88"),
        ("GLYCEMIE A JEUN", "4,88"),
        ("CREATININE", "9,9"),
    ]


def test_a_nameless_value_in_another_unit_that_is_no_conversion_stays_nameless() -> None:
    # the next row's value printed above its name (a photo out of register): MCH is no
    # haematocrit in picograms, so the value is not the line above's second unit
    lines = page_lines(
        [("HAEMATOCRIT", 10), ("38.2", 200), ("%", 240), ("36-46", 300)],
        [("29.8", 200), ("pg", 240), ("27-32", 300)],
        pitch=11.0,
    )
    assert [cells(r)["name"] for r in line_records(lines)] == ["HAEMATOCRIT"]


def test_a_method_note_in_the_name_place_gives_way_to_the_name_above() -> None:
    lines = page_lines(
        [("BILIRUBINE TOTALE", 10), ("4,2", 200), ("mg/l", 240), ("Inf à 10.0", 300)],
        [("(Méthode Vanadate oxydation)", 10), ("7,2", 200), ("µmol/l", 240), ("Inf à 17.1", 300)],
        pitch=11.0,
    )
    recs = line_records(lines)
    name_noted_units(recs)
    assert [(cells(r)["name"], cells(r).get("method")) for r in recs] == [
        ("BILIRUBINE TOTALE", None),
        ("BILIRUBINE TOTALE", "(Méthode Vanadate oxydation)"),
    ]


def test_a_range_whose_dash_is_glued_to_a_number_is_one_token() -> None:
    (line,) = page_lines([("VGM", 10), ("83,9", 200), ("u^3", 240), ("79,0", 300), ("-92,2", 322)])
    assert [t.text for t in tokens_of(line)] == ["VGM", "83,9", "u^3", "79,0 -92,2"]


def test_a_count_after_a_share_printed_without_its_percent_sign_is_a_second_result() -> None:
    lines = page_lines(
        [("LYMPHOCYTES", 10), ("36,0", 150), ("2 041", 220), ("/mm3", 260), ("1200 à 4000", 320)],
        [("Lymphocytes #", 10), ("1.6", 150), ("0.4", 220), ("K/uL", 260), ("0.7-3.1", 320)],
    )
    recs = line_records(lines)
    assert [cells(r)["value"] for r in recs] == ["36,0", "2 041", "1.6"]  # LYM# 0.4: a history
    assert cells(recs[1]) == {
        "name": "LYMPHOCYTES", "value": "2 041", "unit": "/mm3", "range": "1200 à 4000"
    }  # fmt: skip


def test_a_range_label_n_colon_is_dropped_and_a_unit_like_name_opens_its_row() -> None:
    lines = page_lines(
        [("Leucocytes / mm3", 10), ("Absence", 200), ("N: Inf à 10", 300)],
        [("pH", 40), ("6,0", 200)],
    )
    leuco, ph = line_records(lines)
    assert cells(leuco)["range"] == "Inf à 10"
    assert cells(ph) == {"name": "pH", "value": "6,0"}


def test_a_result_word_inside_a_known_name_stays_in_the_name() -> None:
    lines = page_lines(
        [("Protéine C reactive", 10), ("Inf à 3.0", 200), ("mg/L", 280), ("< 5", 330)],
        [("HIV", 10), ("Reactive", 200)],
    )
    crp, hiv = line_records(lines)
    assert cells(crp)["name"] == "Protéine C reactive" and cells(crp)["value"] == "Inf à 3.0"
    assert cells(hiv) == {"name": "HIV", "value": "Reactive"}


def test_a_result_phrase_is_one_value() -> None:
    lines = page_lines([("Cylindres :", 10), ("Absence de cylindres", 200)])
    (rec,) = line_records(lines)
    assert cells(rec)["value"] == "Absence de cylindres"
    assert is_result(score_row(record_row(rec, 1)))


def test_a_share_and_its_count_each_take_their_range_when_ranges_follow_in_order() -> None:
    lines = page_lines(
        [("NEUTROPHILS", 10), ("60.9", 200), ("%", 240), ("4.9", 270), ("40%-80%", 330),
         ("(2.0-7.0)", 400)],
    )  # fmt: skip
    share, count = line_records(lines)
    assert cells(share) == {"name": "NEUTROPHILS", "value": "60.9", "unit": "%", "range": "40%-80%"}
    assert cells(count) == {"name": "NEUTROPHILS", "value": "4.9", "range": "(2.0-7.0)"}


def test_each_range_takes_the_unit_printed_after_it_when_both_values_come_first() -> None:
    """``Neutrófilos 23,6 1.569 de 15,0 até 39,0 % de 1.500 até 8.500 /µL``."""
    lines = page_lines(
        [("Neutrófilos", 10), ("23,6", 150), ("1.569", 200), ("de 15,0 até 39,0", 250),
         ("%", 340), ("de 1.500 até 8.500", 370), ("/µL", 470)],
    )  # fmt: skip
    share, count = line_records(lines)
    assert cells(share) == {
        "name": "Neutrófilos", "value": "23,6", "unit": "%", "range": "de 15,0 até 39,0",
    }  # fmt: skip
    assert cells(count) == {
        "name": "Neutrófilos", "value": "1.569", "unit": "/µL", "range": "de 1.500 até 8.500",
    }  # fmt: skip


def test_a_word_that_makes_the_unit_before_it_longer_joins_it() -> None:
    lines = page_lines(
        [("Microalbumin/Creatinine", 10), ("5", 200), ("mcg/mg", 300), ("creat", 340),
         ("<30", 400), ("01", 500)],
    )  # fmt: skip
    (rec,) = line_records(lines)
    assert cells(rec)["unit"] == "mcg/mg creat"


def test_a_range_whose_dash_ocr_read_as_a_dot_is_one_range() -> None:
    """``10.8 . 14.7`` (a dot alone between the bounds), ``3.7.5.7`` (glued) and ``32.0. 45.0``
    (glued to the low) off a photo."""
    lines = page_lines(
        [("HEMOGLOBINA", 10), ("6.7", 150), ("g/dL", 220), ("10.8 . 14.7", 300), ("7.8", 420)],
        [("ERITROCITOS", 10), ("2.6", 150), ("M/uL", 220), ("3.7.5.7", 300), ("29", 420)],
        [("pCO2", 10), ("29.9", 150), ("mmHg", 220), ("32.0. 45.0", 300), ("28.4", 420)],
    )
    ocr = [replace(w, confidence=0.9) for line in lines for w in line.words]
    recs = line_records(cluster_lines(ocr))
    assert [(cells(r)["value"], cells(r)["range"]) for r in recs] == [
        ("6.7", "10.8 . 14.7"),
        ("2.6", "3.7.5.7"),
        ("29.9", "32.0. 45.0"),
    ]
    printed = tokens_of(lines[0])  # a text layer's lone dot is no dash
    assert "10.8 . 14.7" not in [t.text for t in printed]


def test_a_method_code_column_is_set_aside_but_a_misread_unit_column_is_not() -> None:
    from checkup2action.tables.codecolumns import constant_codes

    methods = page_lines(*[[(n, 10), (v, 150), ("PHO", 200), ("U/L", 260)] for n, v in
                           (("ALT", "23"), ("AST", "35"), ("GGT", "27"))])  # fmt: skip
    assert constant_codes(methods) == frozenset({"PHO"})
    # ``UA`` for ``U/l`` (slash lost, litre read as A) in the column where other rows print units
    misread = page_lines(*[[(n, 10), (v, 150), (u, 200)] for n, v, u in
                           (("GOT", "23", "UA"), ("GPT", "35", "UA"), ("GGT", "27", "U/A"),
                            ("LDH", "181", "UA"), ("Glucose", "90", "mg/dl"),
                            ("BUN", "10.3", "mg/dl"))])  # fmt: skip
    assert constant_codes(misread) == frozenset()
    got = [cells(r) for r in line_records(misread)]
    assert got[0] == {"name": "GOT", "value": "23", "unit": "UA"}


def test_interpretive_bands_after_a_result_and_on_the_lines_below_are_its_range() -> None:
    lines = page_lines(
        [("Triglyceride", 10), ("160", 200), ("mg/dl", 300), ("-", 380), ("Optimal", 390),
         (":", 440), ("<200", 450)],
        [("-", 380), ("Border", 390), ("Line", 430), (":", 460), ("200-", 470)],
        [("400", 380)],
        [("-High", 380), (":", 420), (">400", 430)],
        [("HDL", 10), ("43", 200), ("mg/dl", 300), (">35", 380)],
        [("Glucose", 10), ("Fasting", 390), (":", 440), ("<100", 450)],
    )  # fmt: skip
    recs = line_records(lines)
    assert [cells(r) for r in recs][:2] == [
        {"name": "Triglyceride", "value": "160", "unit": "mg/dl",
         "range": "Optimal : <200 - Border Line : 200- 400 -High : >400"},
        {"name": "HDL", "value": "43", "unit": "mg/dl", "range": ">35"},
    ]  # fmt: skip


def test_a_band_label_naming_a_test_is_no_band() -> None:
    assert is_band("- Optimal : <200", names_analyte) and is_band("Border Line : 200-")
    assert not is_band("Glucose : <100", names_analyte)
    assert not is_band("Optimal <200") and not is_band("70-100")


def test_rows_named_test_and_control_take_the_heading_above_them() -> None:
    lines = page_lines(
        [("PROTHROMBIN", 10), ("TIME", 90)],
        [("TEST", 10), (":", 60), ("14.0", 150), ("Seconds", 200), ("11.0", 280), ("-", 300),
         ("13.5", 310)],
        [("CONTROL", 10), (":", 60), ("12.0", 150), ("Seconds", 200)],
        [("INR", 10), ("1.2", 150)],
    )  # fmt: skip
    names = [cells(r)["name"] for r in line_records(lines)]
    assert names == ["PROTHROMBIN TIME TEST", "PROTHROMBIN TIME CONTROL", "INR"]


def test_a_row_named_test_with_no_heading_above_keeps_its_name() -> None:
    lines = page_lines(
        [("Glucose", 10), ("5.1", 150), ("mmol/L", 200)],
        [("Test", 10), (":", 60), ("14.0", 150), ("Seconds", 200)],
    )  # fmt: skip
    assert [cells(r)["name"] for r in line_records(lines)] == ["Glucose", "Test :"]


def test_sedimentation_hours_take_the_heading_over_a_method_note() -> None:
    lines = page_lines(
        [("VITESSE DE SEDIMENTATION", 10)],
        [("(Méthode automatisée)", 10)],
        [("1ère HEURE", 10), ("9", 150), ("mm", 200), ("1 à 18", 280)],
        [("2ème heure", 10), ("15", 150), ("mm", 200)],
    )  # fmt: skip
    names = [cells(r)["name"] for r in line_records(lines)]
    assert names[-2:] == [
        "VITESSE DE SEDIMENTATION 1ère HEURE",
        "VITESSE DE SEDIMENTATION 2ème heure",
    ]


def test_a_heading_may_carry_a_mark_where_a_value_would_be() -> None:
    from checkup2action.tables.generic import name_generic_records
    from checkup2action.tables.records import Record
    from checkup2action.tables.roles import Role
    from checkup2action.tables.tokens import Token

    def record(line: int, **texts: str) -> Record:
        rec = Record(line=line)
        for role, text in texts.items():
            rec.put(Role(role), Token(words_at(text, 10.0, 100.0 + 14 * line)))
        return rec

    recs = [record(0, name="ESR", value="#"), record(1, name="1st hour", value="9")]
    name_generic_records(recs)
    assert recs[1].cells[Role.NAME].text == "ESR 1st hour"
    recs = [record(0, name="Sugar", value="-"), record(1, name="Test", value="9")]
    name_generic_records(recs)  # a dash is a result (negative), so Sugar is no heading
    assert recs[1].cells[Role.NAME].text == "Test"


def test_a_result_whose_label_is_dropped_takes_the_block_heading_past_facts_and_a_column_heading() -> (
    None
):
    # one test per block (made up): its name as the heading, lines about the sample and method,
    # the range column's heading, then ``RESULTADO:`` (a label, dropped) with the value
    lines = page_lines(
        [("FERRO SÉRICO", 10)],
        [("Material biológico: Soro", 10)],
        [("Método: Ferrozine", 10)],
        [("VALOR DE REFERÊNCIA", 380)],
        [("RESULTADO:", 10), ("129", 130), ("µg/dL", 180), ("33 - 193", 400)],
    )  # fmt: skip
    recs = line_records(lines)
    assert [(cells(r)["name"], cells(r)["value"]) for r in recs] == [("FERRO SÉRICO", "129")]
    assert cells(recs[0])["range"] == "33 - 193"


def test_a_result_with_no_name_under_another_result_takes_no_heading() -> None:
    lines = page_lines(
        [("UREIA", 10)],
        [("Glicose", 10), ("84", 130), ("mg/dL", 180)],
        [("RESULTADO:", 10), ("32", 130), ("mg/dL", 180)],
    )  # fmt: skip
    assert [cells(r)["name"] for r in line_records(lines)] == ["Glicose"]


def test_a_method_printed_beside_the_name_is_its_method_not_a_new_row() -> None:
    lines = page_lines(
        [("MCV", 10), ("Derived", 110), ("90.3", 200), ("fL", 250), ("83 - 101", 300)],
        [("MCH", 10), ("Calculated", 110), ("30.2", 200), ("pg", 250), ("27.1 - 32.5", 300)],
    )  # fmt: skip
    recs = line_records(lines)
    assert [(cells(r)["name"], cells(r)["value"]) for r in recs] == [
        ("MCV", "90.3"),
        ("MCH", "30.2"),
    ]
    assert [cells(r)["method"] for r in recs] == ["Derived", "Calculated"]


def test_a_percent_sign_read_as_8_between_a_share_and_its_count_is_the_shares_unit() -> None:
    lines = page_lines(
        [("Segmentados....:", 10), ("48,0", 130), ("8", 160), ("3.696", 210), ("/mm3", 245),
         ("2.250 a 6.000", 300), ("/mm3", 380)],
        [("Basófilos......:", 10), ("0,0", 130), ("8", 160), ("0", 230), ("/mm3", 245),
         ("0 a 100", 300), ("/mm3", 380)],
        [("Leucócitos.....:", 10), ("100", 130), ("8", 160), ("7.700", 210), ("/mm3", 245),
         ("4.500 a 10.000", 300), ("/mm3", 380)],
    )  # fmt: skip
    recs = line_records(lines)
    assert [(cells(r)["value"], cells(r).get("unit")) for r in recs] == [
        ("48,0", "%"), ("3.696", "/mm3"), ("0,0", "%"), ("0", "/mm3"), ("100", "%"),
        ("7.700", "/mm3"),
    ]  # fmt: skip
    assert cells(recs[1])["range"] == "2.250 a 6.000"


def test_an_8_whose_count_disagrees_with_the_share_is_not_a_percent_sign() -> None:
    lines = page_lines(
        [("Segmentados", 10), ("48,0", 130), ("8", 160), ("300.000", 210), ("/mm3", 245)],
        [("Hemoglobina", 10), ("100", 130), ("8", 160), ("7.700", 210), ("/mm3", 245)],
    )
    for line in lines:
        assert "%" not in [t.text for t in tokens_of(line)]
        assert all(cells(r).get("unit") != "%" for r in line_records([line]))


def test_a_value_glued_to_a_unit_that_starts_with_a_slash_is_cut() -> None:
    (line,) = page_lines([("Plaquetas", 10), ("202.000/mm3", 130), ("150.000 a 400.000", 300)])
    (rec,) = line_records([line])
    assert cells(rec) == {
        "name": "Plaquetas", "value": "202.000", "unit": "/mm3", "range": "150.000 a 400.000"
    }  # fmt: skip


def test_a_column_of_colons_and_square_bracketed_ranges_with_their_unit_inside() -> None:
    lines = page_lines(
        [("HCT", 10), (":", 120), ("33.5", 130), ("%", 200), ("[35 - 50", 240), ("%]", 275)],
        [("M.C.V.", 10), (":", 120), ("80.4", 130), ("femtolitre", 200), ("[82-98", 260),
         ("femtolitre]", 292)],
    )  # fmt: skip
    hct, mcv = line_records(lines)
    assert cells(hct) == {"name": "HCT :", "value": "33.5", "unit": "%", "range": "[35 - 50 %]"}
    assert cells(mcv)["unit"] == "femtolitre" and cells(mcv)["range"] == "[82-98 femtolitre]"
    assert is_result(score_row(record_row(hct, 1)))  # a short name before a spaced colon


def test_a_risk_its_cut_off_and_the_verdict_make_one_record() -> None:
    """A prenatal screen's risk table: ``name  >1/20  1/270  Nguy cơ cao`` (made-up figures)."""
    lines = page_lines([("Hội chứng Patau", 10), (">1/20", 150), ("1/270", 200),
                        ("Nguy cơ cao", 250)])  # fmt: skip
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "Hội chứng Patau",
        "value": ">1/20",
        "range": "1/270",
        "flag": "Nguy cơ cao",
    }


def test_a_row_of_a_table_the_model_missed_reads_with_the_pages_method_codes_set_aside() -> None:
    """Two rows under their own header in a region the model called prose: the method column's
    ``PHO``, known from the page's other tables, is no name of a second test."""
    from checkup2action.tables.codecolumns import constant_codes
    from checkup2action.tables.extract import reads_as_result

    lines = page_lines(*[[(n, 10), ("PHO", 120), (v, 160), ("mg/dl", 190)] for n, v in
                         (("Albumin", "3.9"), ("Urea", "41"), ("Glucose", "92"))])  # fmt: skip
    assert not reads_as_result(lines[1])
    assert reads_as_result(lines[1], constant_codes(lines))


def test_a_value_with_its_comparator_word_after_it_is_the_value_not_a_range() -> None:
    """``CRP定量  0.04以下  mg/dL  0.30以下``: the first bound is the result, the second its range."""
    lines = page_lines([("CRP定量", 10), ("0.04以下", 150), ("mg/dL", 220), ("0.30以下", 300)])
    (rec,) = line_records(lines)
    assert cells(rec) == {
        "name": "CRP定量",
        "value": "0.04以下",
        "unit": "mg/dL",
        "range": "0.30以下",
    }


def test_a_lone_dash_after_a_word_result_is_its_reference_but_not_after_a_number() -> None:
    """Made up: a dipstick row prints ``-`` as the expected (negative) result; after a number a
    dash is no reference."""
    lines = page_lines(
        [("Nitrite", 10), ("Negative", 150), ("-", 260)],
        [("Protein", 10), ("+", 150), ("-", 260)],
        [("Glucose", 10), ("5.4", 150), ("-", 260)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert [g.get("range") for g in got] == ["-", "-", None]


def test_a_bound_and_its_comparator_word_read_apart_are_one_range() -> None:
    """Made up: OCR reads ``190 미만`` (below 190) and ``1.2 未満`` as two words each."""
    lines = page_lines(
        [("총콜레스테롤", 10), ("182", 150), ("190", 250), ("미만", 275)],
        [("HDL", 10), ("52", 150), ("45", 250), ("이상", 270)],
        [("HCV抗体", 10), ("0.3", 150), ("1.2", 250), ("未満", 275)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert [g.get("range") for g in got] == ["190 미만", "45 이상", "1.2 未満"]


def test_a_lone_range_in_the_counts_range_column_is_the_counts() -> None:
    """A differential of shares and counts, each with a range column (made up); one line's
    share has no range, and its one range sits in the counts' column."""
    lines = page_lines(
        [("Eosinófilos", 10), ("4", 200), ("280", 280), ("1", 390), ("a", 402), ("5", 410),
         ("40", 480), ("a", 495), ("450", 505)],
        [("Bastões", 10), ("47", 200), ("2.950", 280), ("1.600", 475), ("a", 500),
         ("7.400", 508)],
        [("Monócitos", 10), ("7", 200), ("410", 280), ("2", 390), ("a", 402), ("9", 410),
         ("250", 480), ("a", 495), ("1.050", 505)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert [(g["value"], g.get("range")) for g in got] == [
        ("4", "1 a 5"), ("280", "40 a 450"), ("47", None), ("2.950", "1.600 a 7.400"),
        ("7", "2 a 9"), ("410", "250 a 1.050"),
    ]  # fmt: skip


def test_earlier_results_before_the_printed_range_are_no_range() -> None:
    """A cumulative report: the current result, earlier results, the unit, the range (made
    up). Two bare numbers there are earlier results; ``10~9/L`` is a unit, not a range."""
    lines = page_lines(
        [("Total", 10), ("Leucocyte", 40), ("Count", 90), ("3.1", 150), ("3.4", 210),
         ("6.2", 270), ("3.3", 330), ("9.0", 390), ("10~9/L", 450), ("4.0-10.0", 495)],
    )  # fmt: skip
    assert [cells(r) for r in line_records(lines)] == [
        {"name": "Total Leucocyte Count", "value": "3.1", "unit": "10~9/L", "range": "4.0-10.0"}
    ]


def test_two_bare_numbers_stay_a_range_when_the_printed_range_is_the_next_tests() -> None:
    lines = page_lines(
        [("WBC", 10), ("5.2", 80), ("4", 120), ("10", 140), ("RBC", 250), ("4.5", 320),
         ("4.0-5.5", 360)],
    )  # fmt: skip
    assert [cells(r).get("range") for r in line_records(lines)] == ["4 10", "4.0-5.5"]


def test_two_units_alone_on_a_line_head_the_shares_and_counts_under_it() -> None:
    """``%  /mm3`` over a differential's two range columns (made up): each line's share and
    count take them in order."""
    lines = page_lines(
        [("%", 400), ("/mm3", 490)],
        [("Eosinófilos", 10), ("4", 200), ("280", 280), ("1", 390), ("a", 402), ("5", 410),
         ("40", 480), ("a", 495), ("450", 505)],
        [("Monócitos", 10), ("7", 200), ("410", 280), ("2", 390), ("a", 402), ("9", 410),
         ("250", 480), ("a", 495), ("1.050", 505)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert [(g["value"], g.get("unit")) for g in got] == [
        ("4", "%"),
        ("280", "/mm3"),
        ("7", "%"),
        ("410", "/mm3"),
    ]
