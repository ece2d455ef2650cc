"""Units as OCR misreads them: ``G/I`` for ``G/l``, ``pmol/1``, ``U/`` with the ``l`` lost, ``96``,
``ulU/mL``, ``Pg``.

Only used for rows read by OCR, and only when the printed unit is not recognised as it stands. A
candidate reading is accepted when it is a unit the matched analyte is reported in (its catalogue
unit or an alternative unit of the same kind), so a misread never turns into an arbitrary unit.
The printed text is kept as ``unit_raw``; the result is marked for review by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checkup2action.grammar.catalogue import Analyte
from checkup2action.grammar.units import convert, normalize_unit

#: A final ``l`` after a slash read as I, 1, | or ! (``G/I``, ``mmol/1``, ``mg/dI``).
_LAST_L = re.compile(r"(?<=/)(\w*?)[I1|!]$")
#: A per-litre unit with its slash lost (``gL``, ``μmolL``, ``UL``).
_NO_SLASH = re.compile(r"^([A-Za-zμµ]+)([lL])$")
#: A leading slash read as a letter (``fcumm``, ``luL``) and femtolitres read as ``iL``/``tL``.
_LOST_SLASH = re.compile(r"^[fl1I|]((?:cumm|[uμµ]L|mm3|HPF|LPF))$")
_FEMTO = re.compile(r"^[it][lL]$")
#: A percent sign read as a number (``96``, ``9%``, ``%6``).
_PERCENT = {"96", "9%", "%6", "%o", "o/o", "0/0", "%%"}


def ocr_variants(raw: str) -> Iterator[str]:
    """Readings of a printed unit that undo the usual OCR slips, most likely first."""
    text = raw.strip()
    if text in _PERCENT:
        yield "%"
    if _LAST_L.search(text):
        yield _LAST_L.sub(lambda m: m.group(1) + "l", text)
    if m := _LOST_SLASH.match(text):
        yield "/" + m.group(1)
    if _FEMTO.match(text):
        yield "fL"
    if "/" not in text and (m := _NO_SLASH.match(text)):
        yield f"{m.group(1)}/{m.group(2)}"
    if text.endswith("/"):
        yield text + "l"
        yield text + "L"
    if "I" in text:
        yield text.replace("I", "l")
    if "lU" in text:  # international units with their I read as l (``ulU/mL``)
        yield text.replace("lU", "IU")
    if text[:1] == "P":  # pico- read upper case (``Pg``, ``Pmol/L``)
        yield "p" + text[1:]
    if text.endswith("/l") or text.endswith("/L"):
        return
    if re.fullmatch(r"[A-Za-z]+/[A-Za-z]?", text):
        yield text + "l"


def analyte_units(analyte: Analyte) -> set[str]:
    """UCUM units the analyte is reported in."""
    return {u for u in (analyte.unit, *analyte.alt_units) if u}


def _fits(ucum: str, analyte: Analyte) -> bool:
    """Whether a unit is one the analyte is reported in, or converts to its main unit."""
    if ucum in analyte_units(analyte):
        return True
    if analyte.unit is None:
        return False
    return convert(1.0, ucum, analyte.unit, molar_mass=analyte.molar_mass) is not None


def read_ocr_unit(raw: str | None, analyte: Analyte | None) -> str | None:
    """The UCUM unit an OCR-misread unit stands for, when exactly one reading fits the analyte.

    Without an analyte only the litre read as ``I``/``1`` after the slash is undone (``mmol/I``,
    ``g/1``): no unit ends that way, so the reading cannot turn into another unit.
    """
    if not raw:
        return None
    if analyte is None:
        text = raw.strip()
        return (
            normalize_unit(_LAST_L.sub(lambda m: m.group(1) + "l", text))
            if _LAST_L.search(text)
            else None
        )
    fitting = []
    for variant in ocr_variants(raw):
        ucum = normalize_unit(variant)
        if ucum is not None and _fits(ucum, analyte) and ucum not in fitting:
            fitting.append(ucum)
    return fitting[0] if len(fitting) == 1 else None
