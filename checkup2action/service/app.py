"""The service's FastAPI application (``create_app``): upload a report, follow its job, fetch
what was read (report JSON, Action Cards, FHIR, CSV, page pictures with boxes), and the viewer
at ``/``. Every route answers from files the pool's workers wrote; nothing here parses a
document."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any, Final

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from checkup2action import __version__
from checkup2action.service.config import ServiceConfig
from checkup2action.service.guards import BodyLimit, HostGuard
from checkup2action.service.jobs import ID_PATTERN, Job, JobStore
from checkup2action.service.outputs import PROGRESS_FILE
from checkup2action.service.overlay import page_with_boxes
from checkup2action.service.pool import ReadingPool
from checkup2action.service.schemas import Health, JobState, errors
from checkup2action.service.uploads import UploadRefused, store_upload

log = logging.getLogger("checkup2action.service")
STATIC: Final = Path(__file__).parent / "static"
#: The files of a job's outputs, by the name the API gives them, and their media types.
OUTPUTS: Final = {
    "report.json": ("report.json", "application/json"),
    "cards.json": ("cards.json", "application/json"),
    "fhir.json": ("report.fhir.json", "application/fhir+json"),
    "results.csv": ("report.csv", "text/csv; charset=utf-8"),
}
#: Stable codes of the answers the framework gives itself (no such route, method).
HTTP_CODES: Final = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}
#: What the viewer's pages may load: its own files only.
CSP: Final = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


class ServiceError(Exception):
    """An answer other than success: HTTP status, stable code and plain message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> JSONResponse:
    """The service's error shape."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The service: routes, guards, the reading pool and the job store (started with the app)."""
    config = config or ServiceConfig()
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        temporary = config.data_dir is None
        root = Path(tempfile.mkdtemp(prefix="c2a-serve-")) if temporary else config.data_dir
        assert root is not None
        store = JobStore(root, config.expire_after)
        pool = ReadingPool(config, store)
        pool.start()
        state.update(store=store, pool=pool)
        sweeper = asyncio.create_task(_sweep(store, config.expire_after))
        log.info("service ready: %d workers", pool.workers)
        try:
            yield
        finally:
            sweeper.cancel()
            await run_in_threadpool(pool.stop)
            await run_in_threadpool(store.clear)  # nothing can reach them once we stop
            if temporary:
                shutil.rmtree(root, ignore_errors=True)

    app = FastAPI(
        title="Checkup2Action",
        version=__version__,
        summary="Read a check-up report: results, findings and Action Cards, with their boxes.",
        lifespan=lifespan,
    )
    _add_handlers(app)
    _add_routes(app, config, state)
    app.add_middleware(BodyLimit, max_upload=config.max_upload_bytes)
    app.add_middleware(HostGuard, allowed=config.allowed_hosts)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


async def _sweep(store: JobStore, expire_after: float) -> None:
    """Remove expired jobs now and then."""
    while True:
        await asyncio.sleep(max(1.0, min(60.0, expire_after / 4)))
        gone = await run_in_threadpool(store.expire)
        if gone:
            log.info("expired %d jobs", len(gone))


