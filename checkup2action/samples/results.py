"""Sample lab results and their exact ground truth, independent of any layout."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from checkup2action.samples.vocab import Analyte, UnitSystem, Vocab, load_vocab

#: Printed flag token -> ground-truth flag for tokens that carry a direction of their own.
TOKEN_FLAG = {
    "↑": "H", "↓": "L", "H": "H", "L": "L", "High": "H", "Low": "L", "HIGH": "H", "LOW": "L",
    "偏高": "H", "偏低": "L", "高": "H", "低": "L", "+": "H", "-": "L", "HH": "HH", "LL": "LL",
    "↑↑": "HH", "↓↓": "LL", "Critical High": "HH", "Critical Low": "LL", "H*": "HH", "L*": "LL",
}  # fmt: skip


def fmt_num(x: float, dp: int, *, comma: bool = False, thousands: bool = False) -> str:
    """Format a number as a lab prints it."""
    s = f"{x:,.{dp}f}" if thousands and abs(x) >= 1000 else f"{x:.{dp}f}"
    if comma:
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s


def fmt_ref(x: float, dp: int, *, pad: bool, comma: bool, thousands: bool = False) -> str:
    """Format a reference limit: padded to ``dp`` decimals or as short as possible."""
    if pad:
        return fmt_num(x, dp, comma=comma, thousands=thousands)
    short = f"{x:.6f}".rstrip("0").rstrip(".")
    ndp = len(short.split(".")[1]) if "." in short else 0
    return fmt_num(x, ndp, comma=comma, thousands=thousands)


def parse_num(s: str, *, comma: bool = False) -> float:
    """Inverse of :func:`fmt_num` (comparators stripped) for the truth ``value`` field."""
    s = s.lstrip("<>≤≥= ")
    s = s.replace(".", "").replace(",", ".") if comma else s.replace(",", "")
    return float(s)


@dataclass
class LabStyle:
    """How one (fake) laboratory prints its results; fixed per report."""

    lang: str  # zh_hans | zh_hant | en
    name_style: str  # en | en_eu | abbr | zh_hans | zh_hant | bilingual_hans | bilingual_hant
    systems: tuple[str, ...]
    region: str  # unit spelling style: zh | us | in | eu
    qual_lang: str  # zh_hans | zh_hant | en
    winansi: bool = False  # drawn with core fonts: spellings must be WinAnsi
    decimal_comma: bool = False
    thousands: bool = False
    range_sep: str = "-"
    range_pad: bool = False
    upper_form: str = "<"  # <, ≤, <=, 0-
    lower_form: str = ">"  # >, ≥, >=
    sex_range_fmt: str | None = None  # e.g. "男 {M} 女 {F}"; None: print the patient's range
    flags: dict[str, str] = field(default_factory=dict)  # H/L/HH/LL/A -> printed token
    abnormal_rate: float = 0.25
    critical_rate: float = 0.0
    lod_rate: float = 0.35
    bilingual_fmt: str = "{zh}{abbr}"
    lt_space: bool = False  # "< 0.5" rather than "<0.5"


@dataclass
class Earlier:
    """A result of an earlier visit, printed in that visit's column."""

    value_raw: str
    value: float
    when: date


