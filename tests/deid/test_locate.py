"""Boxes of identifiers on the page, from line text spans (fake identities only)."""

from checkup2action.deid.identifiers import Identifier
from checkup2action.deid.locate import identifier_boxes, known_repeats
from checkup2action.ingestion.document import Word
from checkup2action.layout import cluster_lines
from checkup2action.layout.lines import span_boxes, word_spans


def _word(text: str, x0: float, top: float = 100.0, page: int = 1) -> Word:
    return Word(text, x0, top, x0 + 6.0 * len(text), top + 10.0, page)


def _line(*words: Word):
    (line,) = cluster_lines(list(words))
    return line


def test_word_spans_replay_how_the_line_text_is_joined():
    line = _line(_word("Patient", 10), _word("ID:", 55), _word("0012345", 200))
    assert line.text == "Patient ID:  0012345"
    assert [(s, e, w.text) for s, e, w in word_spans(line)] == [
        (0, 7, "Patient"), (8, 11, "ID:"), (13, 20, "0012345"),
    ]  # fmt: skip


def test_a_span_maps_to_the_part_of_the_word_it_covers():
    line = _line(_word("姓名：张三", 10))
    (box,) = span_boxes(line, 3, 5)
    assert box == (28.0, 100.0, 40.0, 110.0)


def test_identifiers_are_boxed_where_labelled_and_where_they_recur():
    page1 = [_line(_word("Patient", 10), _word("ID:", 55), _word("0012345", 80))]
    page2 = [_line(_word("Report", 10, page=2), _word("0012345", 200, page=2))]
    boxes = identifier_boxes({1: page1, 2: page2})
    assert boxes[1] == [("record_number", (80.0, 100.0, 122.0, 110.0))]
    assert boxes[2] == [("repeat", (200.0, 100.0, 242.0, 110.0))]


def test_lab_lines_get_no_box():
    lines = [_line(_word("Glucose", 10), _word("5.1", 200), _word("mmol/L", 260))]
    assert identifier_boxes({1: lines}) == {1: []}


def test_a_repeat_is_boxed_only_as_a_whole_word_as_scrubbing_looks_for_it():
    page1 = [_line(_word("Patient", 10), _word("ID:", 55), _word("4398", 80))]
    page2 = [_line(_word("Glucose", 10, page=2), _word("14398.5", 200, page=2))]
    assert identifier_boxes({1: page1, 2: page2})[2] == []


def test_a_value_under_its_label_is_boxed_as_the_report_finds_it():
    label = _line(_word("Patient", 10, top=100), _word("name:", 55, top=100))
    value = _line(_word("Jane", 10, top=115), _word("Sample", 38, top=115))
    boxes = identifier_boxes({1: [label, value]})
    assert [kind for kind, _ in boxes[1]] == ["name", "name"]  # a box per word of the name


def test_a_name_found_once_is_boxed_again_with_its_words_in_another_order():
    label = _line(_word("Patient:", 10), _word("Jane", 70), _word("Ann", 100), _word("Sample", 124))
    header = _line(_word("SAMPLE,", 10, page=2), _word("JANE", 60, page=2))
    boxes = identifier_boxes({1: [label], 2: [header]})
    assert boxes[2] == [
        ("repeat", (10.0, 100.0, 52.0, 110.0)),
        ("repeat", (60.0, 100.0, 84.0, 110.0)),
    ]


def test_one_word_of_a_name_or_a_name_word_beside_another_word_is_not_boxed():
    label = _line(_word("Patient:", 10), _word("Jane", 70), _word("Ann", 100), _word("Sample", 124))
    lab = _line(_word("Glucose", 10, top=130), _word("5.1", 200, top=130))
    lines = [
        _line(_word("Sample", 10, page=2), _word("type:", 60, page=2), _word("serum", 100, page=2)),
        _line(_word("Ann", 10, top=130, page=2), _word("Arbor", 40, top=130, page=2)),
    ]
    assert identifier_boxes({1: [label, lab], 2: lines})[2] == []


def test_known_repeats_skip_what_the_line_already_found():
    known = [Identifier("name", 0, 15, "Jane Ann Sample", "label")]
    own = [Identifier("name", 9, 20, "Sample Jane", "label")]
    assert known_repeats("Patient: Sample Jane", known, own) == []
    (item,) = known_repeats("Patient: Sample Jane", known)
    assert (item.start, item.end, item.text) == (9, 20, "Sample Jane")
