"""The ``serve`` command (registered on the main app by ``checkup2action.cli``): the local HTTP
service and web viewer (``checkup2action.service``; extra ``serve``)."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path
from typing import Annotated

import typer

from checkup2action.batch.run import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT
from checkup2action.cliconsole import err, fatal
from checkup2action.clioptions import (
    DatePolicyChoice,
    DatePolicyOption,
    KeepFilenamesOption,
    KeepIdentifiersOption,
    MaxMemoryOption,
    TimeoutOption,
    pipeline_options,
)
from checkup2action.errors import EngineNotAvailableError

SERVE_WORKERS = 2


def _is_loopback(host: str) -> bool:
    """Whether a bind address is this machine's own (``localhost`` included)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes reading documents.")
    ] = SERVE_WORKERS,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    max_memory: MaxMemoryOption = DEFAULT_MAX_MEMORY_MB,
    max_upload_mb: Annotated[
        float, typer.Option(min=0.1, help="Largest upload taken, in MB (413 past it).")
    ] = 50.0,
    expire_after: Annotated[
        float,
        typer.Option(min=1.0, help="Seconds a report and its files are kept after it is read."),
    ] = 3600.0,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Where uploads and outputs are kept (default: a temporary folder)."),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(help="Another host name the service answers to (repeatable)."),
    ] = None,
    keep_filenames: KeepFilenamesOption = False,
    keep_identifiers: KeepIdentifiersOption = False,
    date_policy: DatePolicyOption = DatePolicyChoice.keep,
) -> None:
    """Serve the API (/v1/reports, /health, /docs) and the web viewer at http://HOST:PORT/.

    Uploads are read by WORKERS isolated worker processes with the batch's time and memory
    limits; reports and their files are removed EXPIRE_AFTER seconds after they are read. Binds
    to loopback by default and answers only requests addressed to this machine's own names."""
    try:
        import uvicorn

        from checkup2action.service.app import create_app
        from checkup2action.service.config import LOOPBACK_HOSTS, ServiceConfig
    except ImportError as exc:
        error = EngineNotAvailableError(
            f"the service needs the 'serve' extra: pip install 'checkup2action[serve]' ({exc.name})"
        )
        raise fatal(str(error)) from None
    allowed = set(LOOPBACK_HOSTS) | {h.lower() for h in allow_host or []}
    if not _is_loopback(host):
        err().print(
            f"[yellow]warning:[/] listening on {host}: other machines can reach the service. "
            "Reports are health data; put it behind a proxy with authentication, and name the "
            "host names it is reached by with --allow-host."
        )
        if host not in ("0.0.0.0", "::"):
            allowed.add(host.lower())
    config = ServiceConfig(
        data_dir=data_dir,
        max_upload_mb=max_upload_mb,
        expire_after=expire_after,
        workers=workers,
        timeout=timeout,
        max_memory_mb=max_memory,
        allowed_hosts=frozenset(allowed),
        options=pipeline_options(keep_filenames, keep_identifiers, date_policy),
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(create_app(config), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    """Add the serve command to the main app."""
    app.command("serve")(serve)