@dataclass
class ResultSpec:
    """One result row: what is printed and what is true."""

    code: str
    name_raw: str
    value_raw: str
    value: float | None
    comparator: str | None
    value_text: str | None
    unit_raw: str | None
    unit: str | None
    ref_text: str | None
    ref_low: float | None = None
    ref_high: float | None = None
    ref_low_inc: bool = True
    ref_high_inc: bool = True
    ref_qual: str | None = None
    computed: str = "N"  # flag from the range: H, L, A or N
    critical: bool = False
    flag_printed: str | None = None
    flag_style: str | None = None  # red | bold | red_bold
    panel: str | None = None
    previous_value: float | None = None
    previous_value_raw: str | None = None
    previous_date: date | None = None
    history: list[Earlier] | None = None  # newest first; None: the report has no visit columns
    dp: int = 0

    @property
    def abnormal(self) -> bool:
        """Out of range (or an unexpected qualitative result)."""
        return self.computed != "N"

    @property
    def flag(self) -> str:
        """The correct flag: HH/LL only where printed, otherwise the range's verdict."""
        printed = TOKEN_FLAG.get(self.flag_printed or "")
        if printed in ("HH", "LL"):
            return printed
        return self.computed

    @property
    def flag_source(self) -> str:
        if self.flag_printed:
            return "printed"
        if self.flag_style and self.abnormal:
            return "style"
        return "computed"

    def truth(self, page: int, bbox: tuple[float, float, float, float]) -> dict[str, Any]:
        """Ground-truth record of this row (``history`` only in reports with visit columns)."""
        record: dict[str, Any] = {
            "page": page,
            "panel": self.panel,
            "name_raw": self.name_raw,
            "analyte_code": self.code,
            "value_raw": self.value_raw,
            "value": self.value,
            "comparator": self.comparator,
            "value_text": self.value_text,
            "unit_raw": self.unit_raw,
            "unit": self.unit,
            "reference_range": None
            if self.ref_text is None
            else {
                "low": self.ref_low,
                "high": self.ref_high,
                "low_inclusive": self.ref_low_inc,
                "high_inclusive": self.ref_high_inc,
                "text": self.ref_text,
                "qualitative": self.ref_qual,
            },
            "flag": self.flag,
            "flag_printed": self.flag_printed,
            "flag_style": self.flag_style,
            "flag_source": self.flag_source,
            "previous_value": self.previous_value,
            "previous_value_raw": self.previous_value_raw,
            "previous_date": self.previous_date.isoformat() if self.previous_date else None,
            "bbox": [round(v, 2) for v in bbox],
        }
        if self.history is not None:
            record["history"] = [
                {"value": e.value, "value_raw": e.value_raw, "date": e.when.isoformat()}
                for e in self.history
            ]
        return record


def winansi(s: str) -> bool:
    """Whether fpdf2's core (WinAnsi) fonts can print the text."""
    try:
        s.encode("latin-1")  # fpdf2 core fonts encode latin-1
    except UnicodeEncodeError:
        return False
    return True


