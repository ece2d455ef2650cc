"""A CJK TrueType font for the sample generator, derived at run time from Noto Sans CJK TC.

pdfminer cannot read text drawn with fpdf2's embedding of a CFF (``.otf``) font, so the OTF shipped
by ``cvttf-notosanscjk-regular`` is subset to the characters the generator can emit and its cubic
CFF outlines are converted to quadratic ``glyf`` outlines. The result is cached by the SHA-256 of
the character set in ``$C2A_CACHE_DIR/fonts`` (default ``~/.cache/checkup2action/fonts``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

#: Symbols the families print besides the vocabulary text and ASCII.
EXTRA_SYMBOLS = "↑↓～≤≥μµ×％·°：，（）、；。±—–“”‘’…★☆●■□※"

#: Version of the conversion recipe; part of the cache key.
_RECIPE = "glyf-cu2qu-1"


def cache_dir() -> Path:
    """Directory holding the converted fonts."""
    root = os.environ.get("C2A_CACHE_DIR")
    base = Path(root) if root else Path.home() / ".cache" / "checkup2action"
    return base / "fonts"


def source_otf() -> Path:
    """Path of the Noto Sans CJK TC OTF installed from PyPI."""
    import cvttf_NotoSansCJK_Regular as pkg

    path = Path(pkg.__file__).parent / "NotoSansCJKtc-Regular.otf"
    if not path.is_file():  # pragma: no cover - broken install
        raise FileNotFoundError(path)
    return path


def charset_key(chars: str) -> str:
    """Cache key of a character set (order and duplicates do not matter)."""
    canon = "".join(sorted(set(chars)))
    return hashlib.sha256((_RECIPE + "\n" + canon).encode("utf-8")).hexdigest()


def build_ttf(chars: str, dest: Path) -> None:
    """Subset the OTF to ``chars`` and write it to ``dest`` with TrueType outlines."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["VORG", "GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx"]
    font = TTFont(str(source_otf()), recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(text="".join(sorted(set(chars))))
    subsetter.subset(font)

    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphset)
        glyphset[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours"):
        setattr(maxp, attr, 0)
    maxp.maxComponentDepth = 0
    font["maxp"] = maxp
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    font["head"].created = font["head"].modified = 3818534400  # fixed: 2025-01-01
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    dest.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(dest))
    font.close()


def rename_bold(src: Path, dest: Path) -> None:
    """Copy of ``src`` named as the bold face (outlines unchanged; emboldened when drawn)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(src), recalcTimestamp=False)
    names = {1: "Noto Sans CJK TC Bold", 2: "Regular", 3: "NotoSansCJKTC-Bold-c2a",
             4: "Noto Sans CJK TC Bold", 6: "NotoSansCJKTC-Bold"}  # fmt: skip
    for rec in font["name"].names:
        if rec.nameID in names:
            rec.string = names[rec.nameID]
    font["OS/2"].usWeightClass = 700
    font.save(str(dest))
    font.close()


def _atomic_build(dest: Path, build) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".ttf", dir=dest.parent)
    os.close(fd)
    try:
        build(Path(tmp))
        os.replace(tmp, dest)  # atomic: parallel builders write identical files
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def cjk_ttf(chars: str, *, bold: bool = False) -> Path:
    """Path of a cached TrueType CJK font covering ``chars`` (built on first use).

    ``bold=True`` returns the same outlines under a bold face name, so that text drawn with it
    carries ``Bold`` in its PDF font name (the generator also strokes it to look bold).
    """
    key = charset_key(chars)
    regular = cache_dir() / f"{key}.ttf"
    if not (regular.is_file() and regular.stat().st_size > 0):
        _atomic_build(regular, lambda tmp: build_ttf(chars, tmp))
    if not bold:
        return regular
    dest = cache_dir() / f"{key}-bold.ttf"
    if not (dest.is_file() and dest.stat().st_size > 0):
        _atomic_build(dest, lambda tmp: rename_bold(regular, tmp))
    return dest
