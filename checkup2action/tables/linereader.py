"""A reading that needs no header: each line parsed by content into one or more result records.

Words become tokens (a name's words stay together; a comparator, a dash or a lone arrow joins its
neighbours; a CJK name glued to its value is cut), tokens become records by a small grammar
(``[index] name… value [flag] {unit | range | low high | flag}…``, the range also before the value,
several records on one line when a second name follows a finished one), and lines that only
finish a record (its range and unit wrapped below, a value printed under its name) are joined to
it. Every record is a candidate row; ``tables.scoring`` decides which are results. Where a token
met before the record's value goes is decided in ``tables.beforevalue``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise

from checkup2action.grammar.ranges import is_sex_marker
from checkup2action.grammar.values import BRACKET_GRADES, CJK_BOUND_SYMBOL
from checkup2action.layout.lines import TextLine
from checkup2action.tables.bands import (
    add_band_line,
    band_range_follows,
    continues_bands,
    fold_first_bands,
    labels_range,
    opens_age_band,
    unit_ends_band,
)
from checkup2action.tables.beforevalue import ARROW, SIGN_MARKS, place_before_value
from checkup2action.tables.codecolumns import constant_codes
from checkup2action.tables.columnfill import read_by_columns
from checkup2action.tables.content import (
    LONE_DASHES,
    ONE_IN_N,
    looks_flag,
    looks_marked_unit,
    looks_qualitative,
    looks_range,
    looks_range_only,
    looks_value,
)
from checkup2action.tables.generic import (
    heads_column,
    name_generic_records,
    name_results_under_headings,
)
from checkup2action.tables.panels import ranges_below, values_under_names
from checkup2action.tables.records import Record, record_row
from checkup2action.tables.roles import Role
from checkup2action.tables.scoring import (
    is_result,
    names_analyte,
    score_row,
)
from checkup2action.tables.settings import DEFAULT_SETTINGS, TableSettings
from checkup2action.tables.tokens import BARE_NUMBER, Token, close, is_text, is_unit, tokens_of
from checkup2action.tables.twinvalues import (
    place_twin,
    ranges_by_column,
    second_value,
    unit_after_first_range,
    units_from_header,
    with_twin,
)
from checkup2action.tables.unitrows import (
    PERCENT_MISREADS,
    name_second_unit_records,
    percent_misread,
)
from checkup2action.tables.wordprep import replace_text

#: A lone plus after a result: a 提示 (mark) column's flag, never a range or a unit.
_PLUS_FLAGS = frozenset({"+", "十"})


@dataclass(frozen=True, slots=True)
class Rules:
    """Choices the grammar may make either way; each line is read under every set of them and
    the reading whose records score best wins."""

    unit_slot: bool = True  # an unknown short word after the value is its unit (``UA``, ``9/1``)
    pair_numbers: bool = True  # two bare numbers after the value are a range's low and high
    number_in_name: bool = False  # a number set tight between name words is part of the name
    site_code: bool = False  # a zero-padded number right after the name is a lab site code


VARIANTS = (
    Rules(),
    Rules(unit_slot=False),
    Rules(pair_numbers=False),
    Rules(number_in_name=True),  # OMEGA 6/OMEGA 3 RATIO  7.7
    Rules(site_code=True),  # Hemoglobin A, 02   17.6 High
)


def records_of(
    line: TextLine,
    index: int,
    settings: TableSettings = DEFAULT_SETTINGS,
    codes: frozenset[str] = frozenset(),
) -> list[Record]:
    """The records of one line, left to right (unfinished ones included), under the rules
    whose complete records score best; ``codes`` (see :func:`constant_codes`) are set aside."""
    toks = _percent_signs(tokens_of(line, codes))
    ranges_ahead = _ranges_ahead(toks)  # the same under every rule set
    best: list[Record] = []
    best_points = -1e9
    for rules in _variants_for([t.text.strip() for t in toks]):
        recs = _read_tokens(toks, index, rules, ranges_ahead)
        points = sum(_worth(r, settings) for r in recs)
        if points > best_points + 1e-9:
            best, best_points = recs, points
    return best


def _percent_signs(toks: list[Token]) -> list[Token]:
    """The tokens with a share's ``%`` that OCR misread between the share and its count
    (``Segmentados 48,0 8 3.696 /mm3``) read as ``%`` again."""
    out = list(toks)
    for i in range(2, len(toks) - 2):
        if toks[i].text.strip() not in PERCENT_MISREADS:
            continue
        name = next((t.text for t in reversed(toks[: i - 1]) if is_text(t.text)), None)
        share, mark, count, unit = (t.text.strip() for t in toks[i - 1 : i + 3])
        if name is not None and percent_misread(name, share, mark, count, unit):
            out[i] = Token([replace_text(toks[i].words[0], "%")])
    return out


#: A lab's site code after a name (``01``; OCR reads the small print ``⁰1``).
SITE_CODE = re.compile(r"[0⁰][\d⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}")


def _variants_for(texts: list[str]) -> list[Rules]:
    """The rule sets that can read these tokens differently from the default one."""
    pairs = list(pairwise(texts))
    could = {
        "unit_slot": any(0 < len(t) <= 6 and " " not in t and not looks_value(t) for t in texts),
        "pair_numbers": any(BARE_NUMBER.match(a) and BARE_NUMBER.match(b) for a, b in pairs),
        "number_in_name": any(
            BARE_NUMBER.match(a) and (is_text(b) or looks_value(b)) for a, b in pairs
        ),
        "site_code": any(SITE_CODE.fullmatch(t) for t in texts),
    }
    default = Rules()
    return [default] + [
        r
        for r in VARIANTS[1:]
        if any(getattr(r, k) != getattr(default, k) and could[k] for k in could)
    ]


def _worth(rec: Record, settings: TableSettings) -> float:
    """What a record adds to its line's reading: its score beyond the cost of claiming a result
    (so one strong record beats the same words cut into two weak ones)."""
    if not rec.complete:
        return 0.0
    score = score_row(record_row(rec, 0), settings)
    return score.total - settings.record_cost if is_result(score, settings) else 0.0


def _read_tokens(
    toks: list[Token], index: int, rules: Rules, ranges_ahead: list[bool]
) -> list[Record]:
    """Records of a line's tokens under one set of rules (``ranges_ahead``: see
    :func:`_ranges_ahead`)."""
    records: list[Record] = []
    rec = Record(line=index)
    unpaired = replace(rules, pair_numbers=False)
    i = 0
    while i < len(toks):
        tok = toks[i]
        nxt = toks[i + 1].text.strip() if i + 1 < len(toks) else ""
        if i + 2 < len(toks) and is_sex_marker(nxt):  # ``男  59-104``: a range opens with its sex
            nxt = f"{nxt} {toks[i + 2].text.strip()}"
        # two bare numbers before the row's printed range are earlier results, not a range
        used = _place(
            rec, tok, nxt, toks[i - 1] if i else None, unpaired if ranges_ahead[i] else rules
        )
        if used == "new":
            records.append(rec)
            rec = Record(line=index)
            continue  # the same token starts the next record
        if used == "pair":
            rec.put(Role.RANGE, Token(tok.words + toks[i + 1].words))
            i += 1
        i += 1
    records.append(rec)
    return [r for rec in records if rec.cells for r in with_twin(rec)]


def _ranges_ahead(toks: list[Token]) -> list[bool]:
    """For each token, whether a range printed as one (``4.0-10.0``, not two bare numbers)
    follows it before the next test's name (a word that is no unit)."""
    ahead = [False] * len(toks)
    seen = False
    for i in range(len(toks) - 1, -1, -1):
        ahead[i] = seen
        t = toks[i].text.strip()
        if is_text(t) and not is_unit(t):
            seen = False
        elif looks_range_only(t) and not BARE_NUMBER.match(t) and not is_unit(t):
            seen = True
    return ahead


