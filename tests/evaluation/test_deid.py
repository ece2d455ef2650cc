"""Scoring de-identification against known identifiers."""

from checkup2action.evaluation.deid import (
    DeidTally,
    holds,
    is_found,
    joined,
    leaks,
    strings_of,
    truth_identifiers,
)


def test_joined_drops_the_separators_between_digits_and_evens_spaces():
    assert joined("(010) 6512-3456") == "01065123456"
    assert joined("Jane  Doe") == "jane doe"  # a label may keep a PDF's double space
    assert joined("Jane\tDoe") == joined("jane doe")
    assert joined("*LAB/PAT23-24/50*") == joined("LAB/PAT23-24/50")  # barcode start/stop
    assert joined("ABC – 12345") == joined("ABC-12345") == joined("abc —12345") == "abc-12345"
    assert joined("12 – 34") == "1234" and joined("Ward 5") == "ward 5"
    assert joined("ABC ABC - - 12345") == "abc abc-12345"  # a bold stamp read twice over
    assert joined("阿依·买买提") == joined("阿依买买提")  # OCR drops a name's middle dot
    assert joined("Jane·Doe") == "jane·doe"  # only between Chinese characters


def test_a_text_holds_an_identifier_only_as_a_whole_token():
    assert holds("tel 13800138000", "13800138000")
    assert not holds("20191224", "2019122")
    assert holds("报告：张三男", "张三")


def test_found_when_inside_a_listed_identifier():
    assert is_found("138 0013 8000", ["13800138000"])
    assert is_found("DOE, JANE", ["DOE, JANE A"])
    assert not is_found("0012345", ["0099945"])
    assert is_found("* A B C / 2 3 - 2 4 / 5 7 *", ["ABC/23-24/57"])  # a letter-spaced barcode line
    assert is_found("DUPONT JEAN", ["DOCTEUR DUPONTJEAN"])  # words OCR glued
    assert not is_found("DUPONT JEAN", ["DUPONTJEANNE"])
    assert is_found("J.A. Doe", ["Dr.J.A.Doe"])  # a title glued to the initials
    assert not is_found("J.A. Doe", ["Dr.J.A.Doerr"])
    assert is_found("01234567", ["CRQ01234567"])  # a council's letters glued to the number
    assert not is_found("01234567", ["CRQ012345678"])
    assert not is_found("1234567", ["CRQ01234567"])


def test_leaks_as_printed_or_compacted_but_not_short_numbers_inside_others():
    assert leaks("Jane Doe", ["report of Jane Doe"])
    assert leaks("138 0013 8000", ["tel 138-0013-8000"])
    assert not leaks("2019122", ["2019-12-24"])  # no part of a date
    assert not leaks("75", ["75 mg/dL"])  # too short to tell from a value


def test_strings_of_walks_keys_and_values():
    assert sorted(strings_of({"a": ["x", {"b": 1, "c": "y"}]})) == ["a", "b", "c", "x", "y"]


def test_tally_counts_found_and_leaked_by_kind():
    truth = {
        "seeded_identifiers": [{"kind": "phone", "text": "555-123-4567"}],
        "identifiers": ["555-123-4567", "Dr. A Khan"],
    }
    assert truth_identifiers(truth) == [("phone", "555-123-4567"), ("other", "Dr. A Khan")]
    tally = DeidTally()
    tally.add_document("d", truth, ["5551234567"], {"note": "seen by Dr. A Khan"})
    assert tally.recall("phone") == 1.0
    assert tally.recall("other") == 0.0
    assert tally.leaked == {"other": 1}
    assert tally.recall() == 0.5


def test_an_ocr_misreading_still_counts_as_found_and_as_leaked():
    assert is_found(
        "上海市徐汇区安澜北路6号2栋2单元467室", ["上海市徐汇区安湖北路6号2栋2单元467室"]
    )
    assert is_found("赵淑珍", ["赵液珍"])
    assert not is_found("赵淑珍", ["李文斌"])
    assert leaks("lglftkeab@163.example.cn", ["mail Iglftkeab@163.example.cn"])
    assert not leaks("420102197807072493", ["value 4201 and 2024-01-08"])


def test_a_misreading_inside_a_longer_listed_identifier_counts_as_found():
    assert is_found("Jane Oakenfield", ["Dr. Jane Oakenfiald"])
    assert is_found("Lena", ["Dr. Lend"])
    assert not is_found("Jane Oakenfield", ["Dr. Jane Ashworth"])
    assert not is_found("Jane Oakenfield", ["Dr. Jane"])
