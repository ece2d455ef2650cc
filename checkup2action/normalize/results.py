"""Raw table rows → normalised LabResult models (values, units, ranges, flags, analytes)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from checkup2action.grammar.catalogue import Analyte, Catalogue, uncovered_specimen
from checkup2action.grammar.flags import (
    compute_flag,
    is_dipstick_result,
    minus_read_as_one,
    parse_flag,
    range_and_mark,
    resolve_flag,
    unit_and_mark,
    value_and_mark,
)
from checkup2action.grammar.fuzzy import Slip
from checkup2action.grammar.names import UNIT_PART_RE
from checkup2action.grammar.ocrunits import analyte_units, read_ocr_unit, unit_fits
from checkup2action.grammar.ranges import (
    COUNT_UNIT,
    DASHED_RANGE,
    dash_for_dot,
    dot_as_dash,
    parse_range,
    unit_only,
)
from checkup2action.grammar.units import convert, enzyme_activity, normalize_unit
from checkup2action.grammar.values import ParsedValue, parse_value, ungroup_dots
from checkup2action.normalize.decimals import (
    has_grouped_numbers,
    keeps_decimal_reading,
    prints_decimal_commas,
)
from checkup2action.normalize.history import history_of
from checkup2action.report.models import (
    BBox,
    LabResult,
    Patient,
    Provenance,
    ReferenceRange,
    ReportWarning,
)
from checkup2action.tables.content import LONE_DASHES
from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role

STAGE = "normalize"
# European reports print + / - beside a number for above / below the range.
SIGN_FLAGS = {"+": "H", "-": "L", "++": "HH", "--": "LL"}
# A name OCR misread by a character, matched to the one analyte it is nearest to.
ANALYTE_OCR_MATCH = "ANALYTE_OCR_MATCH"


@dataclass(slots=True)
class Normalised:
    """Results and warnings of the normalize stage."""

    results: list[LabResult] = field(default_factory=list)
    warnings: list[ReportWarning] = field(default_factory=list)


def _round(x: float | None, digits: int = 6) -> float | None:
    """Round a derived float so conversions do not print 17 digits."""
    return None if x is None else round(x, digits)


def _name_and_code(row: RawRow) -> tuple[str, str]:
    """Printed name (code column appended when the name is empty) and the code column."""
    name = row.text(Role.NAME).strip()
    code = row.text(Role.CODE).strip()
    return (name or code), code


def _candidates(row: RawRow, context: str | None = None) -> list[str]:
    """Texts that may name the row's analyte: its name, its code column, both together; only
    the name when the name or its context names a specimen the catalogue does not cover (a body
    fluid's ``WBC`` is not the blood count; the catalogue knows a few CSF tests by name)."""
    name, code = _name_and_code(row)
    if uncovered_specimen(name, context):
        return [name] if name else []
    return [c for c in (name, code, f"{name} {code}".strip()) if c]


def _context(row: RawRow, specimen: str | None) -> str | None:
    """Panel title and specimen, the context a name is read in."""
    return " ".join(t for t in (row.panel, specimen) if t) or None


def _match(
    catalogue: Catalogue, row: RawRow, unit: str | None, specimen: str | None
) -> Analyte | None:
    """Map a row to an analyte by its name, then by its code column (panel and specimen as context)."""
    context = _context(row, specimen)
    for candidate in _candidates(row, context):
        found = catalogue.match(candidate, panel=context, unit=unit)
        if found is not None:
            return found
    return None


def _match_ocr(
    catalogue: Catalogue, row: RawRow, unit: str | None, specimen: str | None
) -> tuple[Analyte, Slip] | tuple[None, None]:
    """For an OCR row no name matched exactly: the analyte a name denotes but for one slip."""
    context = _context(row, specimen)
    for candidate in _candidates(row, context):
        found = catalogue.match_ocr(candidate, panel=context, unit=unit)
        if found is not None:
            return found
    return None, None


#: A bracketed part at the end of a test's name (``총콜레스테롤(mg/dL)``).
_BRACKETED_TAIL = re.compile(r"[(（\[]\s*([^()（）\[\]]+?)\s*[)）\]]\s*$")


def unit_in_name(name: str) -> str | None:
    """The unit a test's name carries in brackets at its end (``혈색소(g/dL)``,
    ``AST(SGOT)(IU/L)``), when that part is a unit; else None."""
    m = _BRACKETED_TAIL.search(name)
    if m is None or not UNIT_PART_RE.match(m.group(1)) or normalize_unit(m.group(1)) is None:
        return None
    return m.group(1)


def _unit_of(
    parsed: ParsedValue,
    unit_text: str,
    rng: ReferenceRange | None,
    in_range: str | None = None,
    name: str = "",
) -> tuple[str | None, str | None]:
    """(unit as printed, UCUM unit): the unit column, else a unit glued to the value, alone in
    the range's column, in the range, or in brackets after the name."""
    raw = unit_text.strip() or parsed.unit_raw or in_range or None
    if raw is None and (rng is None or not rng.unit):
        raw = unit_in_name(name)
    ucum = normalize_unit(raw) if raw else None
    if ucum is None and rng is not None and rng.unit:
        ucum = rng.unit
    return raw, ucum


def _read_by_ocr(row: RawRow) -> bool:
    """Whether the row's words came from OCR (they carry a confidence)."""
    return any(w.confidence is not None for w in row.words())


def _confidence(row: RawRow) -> float:
    """The least confident word of the row (1.0 for a text layer, which is read exactly), but
    for a lone dash as the range: OCR scores a one-stroke crop low however plain it is."""
    lone_dash = [w for w in row.cells.get(Role.RANGE, []) if w.text.strip() in LONE_DASHES]
    words = [w for w in row.words() if not any(w is d for d in lone_dash)]
    scores = [w.confidence for w in words if w.confidence is not None]
    return round(min(scores), 4) if scores else 1.0


def _provenance(row: RawRow) -> list[Provenance]:
    """One provenance entry: the row's box on its page."""
    x0, top, x1, bottom = row.bbox()
    return [Provenance(page=row.page, bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom))]