def _place(rec: Record, tok: Token, nxt: str, prev: Token | None, rules: Rules) -> str:
    """Put a token into the record: 'ok', 'pair' (with the next token), 'new' or 'skip'."""
    t = tok.text.strip()
    if tok.code:
        rec.cells.setdefault(Role.METHOD, tok)
        return "ok"
    if not rec.has(Role.VALUE):
        code = rules.site_code and rec.has(Role.NAME) and SITE_CODE.fullmatch(t) is not None
        inside = rules.number_in_name and (
            _number_inside_name(rec, tok, t, nxt, prev) or _number_opens_name(rec, tok, t, nxt)
        )
        if code or inside:
            rec.put(Role.NAME, tok)
            return "ok"
        return place_before_value(rec, tok, t, nxt, prev)
    if _grade_of_value(rec, t, nxt):
        rec.cells[Role.VALUE] = Token(rec.cells[Role.VALUE].words + tok.words)
        return "ok"  # ``250 (++)``: a dipstick's count and its grade are one result
    if unit_after_first_range(rec, t):
        # ``23,6 1.569 15-39 % 1.500-8.500 /µL``: each range's unit is printed after it
        rec.put(Role.UNIT, tok)
        return "ok"
    if _cut_off(rec, t):
        rec.put(Role.RANGE, tok)  # ``1/808  1/350``: a risk, then the cut-off it is judged by
        return "ok"
    if opens_age_band(rec, t, nxt):
        return "pair"  # ``0 a 10  dias  70-250``: the ages of the first band by age group
    if band_range_follows(rec, t):
        rec.cells[Role.RANGE] = Token(rec.cells[Role.RANGE].words + tok.words)
        return "ok"
    if rec.twin is not None and (rec.has(Role.RANGE) or rec.twin_owns_rest):
        return place_twin(rec.twin, tok, t)
    if _index_of_word(rec, t, nxt):
        rec.cells[Role.VALUE] = Token(rec.cells[Role.VALUE].words + tok.words)
        return "ok"  # ``Âm tính 0.032``: a result word and the index it was read from
    if second_value(rec, t, nxt):
        rec.twin = Record(cells={Role.VALUE: tok}, line=rec.line)
        # the count's own unit next (``55,3 % 3 982 /mm3 1500 à 7000``): the rest is the count's;
        # a range next (``60.9 % 4.9 40%-80% (2.0-7.0)``): the first range is the share's
        rec.twin_owns_rest = is_unit(nxt)
        return "ok"
    pair = rules.pair_numbers and BARE_NUMBER.match(t) and BARE_NUMBER.match(nxt)
    if pair and not rec.has(Role.RANGE):
        return "pair"  # two reference cells, low and high
    if BARE_NUMBER.match(t) and nxt in CJK_BOUND_SYMBOL and not rec.has(Role.RANGE):
        return "pair"  # ``190  미만`` (made up): a bound, and the word that says which side
    if BARE_NUMBER.match(t) and is_text(nxt) and not is_unit(nxt):
        return "new"  # the next record's row number
    if t in _PLUS_FLAGS and not rec.has(Role.FLAG):
        rec.put(Role.FLAG, tok)  # a mark column's + after the result (OCR reads it as 十)
        return "ok"
    if not rec.has(Role.UNIT) and looks_marked_unit(t):
        rec.put(Role.UNIT, tok)  # ``↑pg``, ``1×10^9/L``: normalize takes the mark as the flag
        return "ok"
    if _dash_reference(rec, t):
        rec.put(Role.RANGE, tok)  # ``阴性  -``: a dipstick test's expected result, negative
        return "ok"
    if rules.unit_slot and _unit_slot(rec, t, nxt):
        rec.put(Role.UNIT, tok)  # an unknown short token where the unit goes (``UA``, ``9/1``)
        return "ok"
    if _unit_goes_on(rec, t, prev):
        rec.cells[Role.UNIT] = Token(rec.cells[Role.UNIT].words + tok.words)
        return "ok"  # ``mcg/mg creat``: a word that belongs to the unit before it
    if _result_phrase_goes_on(rec, tok, t, nxt):
        rec.cells[Role.VALUE] = Token(rec.cells[Role.VALUE].words + tok.words)
        return "ok"  # ``Absence  de cylindres``: the result is a phrase
    if labels_range(rec, tok, nxt, prev, names_analyte):
        return "pair"  # ``HOMEM:  3,0 a 7,2``: the range opens with its label
    if is_text(t) and not is_unit(t) and not looks_qualitative(t):
        return "new"
    for role, fits in (
        (Role.FLAG, looks_flag),
        (Role.UNIT, is_unit),
        (Role.RANGE, lambda s: looks_range(s) or looks_qualitative(s)),
    ):
        if not rec.has(role) and fits(t):
            rec.put(role, tok)
            return "ok"
    if unit_ends_band(rec, t, prev):
        rec.cells[Role.RANGE] = Token(rec.cells[Role.RANGE].words + tok.words)
        return "ok"
    if BARE_NUMBER.match(t) and not rec.has(Role.PREVIOUS):
        return "skip"
    return "new" if looks_value(t) and rec.complete else "skip"