def _add_handlers(app: FastAPI) -> None:
    """Errors in one shape; a validation error names fields, never echoes what was sent."""

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()})
        return _error(422, "INVALID_REQUEST", f"missing or invalid: {', '.join(fields)}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "HTTP_ERROR")
        response = _error(exc.status_code, code, str(exc.detail))
        response.headers.update(exc.headers or {})  # a 405 keeps its Allow
        return response

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response


def _job(state: dict[str, Any], job_id: str) -> Job:
    """The job of an id; 404 for a malformed, unknown or expired one."""
    job = state["store"].get(job_id) if re.fullmatch(ID_PATTERN, job_id) else None
    if job is None:
        raise ServiceError(404, "NOT_FOUND", "no such report (unknown or expired)")
    assert isinstance(job, Job)
    return job


def _done_job(state: dict[str, Any], job_id: str) -> Job:
    """A job whose reading gave a report; 409 while it is read, 410 when it failed."""
    job = _job(state, job_id)
    if not job.done:
        raise ServiceError(409, "NOT_READY", f"the report is {job.status}")
    if job.status == "failed":
        raise ServiceError(410, "NO_REPORT", "the document could not be read")
    return job


def _links(job: Job) -> dict[str, Any]:
    """Where a job's outputs are."""
    base = f"/v1/reports/{job.id}"
    links: dict[str, Any] = {"self": base}
    if job.done and job.status != "failed":
        links |= {name: f"{base}/{name}" for name in OUTPUTS}
        pages = (job.result.pages if job.result else None) or 0
        links["pages"] = [f"{base}/pages/{n}.png" for n in range(1, pages + 1)]
    return links


def _add_routes(app: FastAPI, config: ServiceConfig, state: dict[str, Any]) -> None:
    """The API's routes and the viewer's page."""

    @app.get("/", include_in_schema=False)
    async def viewer() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/health", tags=["service"], response_model=Health, responses=errors(503))
    async def health() -> JSONResponse:
        """Whether the service and its reading pool are up, and how many jobs wait."""
        pool: ReadingPool = state["pool"]
        store: JobStore = state["store"]
        body = {
            "status": "ok" if pool.alive else "degraded",
            "version": __version__,
            "workers": pool.workers,
            "jobs": store.counts(),
        }
        return JSONResponse(body, status_code=200 if pool.alive else 503)

    @app.post(
        "/v1/reports",
        status_code=202,
        tags=["reports"],
        response_model=JobState,
        responses=errors(400, 403, 413, 415, 422, 503),
    )
    async def upload(
        file: Annotated[UploadFile, File(description="A PDF or a picture of a report")],
    ) -> JSONResponse:
        """Upload a report (multipart field ``file``); it is read in the background."""
        store: JobStore = state["store"]
        if not state["pool"].alive:
            raise ServiceError(503, "POOL_DOWN", "the reading workers could not start; see /health")
        if store.pending() >= config.max_queued:
            raise ServiceError(503, "BUSY", "too many reports waiting; try again shortly")
        try:
            job = await run_in_threadpool(store_upload, store, file.file, config.max_upload_bytes)
        except UploadRefused as refused:
            raise ServiceError(refused.status, refused.code, refused.message) from None
        state["pool"].submit(job)
        log.info("job %s queued (%s, %d bytes)", job.id, job.format, job.size)
        body = job.describe(config.expire_after) | {"links": _links(job)}
        return JSONResponse(body, status_code=202, headers={"Location": f"/v1/reports/{job.id}"})

    @app.get(
        "/v1/reports/{job_id}",
        tags=["reports"],
        response_model=JobState,
        responses=errors(404),
    )
    async def status(job_id: str) -> dict[str, Any]:
        """Where a report's reading stands, and its links once read."""
        job = _job(state, job_id)
        described = job.describe(config.expire_after) | {"links": _links(job)}
        if job.status == "queued":
            described["queue_position"] = state["store"].ahead_of(job)
        if job.status == "running":
            described["step"] = await run_in_threadpool(_step_of, job)
        if job.done and job.status != "failed":
            described["page_images"] = await run_in_threadpool(_page_sizes, job)
        return described

    @app.delete(
        "/v1/reports/{job_id}", status_code=204, tags=["reports"], responses=errors(403, 404, 409)
    )
    async def delete(job_id: str) -> Response:
        """Delete a read report and every file of it now (409 while it is being read)."""
        job = _job(state, job_id)
        if not job.done:
            raise ServiceError(409, "NOT_READY", f"the report is {job.status}")
        await run_in_threadpool(state["store"].discard, job.id)
        log.info("job %s deleted", job.id)
        return Response(status_code=204)

    @app.get(
        "/v1/reports/{job_id}/{name}",
        tags=["reports"],
        response_class=FileResponse,
        responses={
            200: {"content": {"application/json": {}, "text/csv": {}}},
            **errors(404, 409, 410),
        },
    )
    async def output(job_id: str, name: str) -> FileResponse:
        """One output of a read report: report.json, cards.json, fhir.json or results.csv."""
        if name not in OUTPUTS:
            raise ServiceError(404, "NOT_FOUND", "no such output")
        job = _done_job(state, job_id)
        file_name, media_type = OUTPUTS[name]
        disposition = "attachment" if name.endswith(".csv") else "inline"
        return FileResponse(
            job.folder / file_name,
            media_type=media_type,
            filename=name,
            content_disposition_type=disposition,
        )

    @app.get(
        "/v1/reports/{job_id}/pages/{number}.png",
        tags=["reports"],
        response_class=Response,
        responses={200: {"content": {"image/png": {}}}, **errors(404, 409, 410)},
    )
    async def page(
        job_id: str,
        number: int,
        boxes: Annotated[bool, Query(description="Draw the box of every result")] = False,
    ) -> Response:
        """A page as a PNG picture, optionally with each result's box drawn (coloured by flag)."""
        job = _done_job(state, job_id)
        path = job.folder / "pages" / f"{number}.png"
        if number < 1 or not path.is_file():
            raise ServiceError(404, "NOT_FOUND", "no such page")
        if not boxes:
            return FileResponse(path, media_type="image/png")
        png = await run_in_threadpool(page_with_boxes, job.folder, number)
        return Response(png, media_type="image/png")


def _step_of(job: Job) -> dict[str, Any] | None:
    """The step the worker reading a job is on (name, done, total, page), if it said."""
    try:
        step: dict[str, Any] = json.loads((job.folder / PROGRESS_FILE).read_text())
    except (OSError, ValueError):
        return None
    return step


def _page_sizes(job: Job) -> list[dict[str, Any]]:
    """Each page picture's size in pixels and points, with its address."""
    sizes: list[dict[str, Any]] = json.loads((job.folder / "pages" / "pages.json").read_text())
    for size in sizes:
        size["url"] = f"/v1/reports/{job.id}/pages/{size['page']}.png"
    return sizes
