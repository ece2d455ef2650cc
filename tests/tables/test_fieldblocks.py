"""Results printed as blocks of labelled fields under the test's name (patient portals)."""

from __future__ import annotations

from checkup2action.layout.lines import TextLine, cluster_lines
from checkup2action.tables.fieldblocks import field_block_rows
from checkup2action.tables.roles import Role
from tests.tables.test_listitems import words_at


def page(*screens: list[str]) -> list[TextLine]:
    """Lines of portal screens side by side, 300 points apart, 16 points per line."""
    words = []
    for s, screen in enumerate(screens):
        for i, text in enumerate(screen):
            indent = 20.0 if text.startswith("•") else 0.0
            words += words_at(text, 20 + 300 * s + indent, 40 + 16 * i)
    return cluster_lines(words)


def cells(row) -> tuple[str, ...]:
    """Name, value, unit and range of a row as text."""
    return tuple(row.text(role) for role in (Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE))


def test_blocks_of_labelled_fields_side_by_side() -> None:
    korean = [
        "Calcium(칼슘)",
        "Calcium(칼슘) 단위 : mg/dL",
        "• 결과 : 9.3",
        "• 참고치 : 8.5~10.5",
        "• 검사일 : 2024-01-02",
        "Hemoglobin(혈색소)",
        "Hemoglobin(혈색소)단위 :g/dL",  # the label glued to the name
        "• 결과：14.8",
        "• 참고치：13.0~17.4",
    ]
    english = [
        "Potassium",
        "• Result: 4.1",
        "• Reference range: 3.5-5.1",
        "• Unit: mmol/L",
        "pH",
        "pH Unit : null",  # nothing printed for the unit
        "• Result : 6.0",
    ]
    rows = field_block_rows(page(korean, english), 1)
    assert sorted(cells(r) for r in rows) == sorted(
        [
            ("Calcium(칼슘)", "9.3", "mg/dL", "8.5~10.5"),
            ("Hemoglobin(혈색소)", "14.8", "g/dL", "13.0~17.4"),
            ("Potassium", "4.1", "mmol/L", "3.5-5.1"),
            ("pH", "6.0", "", ""),
        ]
    )


def test_a_page_without_a_result_field_has_no_blocks() -> None:
    lines = page(["Name : Jane Example", "Date : 2024-01-02", "Unit : Ward 3"])
    assert field_block_rows(lines, 1) == []


def test_labels_misread_by_a_letter_and_a_range_known_by_its_content() -> None:
    screen = [
        "WBC(백혈구)",
        "WBC(백혈구) 단위 : 10^3/uL",
        "• 결고 : 5.10",  # 결과 with one letter of a syllable misread
        "• HDA : 4.0~10.0",  # the label unread; what follows is a range
        "Glucose(혈당)",
        "Glucose(혈당) 단위 : mg/dL",
        "• 결과 : 97",
        "• 참고지 : 70~110",  # 참고치 with one letter misread
    ]
    rows = field_block_rows(page(screen), 1)
    assert sorted(cells(r) for r in rows) == sorted(
        [
            ("WBC(백혈구)", "5.10", "10^3/uL", "4.0~10.0"),
            ("Glucose(혈당)", "97", "mg/dL", "70~110"),
        ]
    )


def test_an_unread_label_before_a_single_number_is_no_range() -> None:
    screen = ["Glucose(혈당)", "Glucose(혈당) 단위 : mg/dL", "• 결과 : 97", "• HDA : 110"]
    rows = field_block_rows(page(screen), 1)
    assert [cells(r) for r in rows] == [("Glucose(혈당)", "97", "mg/dL", "")]


def test_fields_whose_boxes_overlap_stay_one_block() -> None:
    words = words_at("Glucose(혈당) 단위 : mg/dL", 20, 40)
    words += words_at("• 결과 : 97", 40, 52)
    words += words_at("• 참고치 : 70~110", 40, 59)  # small print: this box starts inside the last
    rows = field_block_rows(cluster_lines(words), 1)
    assert [cells(r) for r in rows] == [("Glucose(혈당)", "97", "mg/dL", "70~110")]


def test_a_lone_number_between_a_blocks_fields_is_its_value() -> None:
    words = words_at("Glucose(혈당) 단위 : null", 20, 40)
    words += words_at("6.5", 60, 56)  # the label ``결과 :`` before it went unread
    words += words_at("• 참고치 : 4.5~8.0", 40, 72)
    words += words_at("• 결과 : 1", 400, 40)  # a labelled value elsewhere on the page
    rows = field_block_rows(cluster_lines(words), 1)
    assert ("Glucose(혈당)", "6.5", "", "4.5~8.0") in [cells(r) for r in rows]


def test_two_lone_numbers_in_a_block_give_no_value() -> None:
    words = words_at("Glucose(혈당) 단위 : null", 20, 40)
    words += words_at("6.5", 60, 52) + words_at("7.5", 60, 62)
    words += words_at("• 참고치 : 4.5~8.0", 40, 76)
    words += words_at("• 결과 : 1", 400, 40)  # a labelled value elsewhere on the page
    rows = field_block_rows(cluster_lines(words), 1)
    assert all(r.text(Role.NAME) != "Glucose(혈당)" for r in rows)
