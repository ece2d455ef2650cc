"""Lines of a script the bundled recogniser does not know, read again with Tesseract."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from checkup2action.ocr import scripts
from checkup2action.ocr.base import OcrLine, quad_from_box
from checkup2action.ocr.scripts import (
    RescueOutcome,
    ScriptRescue,
    best_reading,
    choose_script,
    dropped_lines,
    erase_rulings,
    in_script,
    is_unread,
    reread,
    same_numbers,
    script_letters,
    unread_lines,
)
from checkup2action.ocr.splice import Glyph

SETTINGS = ScriptRescue()


def line(text: str, box: tuple[float, float, float, float], conf: float = 0.95) -> OcrLine:
    """An OCR line at an axis-aligned box (pixels)."""
    return OcrLine.from_box(text, box, conf)


def test_a_line_whose_reading_is_far_too_short_for_its_box_is_unread() -> None:
    # a 200-pixel Cyrillic name 18 pixels tall read as punctuation
    assert is_unread(line(" (.  .)", (20, 100, 220, 118)), SETTINGS)
    assert not is_unread(line("Hemoglobin", (20, 100, 110, 118)), SETTINGS)
    # short boxes say nothing: a lone percent sign is not a skipped word
    assert not is_unread(line("%", (20, 100, 40, 118)), SETTINGS)
    assert not is_unread(line("39.0 - 49.0", (20, 100, 100, 114)), SETTINGS)


def test_a_page_is_read_again_only_with_several_unread_lines() -> None:
    good = [line(f"Name {i} 12.5 g/L", (10, 20 * i, 150, 20 * i + 14)) for i in range(30)]
    bad = [line(", .", (10, 700 + 20 * i, 200, 714 + 20 * i)) for i in range(3)]
    assert unread_lines(good + bad[:2], SETTINGS) == []
    assert unread_lines(good + bad, SETTINGS) == [30, 31, 32]


def test_detected_lines_without_a_reading_come_back_empty() -> None:
    lines = [line("12.5", (100, 10, 140, 24))]
    quads = [quad_from_box(100, 9, 141, 25), quad_from_box(10, 10, 90, 24)]
    dropped = dropped_lines(quads, lines)
    assert [(d.text, d.box) for d in dropped] == [("", (10.0, 10.0, 90.0, 24.0))]


def test_a_detected_line_counts_as_read_when_a_reading_covers_half_the_smaller_box() -> None:
    lines = [line("7.1", (100, 10, 140, 24)), line("", (300, 50, 300, 60))]  # one box empty
    half = quad_from_box(120, 10, 200, 24)  # shares 20 x 14: half of the reading's box
    under_half = quad_from_box(121, 10, 200, 24)
    flat = quad_from_box(300, 50, 340, 50)  # no area: nothing covers it
    dropped = dropped_lines([half, under_half, flat], lines)
    assert [d.box for d in dropped] == [(121.0, 10.0, 200.0, 24.0), (300.0, 50.0, 340.0, 50.0)]
    assert dropped_lines([], lines) == [] and len(dropped_lines([half], [])) == 1


def test_numbers_are_kept_from_the_first_reading() -> None:
    assert same_numbers("46.0 /", "46,0 мкмоль/л", unread=False)
    assert not same_numbers("27,4 cek", "21.4 сек", unread=False)
    assert not same_numbers("(mg/dL)", "공복혈당(00/0.)", unread=False)  # digits made up
    assert same_numbers("", "Т4 свободный", unread=True)
    assert not same_numbers("0608861", "060886 МТЬ", unread=True)


def test_an_unsure_reading_counts_only_when_it_is_words_of_the_script() -> None:
    assert in_script("Креатинин", "CYRILLIC", 0.2, SETTINGS)
    assert not in_script("Креатинин", "CYRILLIC", 0.1, SETTINGS)
    assert not in_script("|| ,. :: Кр", "CYRILLIC", 0.3, SETTINGS)
    assert script_letters("MCHC (ср. конц.", "CYRILLIC") == 6


def test_rulings_caught_in_a_line_box_are_erased() -> None:
    picture = np.full((20, 60, 3), 255, np.uint8)
    picture[:, 1] = 0  # a cell's border
    picture[6:14, 20:40] = 0  # ink of a word
    grey = erase_rulings(picture)
    assert grey[:, 1].min() > 200 and grey[8, 30] < 50


def test_reread_replaces_names_and_units_but_not_numbers() -> None:
    image = np.full((200, 400, 3), 255, np.uint8)
    lines = [
        line(", %", (10, 10, 150, 28)),  # unread name
        line("12.5", (200, 10, 240, 28)),  # a plain number: never read again
        line("r/An", (260, 10, 300, 28)),  # a unit in Latin look-alikes
        line("", (10, 40, 130, 58)),  # dropped by RapidOCR
        line("27,4 cek", (200, 40, 280, 58)),  # a value Tesseract would change
    ]
    answers = iter(
        [
            ("Лимфоциты, %", 0.9),
            ("г/дл", 0.8),
            ("Креатинин", 0.3),  # unsure: read again inside the box's edges...
            ("Креатинин", 0.3),  # ...and still unsure
            ("21.4 сек", 0.9),
        ]
    )
    out = reread(image, lines, [0, 3], lambda picture: next(answers), "CYRILLIC", SETTINGS)
    assert [o.text for o in out] == ["Лимфоциты, %", "12.5", "г/дл", "Креатинин", "27,4 cek"]


def test_the_script_whose_reader_reads_the_sample_best_wins() -> None:
    image = np.full((100, 300, 3), 255, np.uint8)
    sample = [line("", (10, 10, 200, 28)), line("", (10, 40, 200, 58))]
    readers = {
        "CYRILLIC": lambda picture: ("Гемоглобин", 0.9),
        "HANGUL": lambda picture: ("혈", 0.4),
    }
    assert choose_script(image, sample, readers, SETTINGS) == "CYRILLIC"
    none_sure = {"HANGUL": lambda picture: ("혈색소", 0.2)}
    assert choose_script(image, sample, none_sure, SETTINGS) is None


def test_without_tesseract_the_page_keeps_its_reading_and_says_why(monkeypatch) -> None:
    monkeypatch.setattr(scripts, "_installed_languages", lambda: None)
    lines = [line(", .", (10, 20 * i, 200, 20 * i + 14)) for i in range(4)]
    out = scripts.rescue_scripts(np.full((100, 220, 3), 255, np.uint8), lines)
    assert out == RescueOutcome(lines, unread=4, installed=False)


def test_the_stage_warns_of_a_script_it_could_not_read() -> None:
    from checkup2action.ingestion.document import Page
    from checkup2action.ocr.stage import _script_unread

    warning = _script_unread(Page(2, 100, 100, kind="scanned"), 7, installed=False)
    assert warning.code == "SCRIPT_NOT_READ" and warning.page == 2
    assert "7 text lines" in warning.message and "tesseract-ocr-rus" in warning.message


ROWS = [
    ("Гематокрит, HCT", "49.4", "%", "39.0 - 49.0"),
    ("Гемоглобин, HGB", "17.0", "г/дл", "13.2 - 17.3"),
    ("Эритроциты", "5.48", "млн/мкл", "4.30 - 5.70"),
    ("MCV (ср. объем эритр.)", "90.1", "фл", "80.0 - 99.0"),
    ("RDW (шир. распред.)", "11.9", "%", "11.6 - 14.8"),
    ("Тромбоциты, PLT", "223", "тыс/мкл", "150 - 400"),
    ("Лейкоциты", "6.87", "тыс/мкл", "4.50 - 11.00"),
    ("Креатинин", "76.0", "мкмоль/л", "62.0 - 106.0"),
    ("Глюкоза", "5.1", "ммоль/л", "3.9 - 6.1"),
]

COLUMNS = (40, 460, 700, 980)


def draw_page(path, size: tuple[int, int], texts: list[tuple[float, float, str]]) -> None:
    """A white page picture with each text drawn at its place (Noto Sans CJK carries Cyrillic
    and Hangul), saved at 200 dpi."""
    from PIL import ImageFont

    from checkup2action.samples.fonts import source_otf

    font = ImageFont.truetype(str(source_otf()), 30)
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    for x, y, text in texts:
        draw.text((x, y), text, font=font, fill="black")
    page.save(path, dpi=(200, 200))


def cyrillic_table(path) -> None:
    """A page picture of a Russian results table."""
    heads = ("Исследование", "Результат", "Единицы", "Норма")
    texts = [(x, 40, head) for x, head in zip(COLUMNS, heads, strict=True)]
    for i, row in enumerate(ROWS):
        texts += [(x, 110 + 60 * i, cell) for x, cell in zip(COLUMNS, row, strict=True)]
    draw_page(path, (1400, 120 + 60 * len(ROWS)), texts)


def tesseract_reads(pack: str) -> bool:
    """Whether tesserocr and one of Tesseract's language packs (``rus``, ``kor``) are installed."""
    installed = scripts._installed_languages()
    return installed is not None and pack in installed[1]


