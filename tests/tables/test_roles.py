"""Header words map to column roles (the vocabulary is a YAML data file)."""

import pytest

from checkup2action.tables.roles import Role, _vocabulary, role_of_header


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("NO", Role.INDEX),  # YAML reads a bare `no` as false: the data file must quote it
        ("No.", Role.INDEX),
        ("序号", Role.INDEX),
        ("项 目", Role.NAME),
        ("檢查項目", Role.NAME),
        ("Test Name", Role.NAME),
        ("本次結果", Role.VALUE),
        ("Current Result and Flag", Role.VALUE),
        ("Result", Role.VALUE),
        ("提示", Role.FLAG),
        ("Units", Role.UNIT),
        ("單位", Role.UNIT),
        ("参考范围", Role.RANGE),
        ("Bio. Ref. Interval", Role.RANGE),
        ("Reference Interval", Role.RANGE),
        ("參考值", Role.RANGE),
        ("Valor de Corte", Role.RANGE),  # a cut-off column: the threshold a word result is read by
        ("Cut-off Value", Role.RANGE),
        ("上次结果(2024-03-01)", Role.PREVIOUS),
        ("Previous Result and Date", Role.PREVIOUS),
        ("英文", Role.CODE),
        ("Method", Role.METHOD),
        ("Đơn vị", Role.UNIT),
        ("MoM", Role.DERIVED),
        ("Z-score", Role.DERIVED),
        ("Референсные", Role.RANGE),  # the first line of ``Референсные / значения``
    ],
)
def test_header_roles(text, role):
    assert role_of_header(text) is role


@pytest.mark.parametrize("text", ["Hemoglobin", "5.6", "mmol/L", "姓名", "Page 1 of 2", ""])
def test_non_header_words(text):
    assert role_of_header(text) is None


def test_vocabulary_keys_are_strings():
    exact, prefixes = _vocabulary()
    assert "false" not in exact and "true" not in exact
    assert all(isinstance(k, str) and k for k in exact)
    assert all(isinstance(p, str) and p for p, _ in prefixes)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Kt qu", Role.VALUE),  # Kết quả with its letters of stacked marks lost
        ("Ngưng phân bit", Role.RANGE),  # Ngưỡng phân biệt
        ("Đon vi", Role.UNIT),  # Đơn vị with its marks folded
        ("Nòng đ", Role.VALUE),  # Nồng độ
        ("Kt lun", Role.FLAG),  # Kết luận
        ("Rsultat", Role.VALUE),  # Résultat
    ],
)
def test_header_words_read_with_accented_letters_lost(text, role):
    assert role_of_header(text) is role


@pytest.mark.parametrize("text", ["Kt", "Kqu", "Don", "Ktq u2"])
def test_too_little_left_of_an_accented_header_word_is_none(text):
    assert role_of_header(text) is None


def test_a_hangul_header_word_misread_by_one_letter() -> None:
    from checkup2action.tables.roles import role_of_misread_header

    assert role_of_misread_header("결고") is Role.VALUE
    assert role_of_misread_header("참고지") is Role.RANGE
    assert role_of_misread_header("결과") is None  # the word itself is no misreading
    assert role_of_misread_header("혈액") is None  # far from every header word