#: What a range cell prints after its last bound: its unit, perhaps misread (``mmol/.``).
_AFTER_BOUNDS = re.compile(r"\d\s*([^\d\s][^\d]*?)\s*$")


def _unit_after_bounds(range_text: str) -> str | None:
    """The text after a range's last number (``mmol`` of ``96.00~108.00 mmol``), if any."""
    text = (range_text or "").rstrip()
    ending = [m for m in COUNT_UNIT.finditer(text) if m.end() == len(text)]
    if ending:
        return ending[-1].group(0)  # ``2.00--7.00×10°/L``: a count's unit, its power misread
    m = _AFTER_BOUNDS.search(text)
    tail = m.group(1).strip() if m else ""
    return tail if any(c.isalpha() for c in tail) else None


def _in_per_cent(value: float | None, rng: ReferenceRange | None, analyte: Analyte | None) -> bool:
    """Whether a value with no unit is a share in per cent: its analyte is reported in per cent
    and nothing else (a differential's share, not a haematocrit, which some print as a fraction),
    and neither its range nor the value itself is on the scale of a fraction (``淋巴细胞比值
    0.361``, range ``0.20-0.40``, against a usual 20-40 %); a value over 100 is no share."""
    if value is None or analyte is None or analyte.unit != "%" or set(analyte.alt_units) - {"%"}:
        return False
    if value > 100:
        return False
    usual_low, usual_high = analyte.ref_low or 0.0, analyte.ref_high or 0.0
    if rng is not None and rng.high is not None and rng.high < usual_high / FRACTION_GAP:
        return False
    return not value < usual_low / FRACTION_GAP


#: A range or value this many times under the analyte's usual per cent is a fraction of one.
FRACTION_GAP = 10.0


def _dash_expects_negative(
    range_text: str, rng: ReferenceRange | None, parsed: ParsedValue
) -> bool:
    """Whether a lone dash as the reference of a dipstick result (``+``  ``-``) is the negative
    the test expects."""
    if rng is None or rng.qualitative is not None or _has_bounds(rng):
        return False
    return range_text.strip() in LONE_DASHES and is_dipstick_result(parsed.value_text)


