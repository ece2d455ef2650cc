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


def test_accented_word_buckets_find_what_every_pattern_finds() -> None:
    """Readings of accented header words with letters lost get the same role from the
    length-bucketed patterns as from trying every word's pattern (a sample of such readings)."""
    import random
    import re

    from checkup2action.grammar.words import fold_accents
    from checkup2action.tables.roles import (
        _KEPT_SHARE,
        _cjk_only,
        _role_with_accented_letters_lost,
        _vocabulary,
    )

    every = []
    for word, role in _vocabulary()[0].items():
        pairs = [(fold_accents(c), c) for c in word]
        if all(f == c for f, c in pairs) or _cjk_only(word):
            continue
        body = "".join(re.escape(f) if f == c else f"(?:{re.escape(f)})?" for f, c in pairs)
        every.append((re.compile(body), len(word), role, "".join(f for f, _ in pairs)))
    rng = random.Random(3)
    readings = set()
    for *_, whole in every:
        readings.add(whole)
        for _ in range(4):
            lost = set(rng.sample(range(len(whole)), k=min(rng.choice((1, 2)), len(whole))))
            readings.add("".join(c for i, c in enumerate(whole) if i not in lost))
    named = 0
    for reading in sorted(r for r in readings if len(r) >= 4):
        roles = {
            role
            for pattern, size, role, _ in every
            if len(reading) >= _KEPT_SHARE * size and pattern.fullmatch(reading)
        }
        expected = roles.pop() if len(roles) == 1 else None
        assert _role_with_accented_letters_lost(reading) is expected, reading
        named += expected is not None
    assert named > 50
