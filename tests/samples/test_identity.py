"""Seeded identities: printed by the families that can, found by de-identification."""

import random
from datetime import date

import pytest

from checkup2action.deid.identifiers import cn_id_valid
from checkup2action.deid.scrub import document_identifiers
from checkup2action.evaluation.deid import is_found
from checkup2action.pipeline import page_groupings, read_pages
from checkup2action.samples.generator import generate
from checkup2action.samples.identity import cn_resident_id, seeded_fields

SEEDING = ("zh_ruled", "zh_side_by_side", "zh_checkup_multi", "en_headerless",
           "en_india_ruled", "en_us_lab")  # fmt: skip


def test_resident_ids_carry_the_birth_date_and_a_valid_check_digit():
    rng = random.Random(3)
    for _ in range(50):
        number = cn_resident_id(rng, date(1980, 5, 17))
        assert number[6:14] == "19800517" and cn_id_valid(number)


def test_each_language_seeds_every_kind():
    for language in ("zh-Hans", "en"):
        kinds = [f.kind for f in seeded_fields(random.Random(1), language, date(1970, 1, 1))]
        assert sorted(set(kinds)) == ["address", "email", "id_number", "phone", "record_number"]


def test_identities_are_only_printed_when_asked_for():
    assert "seeded_identifiers" not in generate("zh_ruled", 2).truth
    assert generate("zh_ruled", 2).pdf != generate("zh_ruled", 2, identities=True).pdf


@pytest.mark.parametrize("family", SEEDING)
def test_every_seeded_identifier_is_printed_and_found(family, tmp_path):
    gen = generate(family, 11, identities=True)
    path = tmp_path / "report.pdf"
    path.write_bytes(gen.pdf)
    read = read_pages(path)
    lines = [
        ln.text
        for page in read.doc.pages
        for grouping in page_groupings(page, None)  # as the pipeline looks: both groupings
        for ln in grouping
    ]
    words = " ".join(w.text for page in read.doc.pages for w in page.words)
    found = [i.text for i in document_identifiers(lines)]
    for item in gen.truth["seeded_identifiers"]:
        assert all(part in words for part in item["text"].split()), item
        assert is_found(item["text"], found), item
