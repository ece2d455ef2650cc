"""The app-screenshot families: phone-shaped pages, one grey card per result, the range on the line
below the name, masked identities only."""

from __future__ import annotations

import io
import re
from functools import cache

import pdfplumber
import pytest

from checkup2action.samples.families.app_screens import CARD, PAGE_SIZE
from checkup2action.samples.generator import generate

FAMILIES = ("zh_app_list", "en_app_list")
SEEDS = (0, 3, 11)
GREY = tuple(round(c / 255, 4) for c in CARD)


@cache
def report(family: str, seed: int):
    return generate(family, seed)


def _cards(pdf) -> dict[int, list[tuple[float, float, float, float]]]:
    """Grey filled shapes (rounded cards are drawn as curves) per page."""
    out: dict[int, list] = {}
    for n, page in enumerate(pdf.pages, start=1):
        shapes = page.rects + page.curves
        out[n] = [
            (s["x0"], s["top"], s["x1"], s["bottom"])
            for s in shapes
            if s.get("fill") and tuple(round(c, 4) for c in s["non_stroking_color"]) == GREY
        ]
    return out


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("family", FAMILIES)
def test_every_result_sits_on_its_own_card(family, seed):
    r = report(family, seed)
    with pdfplumber.open(io.BytesIO(r.pdf)) as pdf:
        assert all((p.width, p.height) == PAGE_SIZE for p in pdf.pages)
        cards = _cards(pdf)
    rows = r.truth["lab_results"]
    assert sum(len(c) for c in cards.values()) == len(rows)
    for row in rows:
        x0, top, x1, bottom = row["bbox"]
        holders = [c for c in cards[row["page"]] if c[0] <= x0 and c[1] <= top and x1 <= c[2]
                   and bottom <= c[3]]  # fmt: skip
        assert len(holders) == 1, row["name_raw"]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("family", FAMILIES)
def test_range_is_printed_below_the_name(family, seed):
    r = report(family, seed)
    with pdfplumber.open(io.BytesIO(r.pdf)) as pdf:
        for row in r.truth["lab_results"]:
            page = pdf.pages[row["page"] - 1]
            x0, top, x1, bottom = row["bbox"]
            mid = (top + bottom) / 2
            upper = page.crop((x0 - 1, top - 1, x1 + 1, mid)).extract_text() or ""
            lower = page.crop((0, mid, page.width, bottom + 1)).extract_text() or ""
            assert row["value_raw"].replace(" ", "") in upper.replace(" ", "")
            assert row["reference_range"]["text"].replace(" ", "") in lower.replace(" ", "")


@pytest.mark.parametrize("family", FAMILIES)
def test_identities_are_masked(family):
    for seed in SEEDS:
        t = report(family, seed).truth
        assert any("*" in ident for ident in t["identifiers"])
        assert not any(re.search(r"\d", ident) and "*" in ident for ident in t["identifiers"])


def test_zh_variants_and_bilingual_names():
    langs = {report("zh_app_list", s).truth["language"] for s in range(8)}
    assert langs == {"zh-Hans", "zh-Hant"}
    hant = next(report("zh_app_list", s) for s in range(8)
                if report("zh_app_list", s).truth["language"] == "zh-Hant")  # fmt: skip
    assert all(re.search(r"[A-Za-z]", r["name_raw"]) for r in hant.truth["lab_results"])
