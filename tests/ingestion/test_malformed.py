"""Every malformed input gets exactly its error code, or loads with its pages and warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkup2action.errors import Checkup2ActionError
from checkup2action.ingestion import load_document
from tests.ingestion.malformed import MalformedCase, malformed_cases, write_malformed

CASES = malformed_cases()
LOADING = [case for case in CASES if case.expected == "ok"]


def _write(case: MalformedCase, directory: Path) -> Path:
    """Build a case's file in `directory`."""
    path = directory / case.name
    path.write_bytes(case.build())
    return path


def _needs(case: MalformedCase) -> None:
    """Skip a case whose file cannot be built or read without an optional package."""
    if case.kind == "heic" and case.expected == "ok":
        pytest.importorskip("pillow_heif")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_input_gets_its_outcome(case: MalformedCase, tmp_path: Path) -> None:
    """The file raises exactly its error code, or loads with its pages (and its warning)."""
    _needs(case)
    path = _write(case, tmp_path)
    if case.expected != "ok":
        with pytest.raises(Checkup2ActionError) as info:
            load_document(path)
        assert info.value.code == case.expected, str(info.value)
        return
    document = load_document(path)
    assert len(document.pages) == case.pages
    if case.expect_warning is not None:
        assert case.expect_warning in [w.code for w in document.warnings]


@pytest.mark.parametrize("case", LOADING, ids=[case.name for case in LOADING])
def test_pictures_become_8_bit_rgb(case: MalformedCase, tmp_path: Path) -> None:
    """Every picture a loaded page carries is 8-bit RGB, whatever the file's pixel format."""
    _needs(case)
    document = load_document(_write(case, tmp_path))
    modes = {page.image.mode for page in document.pages if page.image is not None}
    assert modes <= {"RGB"}


def test_the_catalogue_is_large_and_its_names_unique() -> None:
    """At least 30 cases, no two with the same file name."""
    names = [case.name for case in CASES]
    assert len(names) >= 30
    assert len(set(names)) == len(names)


def test_write_malformed_writes_every_case(tmp_path: Path) -> None:
    """Each case is written under its own name with the bytes its builder gives (the same each
    run, but for the encrypted PDFs' random salt)."""
    written = write_malformed(tmp_path / "out")
    assert [case.name for case, _ in written] == [case.name for case in CASES]
    for case, path in written:
        assert path.parent == tmp_path / "out" and path.name == case.name
        data, again = path.read_bytes(), case.build()
        assert len(data) == len(again) if case.kind == "encrypted" else data == again