def _only_a_ceiling(rng: ReferenceRange | None) -> bool:
    """Whether a range is an upper limit alone (``<0.25 g/L``, or one from zero: ``0-0.25``): a
    negative result lies under it."""
    return rng is not None and rng.high is not None and not rng.low and rng.qualitative is None


def _has_bounds(rng: ReferenceRange | None) -> bool:
    """Whether a range says anything to compare with."""
    return rng is not None and (
        rng.low is not None or rng.high is not None or rng.qualitative is not None
    )


def _flag(
    parsed: ParsedValue, row: RawRow, rng: ReferenceRange | None, mark: str | None = None
) -> tuple[str | None, str | None, str | None, str | None]:
    """(flag, printed flag text, source, disagreement code) for one row; ``mark``: a flag mark
    found in another cell, ``*`` when OCR read an arrow as ``1`` (kept only when the range says
    the value is high or low: else the ``1`` was no arrow)."""
    computed = compute_flag(parsed.value, parsed.comparator, parsed.value_text, rng)
    if mark == "*" and computed not in ("H", "L"):
        mark = None
    flag_raw = row.text(Role.FLAG).strip() or parsed.flag_raw or mark or None
    printed = parse_flag(flag_raw)
    if flag_raw in SIGN_FLAGS and parsed.value is not None:
        printed = SIGN_FLAGS[flag_raw]
    if (
        computed is None
        and parsed.value is None
        and parsed.value_text == "negative"
        and (not _has_bounds(rng) or _only_a_ceiling(rng))
    ):
        computed = "N"
    flag, source, disagreement = resolve_flag(printed, row.style is not None, computed)
    if flag == "A" and parsed.value is not None and computed in ("H", "L"):
        flag = computed  # a bare marker (*, !, 异常) beside a number: direction from the range
    return flag, flag_raw, source, disagreement


def _ocr_unit(
    unit_raw: str | None,
    unit: str | None,
    rng: ReferenceRange | None,
    range_text: str,
    analyte: Analyte | None,
    value: float | None,
) -> tuple[str | None, str | None, bool]:
    """(unit as printed, UCUM unit, misread) of an OCR row: a unit not recognised, a count's
    unit whose power OCR garbled into another power (``×10^2/L``), or a unit that does not fit
    the analyte (``mg/d``), read as the analyte's unit it stands for; with no unit cell, the
    unit after the range's bounds."""
    if unit_raw is None and _has_bounds(rng) and (unit is None or _garbled_count(unit, analyte)):
        tail = _unit_after_bounds(range_text)  # ``96.00~108.00 mmol``: cut at the crop's edge
        read = _misread_unit(tail, analyte, value)
        return (tail, read, True) if read is not None else (None, unit, False)
    if unit_raw and (unit is None or _garbled_count(unit, analyte) or _unfit(unit, analyte)):
        read = _misread_unit(unit_raw, analyte, value)
        return (unit_raw, read, True) if read is not None else (unit_raw, unit, False)
    return unit_raw, unit, False


def _misread_unit(raw: str | None, analyte: Analyte | None, value: float | None) -> str | None:
    """``read_ocr_unit``, kept only when the value in that unit is a plausible one for the
    analyte (``43.9`` beside ``L/L(%)`` is a percentage, not 43.9 litres per litre)."""
    read = read_ocr_unit(raw, analyte)
    if read is None or analyte is None or value is None:
        return read
    converted, _ = canonical_value(value, read, analyte)
    return read if converted is None or analyte.within_limits(converted) else None


def _garbled_count(ucum: str, analyte: Analyte | None) -> bool:
    """A count's unit (``10*2/L``) that is none of the analyte's own: maybe a power misread; or
    grams for giga (``_grams_for_giga``)."""
    if analyte is None or ucum in analyte_units(analyte):
        return False
    return ucum.startswith("10*") or _grams_for_giga(ucum, analyte)


def _unfit(ucum: str, analyte: Analyte | None) -> bool:
    """A unit that parses but that the analyte is never reported in, nor converts to (``mg/d``,
    milligrams a day, read for ``mg/dL`` with its last letter lost beside a cholesterol)."""
    return analyte is not None and analyte.unit is not None and not unit_fits(ucum, analyte)


