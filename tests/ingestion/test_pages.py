"""A page selection (``1-3,5``, ``2-``): parsed strictly, honoured by the PDF and picture loaders,
page numbers kept, and said in a ``PAGES_SELECTED`` warning."""

from pathlib import Path

import pytest
from PIL import Image

from checkup2action.errors import OptionError, ResourceLimitError
from checkup2action.ingestion import PageSelection, load_document, load_pdf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FIVE_PAGES = SAMPLES / "zh_checkup_multi_42.pdf"


@pytest.mark.parametrize(
    ("text", "shown", "numbers"),
    [
        ("1-3,5", "1-3,5", [1, 2, 3, 5]),
        (" 5 , 1 - 2 ", "1-2,5", [1, 2, 5]),
        ("2-", "2-", [2, 3, 4, 5, 6, 7]),
        ("3,1-2,2", "1-3", [1, 2, 3]),
        ("4-6,5-", "4-", [4, 5, 6, 7]),
        ("7", "7", [7]),
        ("1–2", "1-2", [1, 2]),  # an en dash, as word processors write it
    ],
)
def test_selections_parse_and_normalise(text: str, shown: str, numbers: list[int]) -> None:
    selection = PageSelection.parse(text)
    assert str(selection) == shown and selection.numbers(7) == numbers
    assert 1 in PageSelection.parse("1-3") and 4 not in PageSelection.parse("1-3")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "an empty part"),
        ("1,,2", "an empty part"),
        ("a", "'a' is not a page or a range"),
        ("-3", "'-3' is not a page or a range"),
        ("0", "pages count from 1"),
        ("3-1", "3-1 runs backwards"),
        ("1-2-3", "is not a page or a range"),
    ],
)
def test_bad_selections_are_option_errors(text: str, why: str) -> None:
    with pytest.raises(OptionError, match=why):
        PageSelection.parse(text)


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_pdf_reads_only_the_selected_pages_under_their_own_numbers(backend: str) -> None:
    doc = load_pdf(FIVE_PAGES, backend=backend, pages=PageSelection.parse("2,4-"))
    assert [p.number for p in doc.pages] == [2, 4, 5]
    assert {w.page for p in doc.pages for w in p.words} == {2, 4, 5}
    (warning,) = [w for w in doc.warnings if w.code == "PAGES_SELECTED"]
    assert warning.message == "only pages 2,4-5 of 5 were read (a page selection; asked for: 2,4-)"


def test_a_selection_of_every_page_warns_of_nothing() -> None:
    doc = load_document(FIVE_PAGES, pages=PageSelection.parse("1-9"))
    assert len(doc.pages) == 5 and not [w for w in doc.warnings if w.code == "PAGES_SELECTED"]


def test_a_selection_past_the_end_is_an_option_error() -> None:
    with pytest.raises(OptionError, match=r"none of pages 6-8 is in the document \(5 pages\)"):
        load_document(FIVE_PAGES, pages=PageSelection.parse("6-8"))


def test_the_page_limit_counts_the_pages_read() -> None:
    assert len(load_document(FIVE_PAGES, max_pages=2, pages=PageSelection.parse("1-2")).pages) == 2
    with pytest.raises(ResourceLimitError, match="3 pages"):
        load_document(FIVE_PAGES, max_pages=2, pages=PageSelection.parse("1-3"))


def test_a_picture_reads_only_the_selected_frames(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (300, 400), c) for c in ("white", "grey", "black", "red")]
    path = tmp_path / "multi.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    doc = load_document(path, pages=PageSelection.parse("2"))
    assert [p.number for p in doc.pages] == [2]
    assert doc.pages[0].image.getpixel((0, 0)) == (128, 128, 128)
    (warning,) = doc.warnings
    assert warning.message == "only page 2 was read (a page selection)"  # frames not counted on
    doc = load_document(path, pages=PageSelection.parse("3-"))
    assert [p.number for p in doc.pages] == [3, 4]
    assert "only pages 3-4 of 4 were read" in doc.warnings[0].message
    with pytest.raises(OptionError, match=r"there is no page 5 in the picture \(4 frames\)"):
        load_document(path, pages=PageSelection.parse("5"))