def results_of_drawn(tmp_path, draw) -> dict:
    """The lab results the pipeline reads from a page picture ``draw`` makes, by value."""
    pytest.importorskip("rapidocr")
    from checkup2action.pipeline import ingest

    path = tmp_path / "page.png"
    draw(path)
    return {r.value_raw: r for r in ingest(path).lab_results}


@pytest.mark.skipif(
    not tesseract_reads("rus"),
    reason="needs the extra 'scripts' and Debian's tesseract-ocr-rus (tools/install_tessdata.sh)",
)
def test_a_russian_table_reads_with_its_names(tmp_path) -> None:
    by_value = results_of_drawn(tmp_path, cyrillic_table)
    assert set(by_value) == {value for _, value, _, _ in ROWS}
    for name, value, _, _ in ROWS:  # Tesseract may slip inside a name (HCT read as НСТ)
        if name.startswith("RDW"):
            continue  # a Latin abbreviation opening a Cyrillic line: read ВОМУ on some machines
        assert by_value[value].name_raw.split()[0] == name.split()[0]
    assert by_value["17.0"].unit == "g/dL" and by_value["223"].unit == "10*3/uL"
    assert by_value["49.4"].analyte.code == "HCT"  # НСТ: Cyrillic look-alikes of HCT


KOREAN_ROWS = [
    ("총콜레스테롤(mg/dL)", "212", "200미만", "TC"),
    ("중성지방(mg/dL)", "176", "150미만", "TG"),
    ("공복혈당(mg/dL)", "97", "100미만", "FPG"),
    ("혈청 크레아티닌(mg/dL)", "1.2", "1.5이하", "CREA"),
    ("AST(SGOT)(IU/L)", "33", "40이하", "AST"),
]
KOREAN_NOTES = [
    "검사 결과 안내",
    "정상 범위를 벗어난 항목은 담당 의사와 상담하십시오",
    "공복 상태에서 채혈한 결과입니다",
    "이상지질혈증 의심 소견이 있습니다",
    "생활습관 개선이 필요합니다",
    "금연과 절주를 권합니다",
    "규칙적인 운동을 권합니다",
    "다음 검진은 일 년 후에 받으십시오",
    "검사 결과는 참고용입니다",
    "궁금한 점은 검진센터로 문의하십시오",
    "건강검진 결과 통보서",
]


