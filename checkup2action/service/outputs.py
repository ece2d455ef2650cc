"""What a service worker makes of one upload, in the job's own folder: the report (JSON, CSV,
FHIR), its Action Cards and a picture of every page (``pages/<n>.png``, with ``pages.json``
giving each picture's size in pixels and points, so boxes in points can be drawn on it). Unless
identifiers are kept, the pictures have every identifier found filled over, as ``redact`` does.

This runs in a batch worker process (``batch.worker``), never in the service's own process: a
document that hangs or takes all memory costs only its worker.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Final

from PIL import Image

from checkup2action import pipeline
from checkup2action.batch.documents import DocumentOutcome, failure_of, report_status
from checkup2action.batch.task import Task, TaskResult, failed, result_of
from checkup2action.deid.redact import PagePicture, fill_boxes, page_pictures
from checkup2action.fileio import write_text_atomic
from checkup2action.ingestion.failures import typed_failures
from checkup2action.progress import Step, StepHook
from checkup2action.report.models import StructuredReport
from checkup2action.report.writers import write_report

#: Page pictures are made at most this many pixels wide (a laptop screen's pane).
PAGE_WIDTH_PX: Final = 1400
REPORT_FORMATS: Final = ("json", "csv", "fhir")
#: The step a worker is on, while it reads.
PROGRESS_FILE: Final = "progress.json"


def read_for_viewer(task: Task, options: pipeline.PipelineOptions) -> TaskResult:
    """Read the upload at ``task.path`` and write everything the viewer shows beside it."""
    start = time.perf_counter()
    folder = Path(task.path).parent
    try:
        with typed_failures(Path(task.path).name):
            read = pipeline.read_pages(task.path, options=options, progress=step_writer(folder))
            report = pipeline.report_from_pages(read, deid=options.deid)
            pictures = page_pictures(read.doc)
            if not options.deid.keep_identifiers:
                pictures = hide_identifiers(read, pictures, options)
        write_outputs(report, pictures, folder)
    except Exception as exc:  # recorded in the job; the pool goes on
        code, message = failure_of(exc)
        return failed(code, message, time.perf_counter() - start)
    seconds = time.perf_counter() - start
    outcome = DocumentOutcome(task.sha256, report_status(report), seconds, report=report)
    return result_of(outcome, with_report=False)  # the report is on disk already


def step_writer(folder: Path) -> StepHook:
    """A progress hook that keeps the step the worker is on in ``progress.json`` (the status
    route shows it: "OCR, page 3 of 12")."""

    def write(step: Step) -> None:
        """Write the step (a failed write costs the display only)."""
        with contextlib.suppress(OSError):
            write_text_atomic(folder / PROGRESS_FILE, json.dumps(asdict(step)) + "\n")

    return write


def hide_identifiers(
    read: pipeline.ReadPages, pictures: list[PagePicture], options: pipeline.PipelineOptions
) -> list[PagePicture]:
    """The page pictures with a filled box over every identifier found (as ``redact`` makes
    them): a de-identified report is shown on de-identified pages."""
    found = pipeline.identifiers_found(read, options)
    return [
        PagePicture(fill_boxes(picture, [box for _, box in found.get(number, [])]), picture.scale)
        for number, picture in enumerate(pictures, start=1)
    ]


def write_outputs(report: StructuredReport, pictures: list[PagePicture], folder: Path) -> None:
    """The report's files, its cards and its page pictures, in ``folder``."""
    for fmt in REPORT_FORMATS:
        write_report(report, folder, "report", fmt)
    cards = pipeline.cards(report)
    write_text_atomic(folder / "cards.json", cards.to_json() + "\n")
    write_pages(report, pictures, folder / "pages")


def write_pages(report: StructuredReport, pictures: list[PagePicture], folder: Path) -> None:
    """Each page as a PNG at most ``PAGE_WIDTH_PX`` wide, and ``pages.json`` with its sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    infos = {info.page: info for info in report.source.pages}
    sizes = []
    for number, picture in enumerate(pictures, start=1):
        image = picture.image
        if image.width > PAGE_WIDTH_PX:
            height = max(1, round(image.height * PAGE_WIDTH_PX / image.width))
            image = image.resize((PAGE_WIDTH_PX, height), Image.Resampling.LANCZOS)
        image.save(folder / f"{number}.png", optimize=False)
        info = infos.get(number)
        width_pt = info.width if info else image.width / picture.scale
        height_pt = info.height if info else image.height / picture.scale
        sizes.append(
            {
                "page": number,
                "width_px": image.width,
                "height_px": image.height,
                "width_pt": width_pt,
                "height_pt": height_pt,
            }
        )
    write_text_atomic(folder / "pages.json", json.dumps(sizes) + "\n")
