"""The documents of an input tree: PDFs and pictures at any depth, grouped by content hash."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from checkup2action.batch.run import find_files
from checkup2action.fileio import sha256_of
from checkup2action.ingestion.images import IMAGE_SUFFIXES

log = logging.getLogger(__name__)

INPUT_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}


@dataclass(frozen=True, slots=True)
class InputDocument:
    """One distinct document of the input tree: its content hash and every file that holds it
    (a report copied into two folders is one document)."""

    sha256: str
    paths: tuple[Path, ...]  # the files, in the order of their relative paths
    relative: tuple[str, ...]  # their paths relative to the input directory, with '/'

    @property
    def source(self) -> Path:
        """The file the document is read from (the first copy)."""
        return self.paths[0]

    @property
    def suffix(self) -> str:
        """The first copy's suffix, lower case (as in a de-identified ``source.file_name``)."""
        return self.paths[0].suffix.lower()


def find_inputs(root: Path, *, exclude: Path | None = None) -> list[Path]:
    """The PDFs and pictures under ``root`` at any depth (by suffix), sorted; hidden files and
    folders and anything under ``exclude`` (an output directory inside the input) are left out."""
    return [p for p in find_files(root, exclude) if p.suffix.lower() in INPUT_SUFFIXES]


def group_by_content(root: Path, paths: list[Path]) -> tuple[list[InputDocument], list[Path]]:
    """The files grouped by sha256, documents in hash order, and the files that could not be
    read to hash them."""
    groups: dict[str, list[Path]] = {}
    unreadable = []
    for path in paths:
        try:
            digest = sha256_of(path)
        except OSError as exc:
            log.warning("dataset: an input could not be read (%s)", type(exc).__name__)
            unreadable.append(path)
            continue
        groups.setdefault(digest, []).append(path)
    documents = [
        InputDocument(
            sha256=digest,
            paths=tuple(files),
            relative=tuple(p.relative_to(root).as_posix() for p in files),
        )
        for digest, files in sorted(groups.items())
    ]
    return documents, unreadable
