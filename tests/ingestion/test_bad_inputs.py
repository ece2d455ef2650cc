"""Bad documents get typed errors with stable codes; a batch goes on without them."""

from pathlib import Path

import pytest
from fpdf import FPDF

from checkup2action.errors import Checkup2ActionError
from checkup2action.ingestion import load_pdf
from checkup2action.pipeline import ingest, ingest_many


def _pdf(path: Path, text: str = "hello", password: str | None = None, blank: bool = False) -> Path:
    """Write a one-page PDF, optionally encrypted or with no text."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    if not blank:
        pdf.set_font("Helvetica", size=12)
        pdf.text(50, 50, text)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.pdf", b"", "EMPTY_FILE"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "NOT_A_DOCUMENT"),
        ("garbage.pdf", b"%PDF-1.4\nnot really a pdf\n", "CORRUPT_DOCUMENT"),
    ],
)
def test_unreadable_files_raise_typed_errors(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(Checkup2ActionError) as info:
        load_pdf(path)
    assert info.value.code == code
    assert name in str(info.value)


def test_a_pdf_cut_after_its_page_is_repaired(tmp_path):
    good = _pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good[: len(good) // 2])  # the page is there; the xref and trailer are not
    doc = load_pdf(path)
    assert [w.code for w in doc.warnings] == ["OK_RECOVERED"] and doc.repaired_pdf
    assert [w.text for w in doc.pages[0].words] == ["hello"]


def test_a_pdf_cut_before_its_page_is_corrupt(tmp_path):
    good = _pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good[:120])
    with pytest.raises(Checkup2ActionError) as info:
        load_pdf(path)
    assert info.value.code == "CORRUPT_DOCUMENT"


def test_encrypted_pdf(tmp_path):
    path = _pdf(tmp_path / "encrypted.pdf", password="secret")
    with pytest.raises(Checkup2ActionError) as info:
        load_pdf(path)
    assert info.value.code == "ENCRYPTED"


def test_page_limit(tmp_path):
    path = _pdf(tmp_path / "one.pdf")
    with pytest.raises(Checkup2ActionError) as info:
        load_pdf(path, max_pages=0)
    assert info.value.code == "RESOURCE_LIMIT"


def test_a_document_of_blank_pages_is_empty(tmp_path):
    with pytest.raises(Checkup2ActionError) as info:
        ingest(_pdf(tmp_path / "blank.pdf", blank=True))
    assert info.value.code == "EMPTY_DOCUMENT"


def test_page_with_only_a_drawing_is_read_by_ocr(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.rect(100, 100, 200, 50)  # no text layer, but something to look at
    pdf.output(str(tmp_path / "drawing.pdf"))
    report = ingest(tmp_path / "drawing.pdf")
    assert report.source.pages[0].kind == "scanned"
    assert [w.code for w in report.warnings] == ["PAGE_NOT_READ"]  # OCR found no text
    assert report.lab_results == []


def test_batch_goes_on_after_a_bad_document(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"nope")
    good = _pdf(tmp_path / "good.pdf")
    results = dict(ingest_many([bad, good]))
    assert isinstance(results[bad], Checkup2ActionError)
    assert results[bad].code == "NOT_A_DOCUMENT"
    assert results[good].source.page_count == 1


def test_a_memory_error_inside_the_pipeline_is_a_typed_error(tmp_path, monkeypatch):
    import checkup2action.pipeline as pipeline_module

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(pipeline_module, "report_from_pages", exhausted)
    with pytest.raises(Checkup2ActionError) as info:
        ingest(_pdf(tmp_path / "bomb.pdf"))
    assert info.value.code == "RESOURCE_LIMIT" and info.value.file == "bomb.pdf"
    assert isinstance(info.value.__cause__, MemoryError)
