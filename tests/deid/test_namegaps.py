"""A labelled name whose words OCR spaced wide apart runs on past the gaps (names made up)."""

from __future__ import annotations

import pytest

from checkup2action.deid.identifiers import find_identifiers


def _names(line: str) -> list[str]:
    """The names found on a line."""
    return [i.text for i in find_identifiers(line) if i.kind == "name"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Paciente  : FULANO SICRANO  BELTRANO  NETO  Sexo:  M", "FULANO SICRANO  BELTRANO  NETO"),
        ("solicitante: ANA  LIMA  DA  ROCHA  CRM-SP:123456", "ANA  LIMA  DA  ROCHA"),
        ("Exame liberado por Ana  Lucia  Prado  CRBio:  12345/01D", "Ana  Lucia  Prado"),
        ("Doutor(a): SICRANO  BELTRANO  FULANO  Pagina1/5", "SICRANO  BELTRANO  FULANO"),
        ("Assinado por Dra.  Rita  de S. Lopes  - CRBM 1234", "Rita  de S. Lopes"),
    ],
)
def test_a_name_runs_on_over_wide_gaps(line: str, name: str) -> None:
    assert any(name in found for found in _names(line))


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Patient: JANE DOE   FEMALE   45Y", "JANE DOE"),  # a sex word ends it
        ("Patient Name: John Smith  Hospital  Ward 3", "John Smith"),  # a place of care
        ("Reported By: Asha Rao  Pathologist", "Asha Rao"),  # a qualification
        ("Patient: JANE DOE  Mary Ann", "JANE DOE"),  # capitalised words after capitals
        ("Patient: JANE DOE  AM", "JANE DOE"),  # a lone short word is a field's value
        ("Patient: JANE DOE  DA", "JANE DOE"),  # a particle must lead to a name's word
    ],
)
def test_a_name_stops_where_its_words_end(line: str, name: str) -> None:
    assert _names(line) == [name]
