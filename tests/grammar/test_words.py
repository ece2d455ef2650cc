"""Description words: what a colour, form or clarity test gives (``grammar/words.py``)."""

from __future__ import annotations

import pytest

from checkup2action.grammar.words import describes, description_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("黄色", "colour"),
        ("黄色软便", "form"),  # a CJK word matches inside a value
        ("Amarelo citrino", "colour"),
        ("Límpido", "clarity"),  # accents dropped
        ("slightly cloudy", "clarity"),
        ("Trüb", "clarity"),
    ],
)
def test_description_words(text: str, kind: str) -> None:
    assert describes(text, kind)


@pytest.mark.parametrize("text", ["++", "阴性", "Negativo", "3-5", "rare", "Redondo"])
def test_grades_and_other_words_describe_nothing(text: str) -> None:
    """Latin words match whole: 'Redondo' holds 'red' but is no colour."""
    assert not describes(text)


def test_described_analytes() -> None:
    assert description_kind("U_COLOR") == "colour"
    assert description_kind("ST_FORM") == "form"
    assert description_kind("WBC") is None and description_kind(None) is None
