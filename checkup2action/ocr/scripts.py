"""Lines in a script the bundled recogniser does not know, read again with Tesseract.

RapidOCR's PP-OCR recogniser (the one its wheel ships) knows Chinese and Latin characters. Its
detector still boxes a Cyrillic line, but the recogniser gives back almost nothing for it, with a
high score: a box wide enough for ``Гемоглобин, г/дл`` reads ``, r/An``. Such lines are *unread*:
their text holds far fewer characters than their box has room for (:func:`is_unread`).

When a page has several unread lines, or many lines its detector found and its recogniser
returned empty (a Hangul line next to Latin ones that read in full; :class:`ScriptRescue`), its
lines are read again one by one with Tesseract (``tesserocr``, extra ``scripts``; the language
packs are Debian's ``tesseract-ocr-rus``, ``-ukr``, ``-kor`` …):

1. a sample of the unread lines is read in each installed candidate language, and the language
   whose readings hold the most confident letters of its own script, on at least half of the
   sample, is the page's (none: the page is left as it was read);
2. every line that is unread, or whose reading has letters, is read in that language (with
   English, for the Latin abbreviations such pages mix in); the new reading replaces the old one
   when it holds letters of the page's script and Tesseract is confident enough. Lines of digits
   keep RapidOCR's reading, which is the better one for numbers. On a Hangul page a line RapidOCR
   did read is put together from both readings instead (:mod:`~checkup2action.ocr.splice`): the
   Hangul from Tesseract, the units and digits from RapidOCR. Tesseract reads such a line twice,
   with English beside the Hangul pack and without it (the pack alone reads Hangul better, the
   pair the lines that mix in Latin words), and the reading that puts more Hangul in is used.

Without Tesseract the page keeps its reading and the OCR stage warns that the page has text in a
script it could not read, and what to install.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps

from checkup2action.boxarrays import areas, shared_areas
from checkup2action.ocr.base import OcrLine, Quad, quad_bbox, quad_from_points
from checkup2action.ocr.convert import char_weight
from checkup2action.ocr.splice import Glyph, GlyphReader, spliced_line, word_numbers
from checkup2action.ocr.tighten import grey_of, tighten_lines

INSTALL_HINT = (
    "install the extra 'scripts' (tesserocr) and Debian's tesseract-ocr-rus, tesseract-ocr-ukr"
    " and tesseract-ocr-kor language packs"
)
#: Where Debian and other systems keep Tesseract's language packs (``TESSDATA_PREFIX`` first).
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
#: White margin put around a line picture, in line heights.
MARGIN = 0.3
#: A column or row of a line box dark over this share of its length is a ruling.
RULING_SHARE = 0.75
#: A line of numbers, ranges and flags only: RapidOCR's reading is kept as it is (a value line
#: with a slash, ``46.0 /``, is a value whose unit's letters were skipped, and is read again).
PLAIN_NUMBERS = re.compile(r"[\d\s.,:;+\-–—~<>≤≥=*%()↑↓]*")
#: Width of a narrow character (a digit) in line heights; a wide one is twice that.
NARROW_WIDTH = 0.55
#: Share of an unsure reading's characters that must be letters of the page's script.
SCRIPT_SHARE = 0.6
#: Marks Tesseract reads at a line's ends from a cell's border or the paper's grain.
EDGE_MARKS = "'\"`‘’“”„«»|[]_ "
#: Unicode script of each candidate language pack's letters.
SCRIPT_OF = {
    "rus": "CYRILLIC",
    "ukr": "CYRILLIC",
    "bel": "CYRILLIC",
    "bul": "CYRILLIC",
    "srp": "CYRILLIC",
    "kaz": "CYRILLIC",
    "kor": "HANGUL",
    "ell": "GREEK",
    "heb": "HEBREW",
    "tha": "THAI",
    "ara": "ARABIC",
    "fas": "ARABIC",
}

#: Tesseract instances are not safe to share between threads.
_API_LOCK = threading.Lock()
#: (text, confidence 0–1) of one upright line picture.
LineReader = Callable[[Image.Image], tuple[str, float]]


@dataclass(frozen=True, slots=True)
class ScriptRescue:
    """When and how lines of an unknown script are read again (see the module docstring)."""

    #: Candidate language packs, tried when installed.
    languages: tuple[str, ...] = ("rus", "ukr", "kor")
    #: A line is unread below this many characters per line height of its width...
    min_density: float = 0.45
    #: ...when its box is at least this many line heights wide.
    min_aspect: float = 3.0
    #: A page is read again when it has this many unread lines...
    min_lines: int = 3
    #: ...making up at least this share of its lines.
    min_share: float = 0.06
    #: Or when this many of the lines detection found came back without a reading...
    min_dropped: int = 10
    #: ...making up at least this share of them, each this many line heights wide or more.
    min_dropped_share: float = 0.1
    dropped_aspect: float = 2.0
    #: Unread lines read in every candidate language to choose the page's...
    sample: int = 6
    #: ...of which this share must read as the script, confidently, for it to be the page's.
    min_sample_share: float = 0.5
    #: A new reading replaces the old one from this Tesseract confidence (0–1)...
    min_confidence: float = 0.5
    #: ...or, for a line RapidOCR could not read, from this one when it is words of the script.
    min_unread_confidence: float = 0.15
    #: Line pictures are enlarged to at least this height (pixels) for Tesseract.
    line_height: int = 40
    #: Page kept around a line's box, in line heights...
    margin: float = 0.15
    #: ...and an unsure line is read again this many line heights inside its box's edges.
    inset: float = 0.12
    #: A line of numbers is read again when its box has room for this many line heights more.
    room: float = 1.0
    #: Scripts whose lines are put together from both readings (``ocr.splice``). Cyrillic is
    #: not one: it shares letter shapes with Latin, so a Cyrillic run in Tesseract's reading
    #: cannot tell RapidOCR's Latin abbreviation (``MCHC``) from its misreading, and such
    #: lines keep whole readings.
    splice_scripts: tuple[str, ...] = ("HANGUL",)


def visible_length(text: str) -> float:
    """Characters of a reading, weighted as wide as they print (spaces not counted)."""
    return sum(char_weight(c) for c in text if not c.isspace())


def is_unread(line: OcrLine, settings: ScriptRescue) -> bool:
    """Whether a line's reading is far too short for its box: letters the model skipped."""
    x0, top, x1, bottom = line.box
    height = bottom - top
    if height <= 0 or (x1 - x0) < settings.min_aspect * height:
        return False
    return visible_length(line.text) < settings.min_density * (x1 - x0) / height


