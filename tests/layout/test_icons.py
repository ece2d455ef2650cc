"""An app's arrow icon OCR read as '1' before a value becomes a flag mark."""

from __future__ import annotations

from checkup2action.ingestion.document import Word
from checkup2action.layout.icons import ICON_MARK, mark_flag_arrows, mark_value_icons


def w(text: str, x0: float, x1: float, top: float, bottom: float, conf: float | None = 0.9) -> Word:
    """A word with a box."""
    return Word(text, x0, top, x1, bottom, 1, confidence=conf)


def test_a_wide_tall_one_just_before_a_number_is_an_icon() -> None:
    words = [w("总胆红素", 28, 102, 839, 856), w("1", 371.5, 391.0, 852, 870),
             w("26.7", 394.3, 436.2, 853.7, 866.7)]  # fmt: skip
    marked = mark_value_icons(words)
    assert [x.text for x in marked] == ["总胆红素", ICON_MARK, "26.7"]


def test_an_icon_set_off_by_its_padding_is_an_icon() -> None:
    words = [w("1", 370.3, 389.4, 357.1, 374.8), w("4.89", 402.3, 436.6, 358.8, 372.1)]
    assert [x.text for x in mark_value_icons(words)] == [ICON_MARK, "4.89"]


def test_a_real_digit_one_is_kept() -> None:
    narrow = [w("1", 380, 386, 853, 867), w("26.7", 394, 436, 853.7, 866.7)]
    far = [w("1", 300, 320, 852, 870), w("26.7", 394, 436, 853.7, 866.7)]
    assert [x.text for x in mark_value_icons(narrow)] == ["1", "26.7"]
    assert [x.text for x in mark_value_icons(far)] == ["1", "26.7"]


def test_a_text_layer_is_never_touched() -> None:
    words = [w("1", 371.5, 391.0, 852, 870, None), w("26.7", 394.3, 436.2, 853.7, 866.7, None)]
    assert mark_value_icons(words) is words


def ocr_word(text: str, xs: tuple[float, ...]) -> Word:
    """An OCR word with its characters' left edges."""
    return Word(text, xs[0], 100, xs[-1] + 3, 107.5, 1, size=6.0, confidence=0.4, char_x0s=xs)


def test_an_arrow_read_as_a_digit_before_its_printed_flag_is_restored() -> None:
    word = ocr_word("94(L)", (283.8, 293.6, 300.5, 304.9, 308.6))  # 9 ▼ (L): the 4 stands apart
    assert mark_flag_arrows([word])[0].text == "9↓(L)"
    tight = ocr_word("94(L)", (283.8, 287.9, 294.5, 298.9, 302.6))  # a real 94: digits tight
    assert mark_flag_arrows([tight])[0].text == "94(L)"
    assert mark_flag_arrows([ocr_word("12.57(H)", (0, 4, 6, 8, 18, 24, 28, 32))])[0].text == (
        "12.5↑(H)"
    )


def test_a_hollow_arrow_read_as_a_character_in_a_flag_column_is_a_mark() -> None:
    """``⇩`` read as ``凸`` between a name and its value, a column apart from both."""
    words = [w("MCHC", 48, 108, 1001, 1014), w("凸", 199, 220, 1003, 1016),
             w("29.8", 275, 336, 1000, 1015), w("凸", 600, 620, 1003, 1016)]  # fmt: skip
    assert [x.text for x in mark_value_icons(words)] == ["MCHC", ICON_MARK, "29.8", "凸"]