_BRACKETS = "()（）"


def _grade_of_value(rec: Record, t: str, nxt: str) -> bool:
    """Whether ``t`` is a bracketed grade after a bare number (``250 (++)``, made up) or a piece
    of one when OCR split or lost a bracket (``250 ) ++``): the result's grade, not a range."""
    if rec.has(Role.RANGE) or rec.has(Role.UNIT) or rec.has(Role.FLAG):
        return False
    value = rec.cells[Role.VALUE].text.strip()
    inner = t.strip(_BRACKETS)
    if BARE_NUMBER.match(value):
        if not inner:  # a lone bracket, the grade next
            return len(t) == 1 and nxt.strip(_BRACKETS) in BRACKET_GRADES
        return t != inner and inner in BRACKET_GRADES
    opened = value[-1:] in _BRACKETS and BARE_NUMBER.match(value[:-1].strip())
    return bool(opened) and inner in BRACKET_GRADES


def _cut_off(rec: Record, t: str) -> bool:
    """Whether ``t`` is the cut-off beside a risk (one in N, as the value is)."""
    value = rec.cells[Role.VALUE].text.strip()
    return not rec.has(Role.RANGE) and bool(ONE_IN_N.match(t) and ONE_IN_N.match(value))


def _unit_goes_on(rec: Record, t: str, prev: Token | None) -> bool:
    """Whether ``t`` continues the unit token right before it into a longer unit
    (``mcg/mg`` ``creat``)."""
    unit = rec.cells.get(Role.UNIT)
    if unit is None or prev is not unit or not is_text(t) or is_unit(t) or is_sex_marker(t):
        return False  # ``pg/mL  Homens``: a sex opens the range's first band
    return is_unit(f"{unit.text.strip()} {t}")


