"""Hangul syllables as letters, and words OCR misread by one letter."""

from __future__ import annotations

from checkup2action.grammar.hangul import is_hangul, letter_slots, letters_apart, misread_word


def test_a_syllable_is_an_initial_a_vowel_and_a_final() -> None:
    assert letter_slots("가") == (0, 0, 0)
    assert letter_slots("각") == (0, 0, 1)
    assert letter_slots("과")[0] == letter_slots("고")[0]  # ㄱ both; the vowels differ


def test_letters_apart_counts_slots_of_words_of_one_length() -> None:
    assert letters_apart("결과", "결고") == 1
    assert letters_apart("참고치", "참고지") == 1
    assert letters_apart("결과", "결과") == 0
    assert letters_apart("결과", "결과치") is None
    assert letters_apart("결과", "AB") is None


def test_a_word_misread_by_one_letter_is_read_as_the_only_word_that_close() -> None:
    words = ["결과", "참고치", "단위"]
    assert misread_word("결교", words) == "결과"
    assert misread_word("참고지", words) == "참고치"
    assert misread_word("결과", words) is None  # a word itself
    assert misread_word("고", words) is None  # one syllable: too short to tell
    assert misread_word("결과", ["결고", "결교"]) is None  # two as close: no guess
    assert not is_hangul("") and is_hangul("검사") and not is_hangul("검사1")