def _grams_for_giga(ucum: str, analyte: Analyte | None) -> bool:
    """Grams per litre beside a cell count: giga per litre (``G/l``) printed or read in lower
    case, as German reports print it (grams are no count's unit)."""
    return analyte is not None and ucum == "g/L" and "10*9/L" in analyte_units(analyte)


def build_result(
    row: RawRow,
    index: int,
    patient: Patient,
    catalogue: Catalogue,
    specimen: str | None = None,
    day_first: bool | None = None,
    dashed: bool = False,
    group_dots: bool = False,
) -> tuple[LabResult, list[ReportWarning]]:
    """Normalise one raw row into a LabResult plus its warnings (``day_first``: how the document
    writes numeric dates, for the dates of earlier results; ``dashed``: the row's table prints
    its ranges with a dash; ``group_dots``: a dot before three digits groups thousands)."""
    rid = f"r{index:04d}"
    by_ocr = _read_by_ocr(row)
    value_raw = row.text(Role.VALUE).strip()
    value_raw = minus_read_as_one(value_raw) if by_ocr else value_raw
    value_raw, value_mark = value_and_mark(value_raw, by_ocr=by_ocr)
    parsed = parse_value(ungroup_dots(value_raw) if group_dots else value_raw)
    range_text, range_mark = range_and_mark(row.text(Role.RANGE), by_ocr=by_ocr)
    unit_in_range = None if row.text(Role.UNIT).strip() else unit_only(range_text)
    if unit_in_range is not None:
        range_text = ""  # the range's column holds the unit, no range
    rng = _parse_range(range_text, patient.sex, group_dots)
    if by_ocr and dashed and (redashed := _lost_dash(range_text, rng)) is not None:
        range_text, rng = redashed, _parse_range(redashed, patient.sex, group_dots)
    if _dash_expects_negative(range_text, rng, parsed):
        rng = rng.model_copy(update={"qualitative": "negative"})  # type: ignore[union-attr]
    unit_text, unit_mark = unit_and_mark(row.text(Role.UNIT), by_ocr=by_ocr)
    unit_raw, unit = _unit_of(parsed, unit_text, rng, unit_in_range, row.text(Role.NAME))
    # a unit printed with a slip no unit has (``1O^3/uL``) still tells a share from a count
    seen_unit = unit if unit is not None or not unit_raw else read_ocr_unit(unit_raw, None)
    analyte = _match(catalogue, row, seen_unit, specimen)
    slip: Slip | None = None
    if analyte is None and by_ocr:
        analyte, slip = _match_ocr(catalogue, row, seen_unit, specimen)
    unit_misread = False
    if by_ocr:
        unit_raw, unit, unit_misread = _ocr_unit(
            unit_raw, unit, rng, range_text, analyte, parsed.value
        )
    elif (
        unit_raw
        and (unit is None or _grams_for_giga(unit, analyte))
        and (read := _misread_unit(unit_raw, analyte, parsed.value))
    ):
        unit, unit_misread = read, True  # a text layer's own slip (``mmol/1``, ``1O^3/uL``)
    if unit is None and not unit_raw and _in_per_cent(parsed.value, rng, analyte):
        unit = "%"  # a share printed (or read) without its sign: the analyte has no other unit
    mark = range_mark or unit_mark or value_mark
    flag, flag_raw, source, disagreement = _flag(parsed, row, rng, mark)
    history, previous_raw = history_of(row, day_first, group_dots)
    previous = history[0] if history else None
    canonical = canonical_value(parsed.value, unit, analyte)
    notes: list[tuple[str, str]] = []  # (code, message)
    if disagreement:
        notes.append((disagreement, "printed flag disagrees with the reference range"))
    if slip is not None:
        notes.append((ANALYTE_OCR_MATCH, slip.message()))
    if unit_misread:
        notes.append(
            (
                "UNIT_OCR_MISREAD",
                f"unit {unit_raw!r} read as {unit} (an OCR slip that fits the analyte)",
            )
        )
    if unit_raw and unit is None:
        notes.append(("UNKNOWN_UNIT", "unit not recognised"))
    if row.ambiguous:
        notes.append(("AMBIGUOUS_READING", "the page reads this row two ways nearly as well"))
    warnings = [
        ReportWarning(stage=STAGE, code=code, page=row.page, result_id=rid, message=message)
        for code, message in notes
    ]
    result = LabResult(
        id=rid,
        panel=row.panel,
        name_raw=_name_and_code(row)[0],
        value_raw=value_raw,
        value=parsed.value,
        comparator=parsed.comparator,  # type: ignore[arg-type]
        value_text=parsed.value_text,
        unit_raw=unit_raw,
        unit=unit,
        value_canonical=canonical[0],
        unit_canonical=canonical[1],
        reference_range=rng,
        flag=flag,  # type: ignore[arg-type]
        flag_raw=flag_raw,
        flag_source=source,  # type: ignore[arg-type]
        previous_value=previous.value if previous else None,
        previous_value_raw=previous_raw,
        previous_date=previous.date if previous else None,
        history=history,
        analyte=analyte.ref(unit) if analyte else None,  # LOINC by the unit's kind
        provenance=_provenance(row),
        confidence=_confidence(row),
        needs_review=unit_misread or slip is not None or row.ambiguous is not None,
    )
    return result, warnings


