"""Picture files become pages to OCR: frames, EXIF orientation, resolution, bad files."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from checkup2action.errors import Checkup2ActionError
from checkup2action.ingestion import load_document


def _picture(path: Path, size=(400, 600), **save) -> Path:
    Image.new("RGB", size, "white").save(path, **save)
    return path


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".bmp", ".webp", ".tif"])
def test_picture_formats_become_scanned_pages(tmp_path, suffix):
    doc = load_document(_picture(tmp_path / f"p{suffix}", dpi=(200, 200)))
    assert len(doc.pages) == 1
    page = doc.pages[0]
    assert page.kind == "scanned" and page.image is not None and page.words == []
    assert page.dpi == 200 and page.width == pytest.approx(400 * 72 / 200)


def test_every_tiff_frame_is_a_page(tmp_path):
    frames = [Image.new("RGB", (300, 400), c) for c in ("white", "grey", "black")]
    path = tmp_path / "multi.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert [p.number for p in load_document(path).pages] == [1, 2, 3]


def test_exif_orientation_is_honoured(tmp_path):
    img = Image.new("RGB", (600, 400), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned: a viewer rotates it 90° clockwise
    path = tmp_path / "photo.jpg"
    img.save(path, exif=exif)
    page = load_document(path).pages[0]
    assert page.image.size == (400, 600)


def test_photo_without_resolution_is_read_at_default_dpi(tmp_path):
    page = load_document(_picture(tmp_path / "p.png")).pages[0]
    assert page.dpi == 200


@pytest.mark.parametrize(
    ("content", "code"), [(b"", "EMPTY_FILE"), (b"hello world", "NOT_A_DOCUMENT")]
)
def test_unreadable_files(tmp_path, content, code):
    path = tmp_path / "x.png"
    path.write_bytes(content)
    with pytest.raises(Checkup2ActionError) as info:
        load_document(path)
    assert info.value.code == code


def test_a_truncated_picture_is_read_as_far_as_it_goes(tmp_path):
    noise = np.random.default_rng(0).integers(0, 255, (800, 800, 3), dtype=np.uint8)
    path = tmp_path / "p.png"
    Image.fromarray(noise).save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    doc = load_document(path)
    assert [w.code for w in doc.warnings] == ["OK_RECOVERED"] and len(doc.pages) == 1


@pytest.mark.parametrize("keep", [20, 60])  # inside the header; the header without pixels
def test_a_picture_cut_before_its_pixels_is_corrupt(tmp_path, keep):
    path = _picture(tmp_path / "p.png", size=(800, 800))
    path.write_bytes(path.read_bytes()[:keep])
    with pytest.raises(Checkup2ActionError) as info:
        load_document(path)
    assert info.value.code == "CORRUPT_DOCUMENT"