def _result_phrase_goes_on(rec: Record, tok: Token, t: str, nxt: str) -> bool:
    """Whether lower-case words set tight after a result word, ending the line or before its
    range, carry the result on (``Absence de cristaux``), rather than name the next test."""
    value = rec.cells[Role.VALUE]
    if any(rec.has(r) for r in (Role.UNIT, Role.RANGE, Role.FLAG)) or rec.twin is not None:
        return False
    if any(c.isdigit() for c in value.text) or not t[:1].islower() or not is_text(t):
        return False
    ends = not nxt or looks_range_only(nxt)
    return ends and close(value.words[-1], tok.words[0]) and not names_analyte(t)


def _index_of_word(rec: Record, t: str, nxt: str) -> bool:
    """A bare number right after a qualitative result word, before any range, unit or flag (the
    index or cut-off ratio it was read from), and not the next row's number."""
    if any(rec.has(r) for r in (Role.RANGE, Role.UNIT, Role.FLAG)) or rec.twin is not None:
        return False
    value = rec.cells[Role.VALUE].text.strip()
    if any(c.isdigit() for c in value) or not looks_qualitative(value) or value in SIGN_MARKS:
        return False
    name_next = is_text(nxt) and not is_unit(nxt) and not nxt.startswith("(")
    return bool(BARE_NUMBER.match(t)) and not name_next