class Lab:
    """A laboratory's printing conventions plus the per-report choices it keeps consistent."""

    def __init__(self, rng: random.Random, style: LabStyle, vocab: Vocab | None = None):
        self.rng = rng
        self.style = style
        self.vocab = vocab or load_vocab()
        self._choices: dict[tuple[str, ...], str] = {}

    def _pick(self, key: tuple[str, ...], options: tuple[str, ...]) -> str:
        """Choose once per key and keep the choice for the whole report."""
        if key not in self._choices:
            opts = [o for o in options if winansi(o)] if self.style.winansi else list(options)
            self._choices[key] = self.rng.choice(opts or [options[0]])
        return self._choices[key]

    # ------------------------------------------------------------------ printed words
    def unit_raw(self, ucum: str) -> str | None:
        if not ucum:
            return None
        spelled = self._pick(("unit", ucum), self.vocab.spellings(ucum, self.style.region))
        return spelled or None

    def panel_name(self, panel: str) -> str:
        key = "en" if self.style.lang == "en" else self.style.lang
        if self.style.name_style == "en_eu":
            key = "en_eu"
        return self.rng.choice(self.vocab.panels[panel][key])

    def name(self, analyte: Analyte) -> str:
        st = self.style.name_style
        if st.startswith("bilingual_"):
            zh = self.rng.choice(analyte.name("zh_" + st.split("_", 1)[1]))
            abbr = analyte.name("abbr")[0]
            return self.style.bilingual_fmt.format(zh=zh, abbr=abbr)
        opts = analyte.name(st)
        if self.style.winansi:
            opts = tuple(o for o in opts if winansi(o)) or analyte.name("abbr")
        return self.rng.choice(opts)

    def flag_token(self, flag: str) -> str | None:
        return self.style.flags.get(flag)

    def num(self, x: float, dp: int) -> str:
        return fmt_num(x, dp, comma=self.style.decimal_comma, thousands=self.style.thousands)

    # ------------------------------------------------------------------ reference ranges
    def _lim(self, x: float, dp: int) -> str:
        st = self.style
        return fmt_ref(x, dp, pad=st.range_pad, comma=st.decimal_comma, thousands=st.thousands)

    def range_text(self, rng_: tuple[float | None, float | None], dp: int) -> tuple[str, dict]:
        """Printed text of one interval and its parsed form."""
        low, high = rng_
        st = self.style
        if low is not None and high is not None:
            text = f"{self._lim(low, dp)}{st.range_sep}{self._lim(high, dp)}"
            return text, {"low": low, "high": high, "low_inc": True, "high_inc": True}
        if high is not None:
            form = st.upper_form
            if form == "0-":
                text = f"{self._lim(0.0, dp)}{st.range_sep}{self._lim(high, dp)}"
                return text, {"low": 0.0, "high": high, "low_inc": True, "high_inc": True}
            sym = "≤" if form == "≤" and not st.winansi else ("<=" if form == "<=" else "<")
            text = f"{sym}{' ' if st.lt_space else ''}{self._lim(high, dp)}"
            return text, {"low": None, "high": high, "low_inc": True, "high_inc": sym != "<"}
        assert low is not None
        form = st.lower_form
        sym = "≥" if form == "≥" and not st.winansi else (">=" if form == ">=" else ">")
        text = f"{sym}{' ' if st.lt_space else ''}{self._lim(low, dp)}"
        return text, {"low": low, "high": None, "low_inc": sym != ">", "high_inc": True}

    # ------------------------------------------------------------------ sampling
    def _sample(self, sys: UnitSystem, sex: str) -> tuple[float, bool]:
        rng, st = self.rng, self.style
        low, high = sys.ref_for(sex)
        s_lo, s_hi = sys.span
        if sys.crit and rng.random() < st.critical_rate:
            c_lo, c_hi = sys.crit
            if c_hi is not None and (c_lo is None or rng.random() < 0.5):
                return c_hi * rng.uniform(1.03, 1.25), True
            if c_lo is not None:
                return c_lo * rng.uniform(0.7, 0.95), True
        if sys.lod and rng.random() < st.lod_rate:
            return sys.lod * rng.uniform(0.2, 0.9), False
        r = rng.random()
        if r < st.abnormal_rate:
            if (
                high is not None
                and high < s_hi
                and (low is None or low <= s_lo or r < st.abnormal_rate * 0.6)
            ):
                return rng.uniform(high * 1.04, s_hi), False
            if low is not None and low > s_lo:
                return rng.uniform(s_lo, low * 0.96), False
        a = low if low is not None else s_lo
        b = high if high is not None else s_hi
        return rng.triangular(a + (b - a) * 0.04, b - (b - a) * 0.04), False

    def quantitative(self, analyte: Analyte, sys: UnitSystem, sex: str) -> ResultSpec:
        """Sample a numeric result of ``analyte`` reported in ``sys``."""
        st = self.style
        x, critical = self._sample(sys, sex)
        if sys.step:
            x = round(x / sys.step) * sys.step
        comparator = None
        x = round(x, sys.dp)
        if sys.lod is not None and x < sys.lod:
            comparator, x = "<", float(sys.lod)
        elif sys.uloq is not None and x > sys.uloq:
            comparator, x = ">", float(sys.uloq)
        if comparator:
            gap = " " if st.lt_space else ""
            value_raw = f"{comparator}{gap}{self._lim(x, sys.dp)}"
        else:
            value_raw = self.num(x, sys.dp)
        value = parse_num(value_raw, comma=st.decimal_comma)
        # reference range
        ref_sex = sys.ref_for(sex)
        text, parsed = self.range_text(ref_sex, sys.dp)
        if sys.ref_by_sex and st.sex_range_fmt:
            texts = {s: self.range_text(r, sys.dp)[0] for s, r in sys.ref_by_sex.items()}
            text = st.sex_range_fmt.format(**texts)
        spec = ResultSpec(
            code=sys.code or analyte.code, name_raw=self.name(analyte), value_raw=value_raw,
            value=value,
            comparator=comparator, value_text=None, unit_raw=self.unit_raw(sys.unit),
            unit=sys.unit or None, ref_text=text, ref_low=parsed["low"], ref_high=parsed["high"],
            ref_low_inc=parsed["low_inc"], ref_high_inc=parsed["high_inc"], dp=sys.dp,
        )  # fmt: skip
        if spec.unit_raw is None:
            spec.unit = None
        spec.computed = _direction(value, comparator, parsed)
        spec.critical = critical and spec.computed != "N"
        self._print_flag(spec)
        return spec

    def qualitative(self, analyte: Analyte) -> ResultSpec:
        """Sample a qualitative result (dipstick pad, serology)."""
        cats, weights = zip(*analyte.qual_results, strict=True)
        cat = self.rng.choices(cats, weights=weights)[0]
        vocab_key = self.style.qual_lang
        if analyte.qual_kind == "serology" and vocab_key == "en":
            vocab_key = "en_serology"
        words = self.vocab.qualitative[cat]
        printed = self._pick(("qual", vocab_key, cat), words.get(vocab_key) or words["en"])
        expected = analyte.qual_expected or "negative"
        refs = self.vocab.qualitative_ref[expected]
        ref = self._pick(("qref", vocab_key), refs.get(vocab_key) or refs["en"])
        spec = ResultSpec(
            code=analyte.code, name_raw=self.name(analyte), value_raw=printed, value=None,
            comparator=None, value_text=cat, unit_raw=None, unit=None, ref_text=ref,
            ref_qual=expected, computed="N" if cat == expected else "A",
        )  # fmt: skip
        self._print_flag(spec)
        return spec

    def result(self, analyte: Analyte, sex: str, *, quant_serology: float = 0.0) -> ResultSpec:
        """Sample a result of ``analyte`` the way this lab reports it."""
        sys = analyte.system(self.style.systems)
        if analyte.qual_results and (sys is None or self.rng.random() >= quant_serology):
            return self.qualitative(analyte)
        assert sys is not None, analyte.code
        return self.quantitative(analyte, sys, sex)

    def _print_flag(self, spec: ResultSpec) -> None:
        if spec.computed == "N":
            spec.flag_printed = self.flag_token("N")
            return
        key = spec.computed
        if spec.critical and (key * 2) in self.style.flags:
            key = key * 2
        spec.flag_printed = self.flag_token(key)

    def previous(self, spec: ResultSpec, analyte: Analyte, sex: str, when: date) -> None:
        """Attach a previous result (same unit system) to a numeric ``spec``."""
        sys = analyte.system(self.style.systems)
        if spec.value is None or sys is None or spec.comparator:
            return
        raw = self._earlier_raw(sys, sex)
        spec.previous_value_raw = raw
        spec.previous_value = parse_num(raw, comma=self.style.decimal_comma)
        spec.previous_date = when

    def _earlier_raw(self, sys: UnitSystem, sex: str) -> str:
        """Printed value of an earlier result: sampled like a current one, never below the LOD."""
        x, _ = self._sample(sys, sex)
        x = max(x, sys.lod or 0.0)
        if sys.step:
            x = round(x / sys.step) * sys.step
        return self.num(round(x, sys.dp), sys.dp)

    def history(
        self, spec: ResultSpec, analyte: Analyte, sex: str, visits: list[date], present: float
    ) -> None:
        """Attach results of earlier ``visits`` (newest first) to a numeric ``spec``: each one
        printed with probability ``present``; ``previous_*`` repeat the newest."""
        spec.history = []
        sys = analyte.system(self.style.systems)
        if spec.value is None or sys is None or spec.comparator:
            return
        for when in visits:
            if self.rng.random() < present:
                raw = self._earlier_raw(sys, sex)
                value = parse_num(raw, comma=self.style.decimal_comma)
                spec.history.append(Earlier(raw, value, when))
        if spec.history:
            newest = spec.history[0]
            spec.previous_value_raw, spec.previous_value = newest.value_raw, newest.value
            spec.previous_date = newest.when


def _direction(value: float, comparator: str | None, parsed: dict) -> str:
    eps = 1e-9
    v = value - eps if comparator == "<" else value + eps if comparator == ">" else value
    low, high = parsed["low"], parsed["high"]
    if high is not None and (v > high or (v >= high and not parsed["high_inc"])):
        return "H"
    if low is not None and (v < low or (v <= low and not parsed["low_inc"])):
        return "L"
    return "N"


def age_on(dob: date, day: date) -> int:
    """Age in whole years on ``day``."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def random_date(rng: random.Random, start: date, days: int) -> date:
    return start + timedelta(days=rng.randrange(days))
