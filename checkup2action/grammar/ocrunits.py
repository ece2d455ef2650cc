"""Units as OCR misreads them: ``G/I`` for ``G/l``, ``pmol/1``, ``U/`` with the ``l`` lost, ``96``,
``ulU/mL``, ``Pg``, ``1O^3/uL``.

Used when the printed unit is not recognised as it stands: on rows read by OCR, and on text
layers, which a scanner's own OCR may have made (``mmol/1``) or a lab may have typed with a
letter O (``1O^3/uL``). A candidate reading is accepted when it is a unit the matched analyte is
reported in (its catalogue unit or an alternative unit of the same kind), so a misread never
turns into an arbitrary unit. The printed text is kept as ``unit_raw``; the result is marked for
review by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checkup2action.grammar.catalogue import Analyte
from checkup2action.grammar.units import convert, enzyme_activity, normalize_unit

#: A final ``l`` after a slash read as I, 1, | or ! (``G/I``, ``mmol/1``, ``mg/dI``).
_LAST_L = re.compile(r"(?<=/)(\w*?)[I1|!]$")
#: A final ``l`` after a slash read as A or t (``U/A``, ``μmol/t``): only where the analyte's
#: unit confirms it (amperes and tonnes are no lab units, but they are units).
_LAST_L_AS_LETTER = re.compile(r"(?<=/)(\w*?)[At]$")
#: A per-litre unit with its slash lost (``gL``, ``μmolL``, ``UL``), any letters: the analyte's
#: units confirm the reading.
_NO_SLASH = re.compile(r"^([A-Za-zμµ]+)([lL])$")
#: Both slips at once: the slash lost and the litre read as A (``UA`` for ``U/l``).
_NO_SLASH_LAST_L_AS_LETTER = re.compile(r"^([A-Za-zμµ]+)A$")
#: A per-litre unit of mass, substance or enzyme activity with its slash lost (``gL``, ``mgL``,
#: ``mmolL``, ``IUL``, ``KUL``) or a count per litre (``GL``): no unit is written so, and no
#: other unit reads so, so the slash is put back without an analyte to confirm it.
SLASHLESS_LITRE = re.compile(r"^([kKmunpμµ]?(?:g|mol|IU|U)|[GT])([lL])$")
#: A leading slash read as a letter (``fcumm``, ``luL``) and femtolitres read as ``iL``/``tL``.
_LOST_SLASH = re.compile(r"^[fl1I|]((?:cumm|[uμµ]L|mm3|HPF|LPF))$")
_FEMTO = re.compile(r"^(?:[it][lL]|f[1I|\]]?)$")
#: Giga per litre in lower case, its slash or litre maybe lost (``g/l``, ``gl``, ``g1``, ``g/``).
_GIGA_LOWER = re.compile(r"^g/?[lL1I|]?$")
#: A ``g`` read as 9 after a prefix (``P9`` for ``pg``, ``m9/dL``).
_G_AS_NINE = re.compile(r"^([pPmnuμµk])9(?=/|$)")
#: A count's power of ten with both the caret and the slash lost (``106μL`` for ``10^6/μL``).
_BARE_POWER = re.compile(r"^[x×*]?10(\d{1,2})([uμµ]?[lL]|cumm|mm3)$")
#: A degree sign read for the caret of a power of ten (``x10°6/μl``): no unit is written so.
_DEGREE_CARET = re.compile(r"(?<=10)[°º](?=\d)")
#: A per-litre unit with the next cell's text glued on (``10^12/LMON#``, ``109/L2``).
_GLUED_AFTER_LITRE = re.compile(r"^(.+?/[lL])(?=[A-Z0-9#%(])")
#: A count's power of ten that OCR garbled (``×10°/L``, ``x10%/L``, ``×10^2/L`` for ``×10^12/L``).
_GARBLED_POWER = re.compile(r"^[×xX*]?\s*10(?:[\^*]?\d{0,2}|[°%º'’\"]{1,2}|[\^*][°%])/([lL])$")
#: A letter O for the zero of a count's power of ten (``1O^3/uL``, ``x1O*9/L``).
_LETTER_O_POWER = re.compile(r"(?<=1)[Oo](?=\s*[\^*⁰¹²³⁴⁵⁶⁷⁸⁹])")
#: The ``l`` of ``mol`` read as 1, I or | (``mmo1/L``, ``umoI/l``): no unit is written that way.
_MOL_L = re.compile(r"(?<=mo)[1I|](?=/)")
#: The slash of a substance unit read as 7 (``μmo171`` for ``μmol/l``): no unit is written so.
_MOL_SEVEN = re.compile(r"(?<=mo[l1I|])7(?=[lL1I|]$)")
#: The powers a lab prints its counts in.
_COUNT_POWERS = ("9", "12", "6", "3")
#: A slash read together with the letter before it as V or N (``UVL`` for ``U/L`` or ``UI/L``,
#: ``µmoVL`` for ``µmol/L``): the analyte's units confirm which letter was lost.
_SLASH_IN_LETTER = re.compile(r"^([A-Za-zμµ]+?)[VN]([lL])$")
#: A percent sign read as a number (``96``, ``9%``, ``%6``).
_PERCENT = {"96", "9%", "%6", "%o", "o/o", "0/0", "%%"}


def _litres_restored(text: str) -> str:
    """``text`` with a final ``l`` read as I, 1, | or ! after the slash written back."""
    return _LAST_L.sub(lambda m: m.group(1) + "l", text)


def ocr_variants(raw: str) -> Iterator[str]:
    """Readings of a printed unit that undo the usual OCR slips, most likely first."""
    text = raw.strip()
    if text in _PERCENT:
        yield "%"
    text = _MOL_SEVEN.sub("/", text)
    if _MOL_L.search(text):
        yield _litres_restored(_MOL_L.sub("l", text))
    if _LAST_L.search(text):
        yield _litres_restored(text)
    if _LAST_L_AS_LETTER.search(text):
        yield _LAST_L_AS_LETTER.sub(lambda m: m.group(1) + "l", text)
    if m := _LOST_SLASH.match(text):
        yield "/" + m.group(1)
    if _FEMTO.match(text):
        yield "fL"
    if m := _G_AS_NINE.match(text):
        yield m.group(1).replace("P", "p") + "g" + text[m.end() :]
    if m := _BARE_POWER.match(text):
        yield f"10^{m.group(1)}/{m.group(2)}"
    if _DEGREE_CARET.search(text):
        yield _DEGREE_CARET.sub("^", text)
    if m := _GLUED_AFTER_LITRE.match(text):
        yield m.group(1)
    if "/" not in text and (m := _NO_SLASH.match(text)):
        yield f"{m.group(1)}/{m.group(2)}"
    if "/" not in text and (m := _NO_SLASH_LAST_L_AS_LETTER.match(text)):
        yield f"{m.group(1)}/l"
    if "/" not in text and (m := _SLASH_IN_LETTER.match(text)):
        yield from (f"{m.group(1)}{lost}/{m.group(2)}" for lost in ("", "l", "I"))
    if text.endswith("/"):
        yield text + "l"
        yield text + "L"
    if "I" in text:
        yield text.replace("I", "l")
    if "lU" in text:  # international units with their I read as l (``ulU/mL``)
        yield text.replace("lU", "IU")
    if text[:1] == "P":  # pico- read upper case (``Pg``, ``Pmol/L``)
        yield "p" + text[1:]
    if _GIGA_LOWER.match(text):
        yield "G/l"
    if _LETTER_O_POWER.search(text):
        yield _LETTER_O_POWER.sub("0", text)
    if m := _GARBLED_POWER.match(text):
        yield from (f"10^{p}/{m.group(1)}" for p in _COUNT_POWERS)
    if text.endswith("/l") or text.endswith("/L"):
        return
    if re.fullmatch(r"[A-Za-z]+/[A-Za-z]?", text):
        yield text + "l"


def analyte_units(analyte: Analyte) -> set[str]:
    """UCUM units the analyte is reported in."""
    return {u for u in (analyte.unit, *analyte.alt_units) if u}


def unit_fits(ucum: str, analyte: Analyte) -> bool:
    """Whether a unit is one the analyte is reported in, or converts to its main unit."""
    if ucum in analyte_units(analyte):
        return True
    if analyte.unit is None:
        return False
    return convert(1.0, ucum, analyte.unit, molar_mass=analyte.molar_mass) is not None


def read_ocr_unit(raw: str | None, analyte: Analyte | None) -> str | None:
    """The UCUM unit an OCR-misread unit stands for, when exactly one reading fits the analyte.

    Without an analyte only the litre read as ``I``/``1`` after the slash (``mmol/I``, ``g/1``),
    the ``l`` of ``mol`` read so (``mmo1/L``) and its slash read as 7 (``μmo171``), a letter O or
    a degree sign in a power of ten (``1O^3/uL``, ``x10°6/μl``), a lost slash before the litre
    (``KUL``, ``mgL``) and a per cent sign misread (``0/0``, ``%o``) are undone: no unit is
    written that way, so the reading cannot turn into another unit.
    """
    if not raw:
        return None
    if analyte is None:
        if raw.strip() in _PERCENT - {"96"}:
            return "%"  # ``0/0``, ``%o``: no other unit reads so (``96`` may be a number)
        text = _DEGREE_CARET.sub("^", _LETTER_O_POWER.sub("0", raw.strip()))
        text = _litres_restored(_MOL_L.sub("l", _MOL_SEVEN.sub("/", text)))
        text = SLASHLESS_LITRE.sub(r"\1/\2", text)
        return normalize_unit(text) if text != raw.strip() else None
    fitting = []
    for variant in ocr_variants(raw):
        ucum = normalize_unit(variant)
        if ucum is not None and unit_fits(ucum, analyte) and ucum not in fitting:
            fitting.append(ucum)
    if not fitting:
        fitting = _near_analyte_units(raw.strip(), analyte)
    own = [u for u in fitting if u in analyte_units(analyte)]
    if len(fitting) > 1 and len(own) == 1:
        return own[0]  # ``×10°/L``: of the powers that convert, the one the analyte is printed in
    if len(fitting) > 1 and _all_one_unit(fitting, analyte):
        return fitting[0]  # ``UVL``: ``U/L`` or ``UI/L``, one and the same for an enzyme
    return fitting[0] if len(fitting) == 1 else None


def _all_one_unit(units: list[str], analyte: Analyte) -> bool:
    """Whether the units are one unit for the analyte (``U/L`` and ``[IU]/L`` of an enzyme)."""
    if analyte.unit is None:
        return False
    first = enzyme_activity(units[0], analyte.unit)
    return all(enzyme_activity(u, analyte.unit) == first for u in units[1:])


#: A unit cut short at the crop's edge keeps at least this many of its characters (``mmol``).
MIN_KEPT = 4


def _near_analyte_units(text: str, analyte: Analyte) -> list[str]:
    """The analyte's own units that the text is one slipped or lost character away from
    (``amol/L``, ``mmol/.``, ``mmo/L``) or the start of, cut at the crop's edge (``mmol`` for
    ``mmol/L``)."""
    near = []
    for unit in sorted(analyte_units(analyte)):
        shown = _printed_form(unit)
        cut = len(text) >= MIN_KEPT and shown.startswith(text) and shown != text
        if cut or _one_substitution(text, shown) or _one_deletion(text, shown):
            near.append(unit)
    return near


def _printed_form(ucum: str) -> str:
    """How a UCUM unit is usually printed (``10*9/L`` as ``10^9/L``, ``umol/L`` as is)."""
    return ucum.replace("*", "^")


def _one_deletion(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` with one character left out (``mmo/L``; case ignored)."""
    if len(short) != len(full) - 1 or len(short) < MIN_KEPT:
        return False
    low, full_low = short.lower(), full.lower()
    return any(full_low[:i] + full_low[i + 1 :] == low for i in range(len(full_low)))


def _one_substitution(a: str, b: str) -> bool:
    """Whether two texts of one length differ in exactly one character (case ignored)."""
    if len(a) != len(b) or len(a) < MIN_KEPT:
        return False
    return sum(x != y for x, y in zip(a.lower(), b.lower(), strict=True)) == 1