def _parse_range(text: str, sex: str | None, group_dots: bool) -> ReferenceRange | None:
    """The printed range parsed, its dot-grouped numbers read as thousands if asked; the text
    stays as printed."""
    rng = parse_range(text or None, sex=sex)
    if not group_dots or rng is None or (ungrouped := ungroup_dots(text)) == text:
        return rng
    grouped = parse_range(ungrouped, sex=sex)
    return grouped.model_copy(update={"text": rng.text}) if grouped is not None else rng


def canonical_value(
    value: float | None, unit: str | None, analyte: Analyte | None
) -> tuple[float | None, str | None]:
    """The value in the analyte's canonical unit, when a conversion exists."""
    if value is None or unit is None or analyte is None or not analyte.unit:
        return None, None
    if unit == analyte.unit:
        return value, unit
    unit = enzyme_activity(unit, analyte.unit)
    converted = convert(
        value, unit, analyte.unit, molar_mass=analyte.molar_mass, valence=analyte.valence
    )
    return (_round(converted), analyte.unit) if converted is not None else (None, None)


#: A table's specimen, told by the analytes only that specimen has (codes' prefixes).
_SPECIMENS = {
    "urine": ("U_", re.compile(r"尿|urine", re.I)),
    "stool": ("ST_", re.compile(r"便|粪|糞|stool|fa?eces", re.I)),
    "blood_gas": ("BG_", re.compile(r"blood[ _]gas|gasometr|gases en sangre|血气|血氣", re.I)),
}


def _table_key(row: RawRow) -> tuple[int, int, str | None]:
    """The (page, table, panel) group a row's specimen is told for."""
    return row.page, row.table_index, row.panel


def specimen_tables(
    rows: list[RawRow], catalogue: Catalogue, specimen: str | None
) -> dict[tuple[int, int, str | None], str]:
    """(page, table, panel) groups that read as urinalysis or a stool test: two analytes only
    that specimen has (more than of the other), or one and the report's specimen saying so.
    (Rows read without a table share its default index on every page: a urine page must not
    make a blood count on another page urine.)

    In such a table an ambiguous name (葡萄糖, 红细胞, Protein, 隐血) means that specimen's test;
    in a blood-gas table (pO2, pCO2) a bare pH is the blood's.
    """
    hits: dict[tuple[int, int, str | None], dict[str, int]] = {}
    for row in rows:
        unit = normalize_unit(row.text(Role.UNIT))
        analyte = _match(catalogue, row, unit, None)
        found = _specimen_of(analyte) or _blood_only(catalogue, row, unit, analyte)
        if found is not None:
            counts = hits.setdefault(_table_key(row), {})
            counts[found] = counts.get(found, 0) + 1
    out: dict[tuple[int, int, str | None], str] = {}
    for key, counts in hits.items():
        blood = counts.pop(BLOOD_ONLY, 0)
        if not counts:
            continue
        name, n = max(counts.items(), key=lambda kv: kv[1])
        said = bool(specimen) and bool(_SPECIMENS[name][1].search(specimen or ""))
        others = sum(counts.values()) - n + (blood if name in _EXCRETA else 0)
        if n > others and (n >= 2 or said):
            out[key] = name
    return out