def korean_table(path) -> None:
    """A page picture of a Korean check-up table under a few lines of Korean notes: names in
    Hangul with their units in brackets, ranges with the bound's word after the number."""
    texts = [(40, 40 + 56 * i, note) for i, note in enumerate(KOREAN_NOTES)]
    top = 80 + 56 * len(KOREAN_NOTES)
    columns = (40, 600, 900)
    texts += [
        (x, top, head) for x, head in zip(columns, ("검사항목", "결과", "참고치"), strict=True)
    ]
    for i, (name, value, bound, _) in enumerate(KOREAN_ROWS):
        row = (name, value, bound)
        texts += [(x, top + 56 * (i + 1), cell) for x, cell in zip(columns, row, strict=True)]
    draw_page(path, (1400, 200 + 56 * (len(KOREAN_NOTES) + len(KOREAN_ROWS))), texts)


@pytest.mark.skipif(
    not tesseract_reads("kor"),
    reason="needs the extra 'scripts' and Debian's tesseract-ocr-kor (tools/install_tessdata.sh)",
)
def test_a_korean_table_reads_with_its_names_units_and_bounds(tmp_path) -> None:
    by_value = results_of_drawn(tmp_path, korean_table)
    assert set(by_value) == {value for _, value, _, _ in KOREAN_ROWS}
    for _, value, _, code in KOREAN_ROWS:
        result = by_value[value]
        assert result.analyte is not None and result.analyte.code == code
        assert result.reference_range is not None and result.reference_range.high is not None
    assert by_value["212"].unit == "mg/dL" and by_value["33"].unit == "[IU]/L"
    assert by_value["212"].flag == "H"  # 212 is not below 200


def test_of_two_readings_the_one_that_puts_more_of_the_script_in_wins() -> None:
    """The Hangul pack alone reads Hangul the better (``키``); with English beside it Tesseract
    may be more confident yet read none of it: the reading that gives the line more letters of
    its script is taken, the more confident of two alike."""
    ocr = line("引(cm)", (0, 0, 100, 20))
    rapid_place = [Glyph(c, 20 * i, 20 * i + 20, 0) for i, c in enumerate("|(cm)")]
    korean = [Glyph("키", 0, 20, 0), *rapid_place[1:]]
    with_english = (("|(cm)", 0.8), rapid_place)
    korean_only = (("키(cm)", 0.7), korean)
    assert best_reading(ocr, [with_english, korean_only], "HANGUL", SETTINGS) == korean_only
    unsure = (("키(cm)", 0.2), korean)  # below the confidence a splice needs
    assert best_reading(ocr, [with_english, unsure], "HANGUL", SETTINGS) == with_english
