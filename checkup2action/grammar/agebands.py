"""Reference ranges printed as bands by age group, each band opened by its ages.

A paediatric-aware lab prints one band per age group (made up)::

    0 a 10 dias  70-250 U/L
    10 dias a 1 ano  90-420 U/L
    1 a 12 anos  100-380 U/L
    Adultos:  35-115 U/L

An age bracket is a span or a bound of ages with the unit of age after it (``1 a 12 anos``,
``10 dias a 1 ano``, ``> 18 years``, ``acima de 60 anos``); followed by an age unit, a span of
numbers is never a range itself. Without the patient's age the adults' band is the one to use:
the band labelled for adults, or else the one band whose ages start at 18 years or later or
run on upwards (``> 10 years``); with two such bands, none.
"""

from __future__ import annotations

import re

#: Units of age, as reports print them (Portuguese, Spanish, English, German, French, Italian,
#: Chinese and Japanese), mapped to years.
_AGE_UNITS = {
    r"d[ií]as?|days?|tage?n?|jours?|giorni|天|日": 1 / 365,
    r"semanas?|weeks?|wochen?|semaines?|settimane|周|週": 7 / 365,
    r"meses|m[eê]s|months?|monate?n?|mois|mes[ei]|个月|月|ヶ月|か月": 1 / 12,
    r"anos?|años?|years?|yrs?|jahre?n?|ans?|anni|岁|歳|才": 1.0,
}
AGE_UNIT = "|".join(_AGE_UNITS)
_NUMBER = r"\d+(?:[.,]\d+)?"
_JOINT = r"(?:-|–|~|a|à|al|ao|até|ate|hasta|to|bis|au)"
_ABOVE = (
    r"(?:>=?|≥|acima\s+de|mais\s+de|maior(?:es)?\s+(?:de|que)|m[aá]s\s+de|above|over|ab|"
    r"über|plus\s+de|oltre|sopra)"
)
_BELOW = (
    r"(?:<=?|≤|abaixo\s+de|menos\s+de|menor(?:es)?\s+(?:de|que)|até|ate|hasta|up\s+to|below|"
    r"under|unter|bis|moins\s+de|jusqu'à|sotto|fino\s+a)"
)
#: An age bracket: a span of ages (its first unit may be left out), or one bound of age.
AGE_BRACKET = (
    rf"(?i:(?P<a>{_NUMBER})\s*(?P<ua>{AGE_UNIT})?\s*{_JOINT}\s*"
    rf"(?P<b>{_NUMBER})\s*(?P<ub>{AGE_UNIT})"
    rf"|(?P<side>{_ABOVE}|{_BELOW})\s*(?P<n>{_NUMBER})\s*(?P<un>{AGE_UNIT}))(?![^\W\d_])"
)
#: The same, with no named groups, to be set inside other patterns.
AGE_BRACKET_TEXT = re.sub(r"\(\?P<\w+>", "(?:", AGE_BRACKET)
_BRACKET = re.compile(AGE_BRACKET, re.I)
#: The words that label the adults' band among bands by age group.
ADULT_WORDS = r"adults?|adultos?|adulte?s?|adulti|erwachsene|взрослые|成人|成年人?"
ADULT_LABEL = re.compile(rf"(?<!\w)(?:{ADULT_WORDS})(?!\w)", re.I)
#: The age from which a band is an adult's, in years.
ADULT_AGE = 18.0


def is_age_unit(text: str) -> bool:
    """Whether a word is a unit of age (``anos``, ``days``, ``岁``)."""
    return re.fullmatch(AGE_UNIT, text.strip(), re.I) is not None


def _years(number: str, unit: str | None) -> float:
    """An age as printed, in years."""
    value = float(number.replace(",", "."))
    for pattern, years in _AGE_UNITS.items():
        if unit and re.fullmatch(pattern, unit, re.I):
            return value * years
    return value


def _is_adults(m: re.Match[str]) -> bool:
    """Whether a bracket holds adults: its ages start at 18 years or later, or it is open
    upwards (``> 10 years``)."""
    if m.group("side") is None:
        return _years(m.group("a"), m.group("ua") or m.group("ub")) >= ADULT_AGE
    return not re.match(_BELOW, m.group("side"), re.I)


def starts_with_age_bracket(text: str) -> bool:
    """Whether a text opens with an age bracket (``1 a 12 anos  100-380 U/L``)."""
    return _BRACKET.match(text.strip()) is not None


def _bands(text: str) -> list[tuple[int, int, bool]]:
    """Where each band's opening (label or bracket) starts and ends, and whether it is an
    adult's; an adults' label directly before a bracket opens one band with it."""
    found = sorted(
        [(m.start(), m.end(), _is_adults(m), False) for m in _BRACKET.finditer(text)]
        + [(m.start(), m.end(), True, True) for m in ADULT_LABEL.finditer(text)]
    )
    out: list[tuple[int, int, bool]] = []
    label_before = False
    for start, end, adult, is_label in found:
        if out and label_before and not text[out[-1][1] : start].strip():
            out[-1] = (out[-1][0], end, True)  # ``Adultos até 40 anos:`` (made up)
        else:
            out.append((start, end, adult))
        label_before = is_label
    return out


def adult_band(text: str) -> str | None:
    """Of a range printed as bands by age group, the adults' band's own text (what follows its
    label or bracket, up to the next); None unless exactly one band is an adult's."""
    bands = _bands(text)
    if not bands or text[: bands[0][0]].strip():
        return None
    adults = [
        text[end : bands[i + 1][0] if i + 1 < len(bands) else len(text)].strip(" :：;,)")
        for i, (_, end, adult) in enumerate(bands)
        if adult
    ]
    return adults[0] if len(adults) == 1 and adults[0] else None