def _number_inside_name(rec: Record, tok: Token, t: str, nxt: str, prev: Token | None) -> bool:
    """A bare number set tight after the name, with more name text after it, or a one- or
    two-digit index ending the name before the value (``滴度1  1:1280``, ``核型2  无``)."""
    name = rec.cells.get(Role.NAME)
    if name is None or prev is None or prev.words[-1] is not name.words[-1]:
        return False
    if not BARE_NUMBER.match(t) or not close(name.words[-1], tok.words[0]):
        return False
    return is_text(nxt) or (_NAME_INDEX.fullmatch(t) is not None and looks_value(nxt))


#: A short index that numbers tests of one name (``核型1``, ``核型2``).
_NAME_INDEX = re.compile(r"[1-9]\d?")


def _number_opens_name(rec: Record, tok: Token, t: str, nxt: str) -> bool:
    """A bare number that begins the line's test name, as the catalogue knows it
    (``25 OH Vitamina D``), rather than a row number."""
    if rec.cells or not BARE_NUMBER.match(t) or not is_text(nxt):
        return False
    return names_analyte(f"{t} {nxt}") and not names_analyte(nxt)


def _dash_reference(rec: Record, t: str) -> bool:
    """Whether a lone dash after a word result (``阴性``, ``+``) and before any range is that
    result's reference: the negative a dipstick test expects."""
    if t not in LONE_DASHES or rec.has(Role.RANGE) or rec.has(Role.UNIT):
        return False
    value = rec.cells[Role.VALUE].text.strip()
    return looks_qualitative(value) and not any(c.isdigit() for c in value)


def _unit_slot(rec: Record, t: str, nxt: str) -> bool:
    """A short single word just after the value (and an arrow flagging it), before a range or
    the line's end."""
    flag = rec.cells.get(Role.FLAG)
    if rec.has(Role.UNIT) or (flag is not None and not ARROW.match(flag.text.strip())):
        return False
    if not 0 < len(t) <= 6 or " " in t or looks_value(t) or looks_qualitative(t):
        return False
    if ARROW.match(t) or looks_range(t):
        return False  # an arrow is the row's flag and a range its range, never its unit
    if rec.has(Role.RANGE):  # value and range read: a short word at the end is their unit
        return not nxt or any(c.isdigit() or c == "/" for c in nxt)
    return not nxt or looks_range_only(nxt) or nxt.startswith(("<", ">"))


def _finishes(rec: Record) -> bool:
    """A record holding only side cells (range, unit, flag): the end of the row above."""
    return not rec.has(Role.NAME) and not rec.has(Role.VALUE) and bool(rec.cells)


def _attach(target: Record, extra: Record) -> None:
    """Give a record the cells it lacks from a record that finishes it."""
    for role, tok in extra.cells.items():
        if not target.has(role):
            target.put(role, tok)


def _nearest(candidates: list[Record], rec: Record) -> Record | None:
    """The candidate record whose value sits nearest left of the record's first token; else the
    one record above when it lacks what this one holds (an app's item: name, then the value at
    the right, then its range under the name)."""
    x = _left_edge(rec)
    left = [c for c in candidates if Role.VALUE in c.cells and c.cells[Role.VALUE].x0 <= x + 5]
    if not left and len(candidates) == 1 and not any(candidates[0].has(r) for r in rec.cells):
        return candidates[0]
    return max(left, key=lambda c: c.cells[Role.VALUE].x0, default=None)


