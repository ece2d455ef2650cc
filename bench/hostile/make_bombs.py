"""Synthetic bombs for the hostile corpus: files of a few megabytes that ask a reader for
gigabytes. Written to a folder outside the repository; nothing here is committed but this script.

python bench/hostile/make_bombs.py OUT_DIR

- nested_flate_bomb.pdf: a page whose content stream is Flate inside Flate, 3 GB decoded
- mono_80000.pdf: a page holding a 1-bit 80000×80000 picture (800 MB decoded, more as grey)
- huge_page_picture.pdf: a 200×200-inch page (14400 pt) holding a 6000×6000 picture
- many_pages.pdf: 5000 blank pages (over the 200-page limit)
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pikepdf

CHUNK = 1 << 24


def zeros_flate(total: int) -> bytes:
    """``total`` zero bytes, Flate-compressed, without holding them in memory."""
    z = zlib.compressobj(9)
    zero = bytes(CHUNK)
    parts = [z.compress(zero) for _ in range(total // CHUNK)]
    return b"".join([*parts, z.flush()])


def _picture(pdf: pikepdf.Pdf, size: int, bits: int) -> pikepdf.Stream:
    """A white square picture of ``size`` pixels a side, ``bits`` per pixel, grey."""
    row = (size * bits + 7) // 8
    image = pikepdf.Stream(pdf, zeros_flate(row * size))
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width = image.Height = size
    image.BitsPerComponent = bits
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
    return image


def picture_page(path: Path, size: int, bits: int, page: tuple[float, float]) -> None:
    """A one-page PDF whose page shows one picture across the page."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=page)
    target = pdf.pages[0]
    target.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=_picture(pdf, size, bits)))
    w, h = page
    target.Contents = pikepdf.Stream(pdf, f"q {w} 0 0 {h} 0 0 cm /Im0 Do Q".encode())
    pdf.save(path)


def nested_flate(path: Path, total: int) -> None:
    """A one-page PDF whose content stream is Flate inside Flate, ``total`` bytes decoded."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    stream = pikepdf.Stream(pdf, zlib.compress(zeros_flate(total), 9))
    stream.Filter = pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode])
    pdf.pages[0].Contents = stream
    pdf.save(path)


def many_pages(path: Path, count: int) -> None:
    """A PDF of ``count`` blank pages."""
    pdf = pikepdf.new()
    for _ in range(count):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)


def main() -> int:
    """Write the bombs."""
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    nested_flate(out / "synthetic__nested_flate_bomb.pdf", 3 << 30)
    picture_page(out / "synthetic__mono_80000.pdf", 80_000, 1, (595, 842))
    picture_page(out / "synthetic__huge_page_picture.pdf", 6000, 8, (14400, 14400))
    many_pages(out / "synthetic__many_pages.pdf", 5000)
    for path in sorted(out.glob("synthetic__*")):
        print(f"{path.name}\t{path.stat().st_size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