#: Counted against urine and stool: a row whose name means a blood test in any context (a blood
#: count's rows around two urine tests at its end do not make the table urinalysis).
BLOOD_ONLY = "blood"
_EXCRETA = ("urine", "stool")


def _specimen_of(analyte: Analyte | None) -> str | None:
    """The specimen whose analytes only it has that ``analyte`` is one of, if any."""
    if analyte is None:
        return None
    return next(
        (n for n, (prefix, _) in _SPECIMENS.items() if analyte.code.startswith(prefix)), None
    )


def _blood_only(
    catalogue: Catalogue, row: RawRow, unit: str | None, analyte: Analyte | None
) -> str | None:
    """``BLOOD_ONLY`` when the row names a blood test that no urine or stool name shares
    (``Thrombozyten``; not ``Leukozyten`` or ``葡萄糖``, which a urinalysis prints too)."""
    if analyte is None:
        return None
    for name in _EXCRETA:
        if _specimen_of(_match(catalogue, row, unit, name)) == name:
            return None
    return BLOOD_ONLY


def _lost_dash(range_text: str, rng: ReferenceRange | None) -> str | None:
    """A range cell with no bounds whose one number reads as a range with its dash lost."""
    return None if rng is None or _has_bounds(rng) else dot_as_dash(range_text)


#: A table prints its ranges with a dash when this many of its range cells do, more than print
#: one bare number (a column of cut-offs such as ``5.38``): a lone ``134.146`` there is a range
#: whose dash OCR read as a dot.
MIN_DASHED = 3


def _bare_number(text: str) -> bool:
    """Whether a range cell holds one number and no bound (``5.38``, ``U/L 5.38``; not ``< 5.0``
    or ``Hasta 1.00``)."""
    numbers = [w for w in text.split() if any(c.isdigit() for c in w)]
    if len(numbers) != 1:
        return False
    rng = parse_range(text)
    return rng is not None and not _has_bounds(rng)


def dashed_tables(rows: list[RawRow]) -> set[tuple[int, int, str | None]]:
    """(page, table, panel) groups whose range cells print a dash between two numbers (or a
    dot that OCR read for one where only the dash reads as a range: ``32.0. 45.0``)."""
    dashed: dict[tuple[int, int, str | None], int] = {}
    bare: dict[tuple[int, int, str | None], int] = {}
    for row in rows:
        text, key = row.text(Role.RANGE).strip(), _table_key(row)
        if DASHED_RANGE.search(text) or dash_for_dot(text) is not None:
            dashed[key] = dashed.get(key, 0) + 1
        elif _bare_number(text):
            bare[key] = bare.get(key, 0) + 1
    return {k for k, n in dashed.items() if n >= MIN_DASHED and n > bare.get(k, 0)}


def normalise_rows(
    rows: list[RawRow],
    patient: Patient,
    catalogue: Catalogue,
    specimen: str | None = None,
    *,
    day_first: bool | None = None,
) -> Normalised:
    """Normalise every row; rows are numbered in reading order."""
    out = Normalised()
    specimens = specimen_tables(rows, catalogue, specimen)
    dashed = dashed_tables(rows)
    commas = prints_decimal_commas(rows)
    for i, row in enumerate(rows, start=1):
        key = _table_key(row)
        build = partial(
            build_result, row, i, patient, catalogue, specimens.get(key), day_first, key in dashed
        )
        result, warnings = build()
        if commas and has_grouped_numbers(row):
            grouped, grouped_warnings = build(group_dots=True)
            if not keeps_decimal_reading(grouped, result, catalogue):
                result, warnings = grouped, grouped_warnings
        out.results.append(result)
        out.warnings.extend(warnings)
    return out
