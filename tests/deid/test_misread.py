"""Identifier fields whose label OCR misread (fake identities only)."""

from checkup2action.deid.identifiers import find_identifiers
from checkup2action.deid.misread import misread_kind, one_edit


def _found(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.text) for i in find_identifiers(text)]


def test_one_edit_is_one_substitution_insertion_or_deletion():
    assert one_edit("集码号", "条码号") and one_edit("patlentid", "patientid")
    assert one_edit("门诊号码", "门诊号") and not one_edit("门诊号", "门诊号")
    assert not one_edit("样本类型", "样本号码")


def test_a_label_one_character_off_a_numbered_label_keeps_its_number():
    assert _found("申请医生：朱秀英  集码号：326618221257")[-1] == ("record_number", "326618221257")
    assert _found("门话号：819939164") == [("record_number", "819939164")]
    assert _found("Patlent ID: 0012345") == [("record_number", "0012345")]


def test_a_label_whose_accents_ocr_misread_or_dropped_is_guessed_without_them():
    assert _found("Mä bênh nhn  : 40517") == [("record_number", "40517")]  # Mã bệnh nhân
    assert _found("Patiènt ID: 0012345") == [("record_number", "0012345")]
    assert misread_kind("Giói tính") is None  # one edit from the kept field Giới tính


def test_short_or_ambiguous_or_name_labels_are_not_guessed():
    assert misread_kind("门号") is None  # two characters: too short to guess
    assert misread_kind("检验荐") is None  # a name label whose last character is misread
    assert misread_kind("唐核者") == "name"  # ... or one before it: 审核者
    assert misread_kind("样本类型") is None  # a kept field's own label
    assert _found("Result: 12.5") == []


def test_nine_digits_after_a_colon_are_an_identifier_whatever_the_label():
    assert _found("Ref: 123456789") == [("record_number", "123456789")]
    assert _found("Platelets: 250000") == []
    assert _found("报告时间：2024-01-08 16:48") == []
