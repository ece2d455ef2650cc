"""Running headers and footers told apart from a document's text."""

from checkup2action.ingestion.document import Word
from checkup2action.layout import cluster_lines
from checkup2action.normalize.furniture import furniture_keys, line_key


def _page(texts: list[str], page: int) -> list:
    """Lines 16 points apart, one word box per word."""
    out = []
    for i, text in enumerate(texts):
        x, words = 40.0, []
        for w in text.split(" "):
            words.append(Word(w, x, 60 + 16 * i, x + 6 * len(w), 70 + 16 * i, page))
            x += 6 * len(w) + 4
        out += cluster_lines(words)
    return out


def _furniture(pages: dict[int, list[str]]) -> set[str]:
    lines = {n: _page(t, n) for n, t in pages.items()}
    return furniture_keys(lines, lambda page, line: False)


BODY = [f"Line {c} of the body text" for c in "abcdefghijklmnop"]


def test_a_line_printed_on_two_pages_is_furniture_and_page_numbers_are_masked():
    keys = _furniture(
        {1: ["Healthline Lab", *BODY, "Page 1 of 2"], 2: ["Healthline Lab", *BODY, "Page 2 of 2"]}
    )
    assert line_key("Healthline Lab") in keys
    assert line_key("Page 7 of 9") in keys


def test_a_page_number_at_an_edge_is_furniture_on_its_own():
    keys = _furniture({1: ["Title", *BODY, "Lab, Plot 12, Road  Page 1 of 3"], 2: ["Other", *BODY]})
    assert line_key("Lab, Plot 12, Road  Page 1 of 3") in keys


def test_a_letterhead_line_read_differently_under_the_same_title_is_furniture():
    first = ["HEALTHLINE LAB", "Phr 12. 5ample Rbad. Toa Towe = 00001", *BODY]
    second = ["HEALTHLINE LAB", "Po 12. Somple Road. Test Town - 00001", *BODY]
    keys = _furniture({1: first, 2: second})
    assert {line_key(first[1]), line_key(second[1])} <= keys


def test_unlike_lines_or_lines_not_joined_to_the_edge_by_furniture_are_text():
    first = ["HEALTHLINE LAB", "Summary of findings", *BODY]
    second = ["HEALTHLINE LAB", "Advice for the patient", *BODY]
    assert line_key("Summary of findings") not in _furniture({1: first, 2: second})
    first = ["Report of page one", "Phr 12. 5ample Rbad. Toa Towe", *BODY]
    second = ["Another title entirely", "Po 12. Somple Road. Test Town", *BODY]
    assert line_key(first[1]) not in _furniture({1: first, 2: second})


def test_a_page_count_ending_a_footer_is_furniture_but_a_date_is_not():
    keys = _furniture(
        {1: ["Title", *BODY, "Health Centre report for reference 5/5"], 2: ["T", *BODY]}
    )
    assert line_key("Health Centre report for reference 5/5") in keys
    keys = _furniture({1: ["Title", *BODY, "Reported on 05/12/2024"], 2: ["T", *BODY]})
    assert line_key("Reported on 05/12/2024") not in keys


def test_two_titles_of_one_template_under_the_same_header_are_text():
    first = ["CLINIC", "RADIOGRAFIA DIGITAL DA COLUNA AEREA DO CAVUM", *BODY]
    second = ["CLINIC", "RADIOGRAFIA DIGITAL DOS SEIOS DA FACE", *BODY]
    keys = _furniture({1: first, 2: second})
    assert line_key(first[1]) not in keys and line_key(second[1]) not in keys


def test_headings_of_the_vocabulary_in_the_same_place_stay_text_however_alike():
    first = ["CLINIC", "LIPID PROFILE", *BODY]
    second = ["CLINIC", "LIVER PROFILE", *BODY]
    keys = _furniture({1: first, 2: second})
    assert line_key("LIPID PROFILE") not in keys and line_key("LIVER PROFILE") not in keys
