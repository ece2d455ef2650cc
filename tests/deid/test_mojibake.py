"""Letters mangled by a wrong decoding (UTF-8 read as Windows-1252), made-up names only."""

import pytest

from checkup2action.deid.mojibake import letters_probe


@pytest.mark.parametrize(
    ("text", "probe"),
    [
        ("GONÃ‡ALVES, Jane", "GONCCALVES, Jane"),
        ("Jane GonÃ§alves", "Jane Gonccalves"),
        ("JosÃ© MÃ¼ller", "Josee Muuller"),
        ("Ã…strÃ¶m", "AAstroom"),
        ("MARANHÃO", "MARANHÃO"),  # a real Ã before a letter
        ("Haemoglobin 13.5 g/dL", "Haemoglobin 13.5 g/dL"),
    ],
)
def test_mangled_pairs_become_two_plain_letters_of_their_case(text, probe):
    assert letters_probe(text) == probe
    assert len(letters_probe(text)) == len(text)


def test_a_pair_that_was_no_letter_is_left_alone():
    assert letters_probe("2 Ã— 3") == "2 Ã— 3"  # ``×`` mangled: no letter
