"""Ranges printed as labelled bands: one per sex or age group, on the result's line and below."""

from __future__ import annotations

from checkup2action.tables.bands import is_band
from checkup2action.tables.linereader import line_records
from checkup2action.tables.scoring import names_analyte
from tests.tables.test_linereader import cells, page_lines


def test_a_range_for_each_sex_on_two_lines_is_one_range() -> None:
    lines = page_lines(
        [("Urato", 10), ("6,1", 150), ("mg/dL", 200), ("HOMEM:", 400), ("3,0", 445), ("a", 465),
         ("7,2", 475), ("mg/dL", 500)],
        [("MULHER:", 398), ("2,5", 447), ("a", 467), ("5,9", 477), ("mg/dL", 502)],
    )  # fmt: skip
    assert [cells(r) for r in line_records(lines)] == [
        {"name": "Urato", "value": "6,1", "unit": "mg/dL",
         "range": "HOMEM: 3,0 a 7,2 mg/dL MULHER: 2,5 a 5,9 mg/dL"},
    ]  # fmt: skip


def test_a_labelled_range_on_the_results_line_is_its_range() -> None:
    lines = page_lines(
        [("Bilirrubina", 10), ("0,52", 150), ("mg/dL", 200), ("Adultos:", 400), ("Até", 450),
         ("1,1", 472), ("mg/dL", 500)],
        [("Tirotropina", 10), ("1,9", 150), ("mUI/L", 200), ("De:", 400), ("0,4", 425),
         ("-", 445), ("4,5", 455)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert [g.get("range") for g in got] == ["Adultos: Até 1,1 mg/dL", "De: 0,4 - 4,5"]


def test_centred_bands_wider_than_the_first_join_its_range() -> None:
    """A centred range column: a wider band under the first starts further left than it."""
    lines = page_lines(
        [("Glicose", 10), ("88", 150), ("mg/dL", 200), ("Adultos:", 400), ("<", 440),
         ("99", 450), ("mg/dL", 465)],
        [("Pré", 380), ("diabetes:", 398), ("99", 440), ("a", 455), ("124", 465), ("mg/dL", 485)],
        [("Diabetes", 380), ("Mellitus:", 420), ("=", 458), ("125", 466), ("mg/dL", 485)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert got == [
        {"name": "Glicose", "value": "88", "unit": "mg/dL",
         "range": "Adultos: < 99 mg/dL Pré diabetes: 99 a 124 mg/dL "
                  "Diabetes Mellitus: = 125 mg/dL"},
    ]  # fmt: skip


def test_a_phrase_ending_in_a_colon_opens_no_range() -> None:
    """``até 40 anos:`` (made up) is one phrase: its last word is no label of the range after it."""
    lines = page_lines(
        [("Testosterona", 10), ("5,1", 150), ("ng/mL", 200)],
        [("Adultos", 300), ("até", 345), ("40", 365), ("anos:", 380), ("2,50", 420), ("-", 445),
         ("8,40", 455), ("ng/mL", 490)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert not any(g.get("range", "").startswith("anos:") for g in got)


def test_a_label_naming_a_test_is_a_next_result_not_a_range() -> None:
    lines = page_lines(
        [("Sodium", 10), ("140", 150), ("mmol/L", 200), ("Potassium:", 300), ("3.5-5.1", 380)],
    )  # fmt: skip
    assert all("range" not in cells(r) for r in line_records(lines)[:1])


def test_bands_with_a_separator_word_and_a_unit() -> None:
    assert is_band("MULHER: 2,5 a 5,9 mg/dL", names_analyte)
    assert is_band("Homens: 30 - 400 ng/mL") and is_band("Frauen: < 40 U/l")
    assert not is_band("Glucose: 70 - 99 mg/dL", names_analyte)
    assert not is_band("Nota: ver tabela")


def test_a_sex_alone_heads_the_centred_bands_under_it() -> None:
    """``Mulher:`` alone on its line, then one band per phase of the cycle, each centred in the
    range column (starting left of the first band); a star-printed sex opens the range."""
    lines = page_lines(
        [("Lutropina", 10), ("0,9", 150), ("mUI/mL", 200), ("*Homem*:", 400), ("1,5", 445),
         ("-", 465), ("9,0", 475)],
        [("Mulher:", 430)],
        [("Fase", 386), ("folicular:", 405), ("2,0", 445), ("-", 465), ("12,0", 475)],
        [("Fase", 378), ("ovulatória:", 397), ("15,0", 445), ("-", 465), ("90,0", 475)],
        [("Pós", 380), ("menopausa:", 397), ("8,0", 445), ("-", 465), ("60,0", 475)],
        [("Observação:", 10), ("amostra", 80), ("hemolisada", 130)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert got[0]["range"] == (
        "*Homem*: 1,5 - 9,0 Mulher: Fase folicular: 2,0 - 12,0 Fase ovulatória: 15,0 - 90,0"
        " Pós menopausa: 8,0 - 60,0"
    )
    assert not any("Observação" in g.get("range", "") for g in got)


def test_labelled_bands_under_an_unlabelled_range_join_it_but_a_test_s_name_does_not() -> None:
    """Made up: trimester bands under a thyroid result's range; then a next test printed in the
    range column's place with its own range is no band."""
    lines = page_lines(
        [("Free T4", 10), ("14.0", 150), ("11.0-22.0", 300), ("pmol/L", 350)],
        [("First", 300), ("Trimester:9.0-24.0", 325)],
        [("Second", 300), ("Trimester:6.0-20.0", 335)],
        [("Glucose:", 300), ("3.9-6.1", 345)],
    )  # fmt: skip
    got = [cells(r) for r in line_records(lines)]
    assert got[0]["range"] == "11.0-22.0 First Trimester:9.0-24.0 Second Trimester:6.0-20.0"
    assert "Glucose" not in got[0]["range"]


def test_bands_by_age_group_are_one_range() -> None:
    """Each band opens with its ages and no colon (made up); the ages are no range."""
    lines = page_lines(
        [("Fosfatase", 10), ("alcalina", 60), ("72", 150), ("U/L", 190), ("0", 400), ("a", 408),
         ("10", 416), ("dias", 430), ("70-250", 450), ("U/L", 482)],
        [("10", 390), ("dias", 402), ("a", 422), ("1", 430), ("ano", 438), ("90-420", 456),
         ("U/L", 492)],
        [("1", 396), ("a", 403), ("12", 411), ("anos", 424), ("100-380", 447), ("U/L", 484)],
        [("Adultos:", 403), ("35", 440), ("-", 452), ("115", 458), ("U/L", 477)],
    )  # fmt: skip
    (rec,) = line_records(lines)
    assert cells(rec)["range"] == (
        "0 a 10 dias 70-250 U/L 10 dias a 1 ano 90-420 U/L 1 a 12 anos 100-380 U/L"
        " Adultos: 35 - 115 U/L"
    )
    assert (cells(rec)["value"], cells(rec)["unit"]) == ("72", "U/L")


def test_ages_with_a_colon_label_a_band() -> None:
    assert is_band("1 a 12 anos: 100-380 U/L")
    assert is_band("> 18 years 35-115")
    assert not is_band("3 a 7 anos")


def test_bands_by_sex_and_age_in_brackets_are_one_range() -> None:
    """``Homens (20 - 60 anos):`` (made up): a sex, the ages in brackets, then the band; the
    sex is no part of the unit before it."""
    lines = page_lines(
        [("Testosterona", 10), ("362", 110), ("pg/mL", 186), ("Homens", 357), ("(20", 395),
         ("-", 411), ("60", 417), ("anos):", 430), ("140", 461), ("a", 480), ("800", 487),
         ("pg/mL", 506)],
        [("Mulheres", 359), ("(18", 401), ("-", 417), ("45", 423), ("anos):", 436), ("15", 464),
         ("a", 477), ("600", 485), ("pg/mL", 504)],
    )  # fmt: skip
    (rec,) = line_records(lines)
    assert cells(rec)["unit"] == "pg/mL"
    assert cells(rec)["range"] == (
        "Homens (20 - 60 anos): 140 a 800 pg/mL Mulheres (18 - 45 anos): 15 a 600 pg/mL"
    )
