"""A text layer of unmapped glyphs ((cid:N), U+FFFD, private use) is dropped so OCR reads the page."""

from checkup2action.ingestion.pdf import is_garbage_char, text_layer_is_garbage


def chars(texts):
    return [{"text": t} for t in texts]


def test_garbage_characters():
    assert is_garbage_char("(cid:12)") and is_garbage_char("\ufffd") and is_garbage_char("\ue012")
    assert is_garbage_char("\x01")
    assert not is_garbage_char("白") and not is_garbage_char("A") and not is_garbage_char("↑")


def test_layer_of_unmapped_glyphs_is_garbage():
    assert text_layer_is_garbage(chars(["(cid:3)"] * 30 + list("WBC 6.5")))


def test_readable_layer_with_a_few_odd_glyphs_is_kept():
    assert not text_layer_is_garbage(chars([*"白细胞计数 WBC 6.5 10^9/L 3.5-9.5", "(cid:7)"]))


def test_too_few_characters_to_judge():
    assert not text_layer_is_garbage(chars(["(cid:1)", "(cid:2)"]))