def unread_lines(lines: Sequence[OcrLine], settings: ScriptRescue) -> list[int]:
    """Indexes of the unread lines when the page has enough of them to read again, else []."""
    found = [i for i, line in enumerate(lines) if is_unread(line, settings)]
    if len(found) < settings.min_lines or len(found) < settings.min_share * len(lines):
        return []
    return found


def dropped_lines(quads: Sequence[Quad], lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Empty lines at the detected quads that no reading covers: the recogniser read nothing
    there, and RapidOCR drops an empty reading with its box."""
    covered = _covered(np.array([quad_bbox(q) for q in quads], float).reshape(-1, 4), lines)
    return [OcrLine("", quad, 0.0) for quad, hit in zip(quads, covered, strict=True) if not hit]


def _covered(boxes: np.ndarray, lines: Sequence[OcrLine]) -> np.ndarray:
    """For each box (rows x0, top, x1, bottom), whether some line's box shares at least half of
    the smaller one's area with it (every pair at once)."""
    if not len(boxes) or not lines:
        return np.zeros(len(boxes), bool)
    others = np.array([line.box for line in lines], float)
    a, b = boxes[:, None, :], others[None, :, :]
    shared = shared_areas(a, b)
    smaller = np.minimum(areas(a), areas(b))
    ratio = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    return (ratio >= 0.5).any(axis=1)


def script_letters(text: str, script: str) -> int:
    """How many letters of ``text`` belong to ``script`` (a Unicode script name: CYRILLIC …)."""
    return sum(1 for c in text if c.isalpha() and unicodedata.name(c, "").startswith(script))


def digits_of(text: str) -> str:
    """The digits of a reading, in order."""
    return "".join(c for c in text if c.isdigit())


def same_numbers(old: str, new: str, unread: bool) -> bool:
    """Whether a new reading keeps the old one's digits: RapidOCR reads numbers better, and a
    read line without digits must not gain some (``(mg/dL)`` read as ``(00/0.)``); only an unread
    line may gain digits that were never read."""
    before = digits_of(old)
    return before == digits_of(new) or (unread and not before)


def erase_rulings(rgb: np.ndarray) -> np.ndarray:
    """The grey picture of a line box with its ruled lines whitened: a column (or row) that is
    dark almost all along is a table's ruling caught in the box, which Tesseract reads as ``Г``
    or ``|`` before the first word."""
    grey = grey_of(rgb)
    if grey.size == 0:
        return grey.astype(np.uint8)
    paper, ink = (float(v) for v in np.percentile(grey, (90, 2)))
    dark = grey < paper - 0.5 * max(paper - ink, 1.0)
    grey[:, dark.mean(axis=0) >= RULING_SHARE] = paper
    grey[dark.mean(axis=1) >= RULING_SHARE, :] = paper
    return np.clip(grey, 0, 255).astype(np.uint8)


@dataclass(frozen=True, slots=True)
class Frame:
    """Where a line picture lies on the page: its left edge, enlargement and white margin."""

    left: float
    scale: float
    border: int

    def to_page(self, x: float) -> float:
        """A horizontal position in the picture, in page pixels."""
        return self.left + (x - self.border) / self.scale


def framed_picture(
    image: np.ndarray, line: OcrLine, height: int, grow: float
) -> tuple[Image.Image, Frame]:
    """The line's box cut from the (levelled) page picture, grown by ``grow`` line heights on
    every side (inset when negative), its rulings erased, enlarged, on a white margin; and where
    that picture lies on the page."""
    x0, top, x1, bottom = line.box
    cut = grow * (bottom - top)
    x0, top, x1, bottom = x0 - cut, top - cut, x1 + cut, bottom + cut
    h, w = image.shape[:2]
    box = (max(0, int(x0)), max(0, int(top)), min(w, int(x1 + 1)), min(h, int(bottom + 1)))
    crop = Image.fromarray(erase_rulings(image[box[1] : box[3], box[0] : box[2]]))
    scale = 1.0
    if 0 < crop.height < height:
        scale = height / crop.height
        crop = crop.resize((max(1, round(crop.width * scale)), height), Image.Resampling.LANCZOS)
    border = max(2, int(MARGIN * crop.height))
    picture = ImageOps.expand(crop, border=border, fill=255)
    return picture, Frame(box[0], scale, border)


def line_picture(image: np.ndarray, line: OcrLine, height: int, grow: float) -> Image.Image:
    """The picture of a line's box that Tesseract reads (:func:`framed_picture`)."""
    return framed_picture(image, line, height, grow)[0]


def read_line(
    image: np.ndarray,
    line: OcrLine,
    read: LineReader,
    settings: ScriptRescue,
    first: tuple[str, float] | None = None,
) -> tuple[str, float]:
    """A line's reading by ``read`` with a margin of page around it (``first``, when that
    reading was already made); an unsure one is read again from inside the box's edges (a
    detector's box takes in the dotted border of a table cell, the next line's ascenders), and
    the surer reading is kept."""
    text, conf = first or read(line_picture(image, line, settings.line_height, settings.margin))
    if conf < settings.min_confidence:
        again = read(line_picture(image, line, settings.line_height, -settings.inset))
        if again[1] > conf:
            text, conf = again
    return " ".join(text.split()).strip(EDGE_MARKS), conf


def choose_script(
    image: np.ndarray,
    sample: Sequence[OcrLine],
    readers: dict[str, LineReader],
    settings: ScriptRescue,
) -> str | None:
    """The script whose reader's readings of the sample hold the most confident letters of it
    (``readers`` maps a script to the reader of its installed languages)."""
    best, best_score = None, 0.0
    for script, read in readers.items():
        score, sure = 0.0, 0
        for line in sample:
            text, conf = read_line(image, line, read, settings)
            if conf >= settings.min_confidence and script_letters(text, script):
                score += conf * script_letters(text, script)
                sure += 1
        if score > best_score and sure >= settings.min_sample_share * len(sample):
            best, best_score = script, score
    return best


def reread(
    image: np.ndarray,
    lines: Sequence[OcrLine],
    unread: Sequence[int],
    read: LineReader,
    script: str,
    settings: ScriptRescue,
    glyphs: Sequence[GlyphReader] = (),
) -> list[OcrLine]:
    """The page's lines, but for those of plain numbers with no room for more, read again by
    ``read``. With ``glyphs`` (readers of symbol boxes) and a script that is spliced, a line
    RapidOCR did read takes the script's letters from the best of their readings
    (:func:`best_reading`) and keeps its own other characters
    (:mod:`~checkup2action.ocr.splice`)."""
    out = list(lines)
    unread_set = set(unread)
    glyphs = glyphs if script in settings.splice_scripts else ()
    for i, line in enumerate(lines):
        plain = i not in unread_set and PLAIN_NUMBERS.fullmatch(line.text) is not None
        if plain and (not glyphs or not has_room(line, settings)):
            continue
        first: tuple[str, float] | None = None
        symbols: list[Glyph] = []
        spliced = bool(glyphs) and i not in unread_set
        if spliced:  # one Tesseract reading gives both text and symbols
            readings = [read_symbols(image, line, reader, settings) for reader in glyphs]
            first, symbols = best_reading(line, readings, script, settings)
        text, conf = read_line(image, line, read, settings, first)
        if not script_letters(text, script):
            continue
        if spliced and conf >= settings.min_confidence:
            joined = spliced_text(line, symbols, script)
            if joined is not None:
                out[i] = OcrLine(joined, line.quad, min(conf, line.confidence or conf))
                continue
        if plain or not same_numbers(line.text, text, i in unread_set):
            continue
        if conf >= settings.min_confidence or (
            i in unread_set and in_script(text, script, conf, settings)
        ):
            out[i] = OcrLine(text, line.quad, conf)
    return out


def best_reading(
    line: OcrLine,
    readings: Sequence[tuple[tuple[str, float], list[Glyph]]],
    script: str,
    settings: ScriptRescue,
) -> tuple[tuple[str, float], list[Glyph]]:
    """Of a line's Tesseract readings, the confident one that puts the most of the script's
    letters into the line (then the more confident)."""

    def worth(reading: tuple[tuple[str, float], list[Glyph]]) -> tuple[bool, int, float]:
        (_, conf), symbols = reading
        sure = conf >= settings.min_confidence
        joined = spliced_text(line, symbols, script) if sure else None
        return sure, script_letters(joined or "", script), conf

    return max(readings, key=worth)


def has_room(line: OcrLine, settings: ScriptRescue) -> bool:
    """Whether a line's box is wider than its reading by a character or more: the number read
    there may be followed by a word of the script that went unread (``200미만`` read ``200``)."""
    x0, top, x1, bottom = line.box
    height = bottom - top
    printed = NARROW_WIDTH * visible_length(line.text)
    return height > 0 and (x1 - x0) / height - printed >= settings.room


def read_symbols(
    image: np.ndarray, line: OcrLine, glyphs: GlyphReader, settings: ScriptRescue
) -> tuple[tuple[str, float], list[Glyph]]:
    """Tesseract's reading of a line with a margin of page around it: (text, confidence), and
    its symbols placed on the page."""
    picture, frame = framed_picture(image, line, settings.line_height, settings.margin)
    text, conf, found = glyphs(picture)
    placed = [Glyph(g.text, frame.to_page(g.x0), frame.to_page(g.x1), g.word) for g in found]
    return (text, conf), placed


def spliced_text(line: OcrLine, symbols: Sequence[Glyph], script: str) -> str | None:
    """A read line put together from its reading and Tesseract's ``symbols`` there; None when
    those hold no letters of the script, or when putting them together loses numbers: the
    digits kept must be RapidOCR's or Tesseract's own (``6001`` for ``60이상`` becomes ``60이상``;
    ``5.7*`` read ``БАН`` stays ``5.7*``)."""
    joined = spliced_line(line, symbols, script)
    if joined is None or not digits_of(line.text):
        return joined
    kept = digits_of(joined)
    ours = (digits_of(line.text), digits_of("".join(g.text for g in symbols)))
    return joined if kept and kept in ours else None


def in_script(text: str, script: str, conf: float, settings: ScriptRescue) -> bool:
    """Whether an unsure reading is still plainly words of the script (for a line RapidOCR could
    not read at all, anything plausible is better than nothing)."""
    visible = sum(1 for c in text if not c.isspace())
    return conf >= settings.min_unread_confidence and script_letters(text, script) >= max(
        3, SCRIPT_SHARE * visible
    )


def tessdata_dir() -> str | None:
    """The folder of Tesseract's language packs, None when none is found."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS]
    for folder in candidates:
        if folder and any(Path(folder).glob("*.traineddata")):
            return folder
    return None


@functools.cache
def _installed_languages() -> tuple[str, tuple[str, ...]] | None:
    """(tessdata folder, installed packs) when ``tesserocr`` and language packs exist."""
    try:
        import tesserocr
    except ImportError:
        return None
    folder = tessdata_dir()
    if folder is None:
        return None
    _, langs = tesserocr.get_languages(folder)
    return folder, tuple(langs)


@functools.cache
def _tesseract_api(folder: str, lang: str) -> Any:
    """One Tesseract instance per language set, reading single lines (kept for the process)."""
    import tesserocr

    os.environ["OMP_THREAD_LIMIT"] = "1"  # unset, tesseract's OpenMP runs several times slower
    return tesserocr.PyTessBaseAPI(path=folder, lang=lang, psm=tesserocr.PSM.SINGLE_LINE)


def tesseract_reader(folder: str, lang: str) -> LineReader:
    """A line reader running Tesseract in ``lang`` (``+``-joined packs); one Tesseract instance
    serves the process, so readings from several threads (the local service) take turns."""
    api = _tesseract_api(folder, lang)

    def read(picture: Image.Image) -> tuple[str, float]:
        """Text and mean word confidence (0–1) of one line picture."""
        with _API_LOCK:
            api.SetImage(picture)
            text = api.GetUTF8Text()
            conf = api.MeanTextConf()
        return text.strip(), max(0.0, conf / 100.0)

    return read


def tesseract_glyph_reader(folder: str, lang: str) -> GlyphReader:
    """A reader of a line picture's symbols with their boxes, by Tesseract in ``lang``."""
    import tesserocr

    api = _tesseract_api(folder, lang)
    level = tesserocr.RIL.SYMBOL

    def read(picture: Image.Image) -> tuple[str, float, list[Glyph]]:
        """Text, mean word confidence (0–1) and symbols (picture pixels) of one line picture."""
        found: list[tuple[str, tuple[int, int, int, int]]] = []
        with _API_LOCK:
            api.SetImage(picture)
            text = api.GetUTF8Text()
            conf = api.MeanTextConf()
            symbols = api.GetIterator() if text.strip() else None
            for symbol in tesserocr.iterate_level(symbols, level) if symbols else ():
                char, box = symbol.GetUTF8Text(level), symbol.BoundingBox(level)
                if char and box:
                    found.append((char, box))
        words = word_numbers([char for char, _ in found], text)
        glyphs = [
            Glyph(c, float(b[0]), float(b[2]), w) for (c, b), w in zip(found, words, strict=True)
        ]
        return text.strip(), max(0.0, conf / 100.0), glyphs

    return read


def script_languages(settings: ScriptRescue) -> dict[str, str] | None:
    """The installed candidate packs of each script, ``+``-joined (``CYRILLIC``: ``rus+ukr``;
    Tesseract then takes each word from the pack that reads it best), None without Tesseract."""
    installed = _installed_languages()
    if installed is None:
        return None
    groups: dict[str, list[str]] = {}
    for lang in settings.languages:
        if lang in installed[1] and lang in SCRIPT_OF:
            groups.setdefault(SCRIPT_OF[lang], []).append(lang)
    return {script: "+".join(langs) for script, langs in groups.items()} or None


def page_languages(langs: str, with_english: bool) -> tuple[str, str]:
    """(tessdata folder, packs) of a reader in ``langs``, with English beside them when asked
    and that pack is installed."""
    folder, installed = _installed_languages() or ("", ())
    return folder, f"{langs}+eng" if with_english and "eng" in installed else langs


def page_reader(langs: str, with_english: bool) -> LineReader:
    """A reader in ``langs`` (:func:`page_languages`)."""
    return tesseract_reader(*page_languages(langs, with_english))


@dataclass(frozen=True, slots=True)
class RescueOutcome:
    """What reading a page's unknown-script lines again did."""

    lines: list[OcrLine]
    unread: int = 0  # unread lines found (0: the page needed nothing)
    language: str | None = None  # the packs read with; None when none was (or none is installed)
    installed: bool = True  # False: the page needed Tesseract and it is not installed


def many_dropped(dropped: Sequence[OcrLine], detected: int, settings: ScriptRescue) -> bool:
    """Whether enough of a page's detected lines came back without a reading to read them again:
    the recogniser skipped every letter of those lines."""
    wide = sum(1 for line in dropped if _aspect(line) >= settings.dropped_aspect)
    return wide >= settings.min_dropped and wide >= settings.min_dropped_share * detected


def _aspect(line: OcrLine) -> float:
    """Width of a line's box over its height (0 for a box with no height)."""
    x0, top, x1, bottom = line.box
    return (x1 - x0) / (bottom - top) if bottom > top else 0.0


def rescue_scripts(
    image: np.ndarray,
    lines: list[OcrLine],
    detect: Callable[[np.ndarray], Sequence[Any]] | None = None,
    settings: ScriptRescue | None = None,
    detected: Sequence[OcrLine] = (),
) -> RescueOutcome:
    """Read again the lines of a page that the recogniser could not read (module docstring).

    ``detected`` are the lines detection found when the page was read at them; where none of
    the reading lies is a line the recogniser dropped. Many of those make a page worth reading
    again even when every reading it kept is full (Hangul dropped, Latin names kept). A page
    with several unread lines has its dropped ones found by ``detect`` (the engine's text
    detector) on the levelled picture, whose boxes fit the lines more tightly."""
    settings = settings or ScriptRescue()
    unread = unread_lines(lines, settings)
    dropped = dropped_lines([line.quad for line in detected], lines) if detected else None
    if not unread and not (dropped and many_dropped(dropped, len(detected), settings)):
        return RescueOutcome(lines)
    languages = script_languages(settings)
    if languages is None:
        return RescueOutcome(lines, unread=len(unread) or len(dropped or ()), installed=False)
    if unread and detect is not None:  # detected again on the levelled picture: tighter boxes
        dropped = dropped_lines([quad_from_points(q) for q in detect(image)], lines)
    if dropped:
        empty = tighten_lines(dropped, image)
        unread = [*unread, *range(len(lines), len(lines) + len(empty))]
        lines = [*lines, *empty]
    widest = sorted(unread, key=lambda i: lines[i].box[0] - lines[i].box[2])[: settings.sample]
    readers = {script: page_reader(langs, False) for script, langs in languages.items()}
    script = choose_script(image, [lines[i] for i in widest], readers, settings)
    if script is None:
        return RescueOutcome([line for line in lines if line.text], unread=len(unread))
    lang = languages[script]
    # the script's pack alone reads its letters best, but for lines that mix in Latin words
    glyphs = [tesseract_glyph_reader(*page_languages(lang, e)) for e in (True, False)]
    new = reread(image, lines, unread, page_reader(lang, True), script, settings, glyphs)
    kept = [line for line in new if line.text.strip()]
    return RescueOutcome(kept, unread=len(unread), language=lang)