def line_records(lines: list[TextLine], settings: TableSettings = DEFAULT_SETTINGS) -> list[Record]:
    """Records of a run of lines, with wrapped pieces joined to the record they finish."""
    done: list[Record] = []
    previous: list[Record] = []
    previous_bottom = -1e9
    codes = constant_codes(lines)
    owner: Record | None = None  # the result whose range is a band: bands below join it
    for index, line in enumerate(lines):
        em = max(line.height, 1.0)
        near = line.top - previous_bottom <= settings.continuation_gap_em * em
        if near and owner is not None and continues_bands(owner, line, names_analyte):
            add_band_line(owner, line)
            previous_bottom = line.bottom
            continue
        read = partial(_read_piece, index, settings, codes)
        if ranges_below(line, done, read):
            continue  # a card's range at its foot, given to its result
        recs, owner = fold_first_bands(records_of(line, index, settings, codes), names_analyte)
        if near:
            recs = values_under_names(line, previous, recs, read)
            for rec in recs:
                _take_from_above(rec, previous)
        kept = [rec for rec in recs if not (near and _join_upwards(previous, rec))]
        done += kept
        previous, previous_bottom = kept or previous, line.bottom
    done = read_by_columns(lines, ranges_by_column(done))
    units_from_header(lines, done)
    name_second_unit_records(done)
    name_generic_records(done)
    name_results_under_headings(done)
    return [r for r in done if r.complete]


def _take_from_above(rec: Record, previous: list[Record]) -> None:
    """Give a complete record without range or unit the side cells of a piece on the line above
    that the row above did not take (it had them): on a photo the end of a row can sit higher
    than its start, so its flag, range and unit are grouped with the line above."""
    if not rec.complete or rec.has(Role.RANGE) or rec.has(Role.UNIT):
        return
    x = rec.cells[Role.VALUE].x0
    for piece in previous:
        if _finishes(piece) and piece.has(Role.RANGE) and _left_edge(piece) >= x:
            _attach(rec, piece)
            previous.remove(piece)
            return


def _left_edge(rec: Record) -> float:
    """Where a record's first cell begins."""
    return min(t.x0 for t in rec.cells.values())


def _read_piece(
    index: int, settings: TableSettings, codes: frozenset[str], piece: TextLine
) -> list[Record]:
    """The records of a piece of line ``index`` (see :func:`records_of`)."""
    return records_of(piece, index, settings, codes)


def _join_upwards(previous: list[Record], rec: Record) -> bool:
    """Join a record to the line above when it only finishes one (True when joined)."""
    if _finishes(rec):
        target = _nearest([p for p in previous if p.complete], rec)
        if target is not None and all(target.has(r) for r in rec.cells if r is not Role.FLAG):
            return False  # the row above has these cells: the piece ends the row below
        if target is not None:
            _attach(target, rec)
            return True
        return False
    if not rec.has(Role.NAME) and rec.has(Role.VALUE):
        named = [
            p
            for p in previous
            if p.has(Role.NAME) and not p.has(Role.VALUE) and not heads_column(p)
        ]
        target = named[0] if len(named) == 1 else _under(named, rec)
        if target is not None:
            _attach(target, rec)  # a value printed under its name
            return True
    return False


def _under(named: list[Record], rec: Record) -> Record | None:
    """Of several names on the line above, the one whose start the record's start sits under."""
    x = _left_edge(rec)
    first = min(rec.cells.values(), key=lambda t: t.x0).words[0]
    em = max(first.size, first.height, 1.0)
    near = [n for n in named if abs(n.cells[Role.NAME].x0 - x) <= 3 * em]
    return min(near, key=lambda n: abs(n.cells[Role.NAME].x0 - x)) if len(near) >= 1 else None
