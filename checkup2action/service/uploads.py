"""Storing an upload: its type judged from its first bytes (not its name or the type the client
declared), its size capped as it is copied, its hash taken on the way, and the file kept under
the job's random id only."""

from __future__ import annotations

import hashlib
import importlib.util
from typing import BinaryIO, Final

from checkup2action.errors import EmptyFileError, InputError
from checkup2action.ingestion.sniff import HEAD_BYTES, readable_format
from checkup2action.service.jobs import Job, JobStore

CHUNK: Final = 1024 * 1024


class UploadRefused(Exception):
    """An upload the service does not take: HTTP status, stable code and plain message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def accepted_format(head: bytes) -> str:
    """The format of an upload's first bytes (``ingestion.sniff.readable_format``), or
    ``UploadRefused``: 400 for an empty upload, 415 with the reader's own code for content it
    does not read, and for HEIC/AVIF without the ``heif`` extra."""
    try:
        found = readable_format(head)
    except EmptyFileError as refused:
        raise UploadRefused(400, refused.code, refused.message) from None
    except InputError as refused:
        raise UploadRefused(415, refused.code, refused.message) from None
    if found == "heif" and importlib.util.find_spec("pillow_heif") is None:
        raise UploadRefused(415, "UNSUPPORTED_FORMAT", "HEIC/AVIF pictures need the 'heif' extra")
    return found


def store_upload(store: JobStore, source: BinaryIO, max_bytes: int) -> Job:
    """Copy an upload into a new job's folder and record the job (queued)."""
    head = source.read(HEAD_BYTES)
    found = accepted_format(head)
    job_id, folder = store.new_folder()
    digest, size = hashlib.sha256(), 0
    try:
        with (folder / "input").open("wb") as sink:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > max_bytes:
                    raise UploadRefused(413, "UPLOAD_TOO_LARGE", "the upload is too large")
                digest.update(chunk)
                sink.write(chunk)
                chunk = source.read(CHUNK)
    except BaseException:
        store.discard(job_id)
        raise
    job = Job(id=job_id, folder=folder, size=size, sha256=digest.hexdigest(), format=found)
    store.add(job)
    return job
