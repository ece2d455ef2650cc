"""Serology of fevers and pregnancy screens, and haemoglobin fractions, as reports print them."""

from __future__ import annotations

import pytest

from checkup2action.cards.knowledge import load_knowledge
from checkup2action.grammar.catalogue import load_catalogue

NEW_INFECTION_CODES = [
    "DENGUE_NS1", "DENGUE_IGM", "DENGUE_IGG", "MALARIA_AG", "MALARIA_PF_AG", "MALARIA_PV_AG",
    "VDRL", "TOXO_IGM", "RUBELLA_IGM", "CMV_IGM", "HSV1_IGM", "HSV2_IGM", "MYCO_IGM",
    "FLU_A_AG", "FLU_B_AG",
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Dengue NS1 Antigen", "DENGUE_NS1"),
        ("DENGUE IgM", "DENGUE_IGM"),
        ("Malaria Antigen (Pf/Pv)", "MALARIA_AG"),
        ("P.falciparum", "MALARIA_PF_AG"),
        ("Malaria Parasite", "BLOOD_PARASITES"),  # a smear, not an antigen test
        ("VDRL", "VDRL"),
        ("风疹病毒 IgM", "RUBELLA_IGM"),
        ("单纯疱疹病毒II型 IgM", "HSV2_IGM"),
        ("肺炎支原体抗体 IgM", "MYCO_IGM"),
        ("乙型流感病毒抗原", "FLU_B_AG"),
        ("Hemoglobina A2", "HBA2"),
        ("Hemoglobin (F)", "HBF"),
        ("Hemoglobin (A)", "HGB"),  # an accreditation mark; HbA itself is not catalogued
    ],
)
def test_printed_names_of_the_new_analytes(name: str, code: str) -> None:
    hit = load_catalogue().match(name)
    assert hit is not None and hit.code == code


@pytest.mark.parametrize("code", ["Rubella IgG", "CMV IgG", "NS1"])
def test_other_antibodies_and_bare_antigen_names_stay_unknown(code: str) -> None:
    assert load_catalogue().match(code) is None


def test_new_infection_results_lead_the_infection_card() -> None:
    assert set(NEW_INFECTION_CODES) <= set(load_knowledge().issues["infection"].lead)
    catalogue = load_catalogue()
    assert all(catalogue.by_code(code).kind == "qualitative" for code in NEW_INFECTION_CODES)
