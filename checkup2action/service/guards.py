"""Two guards in front of the service, as plain ASGI middleware:

- ``HostGuard``: a request whose ``Host`` is not one of the allowed names is refused (400), so a
  web page elsewhere cannot reach the service through a DNS name pointed at this machine; a
  request that changes something and carries an ``Origin`` of another host is refused (403).
- ``BodyLimit``: a request body is counted as it streams in; past the cap the request is answered
  413 at once, whatever the route was doing with it (a declared ``Content-Length`` over the cap
  is refused before anything is read).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Final
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Methods that change something: their Origin must be an allowed host.
CHANGING: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Room for a multipart upload's boundaries and part headers, beyond the file's own bytes.
MULTIPART_SLACK: Final = 64 * 1024


async def send_error(send: Send, status: int, code: str, message: str) -> None:
    """Answer with the service's error shape: ``{"error": {"code", "message"}}``."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    """A request header's value (latin-1), or None."""
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def host_name(value: str) -> str:
    """The host part of a ``Host`` header or an origin's authority, without port or brackets."""
    parsed = urlsplit(f"//{value}")
    return (parsed.hostname or "").lower()


class HostGuard:
    """Refuses requests for other host names, and changes asked for by other origins."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]):
        self.app = app
        self.allowed = frozenset(name.lower() for name in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the Host (and, for a change, the Origin) before the app sees the request."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _header(scope, b"host")
        if host is None or host_name(host) not in self.allowed:
            await send_error(
                send, 400, "HOST_NOT_ALLOWED", "this service answers its own host only"
            )
            return
        origin = _header(scope, b"origin")
        if scope["method"] in CHANGING and origin is not None and not self._same_site(origin):
            await send_error(send, 403, "ORIGIN_NOT_ALLOWED", "requests from other sites refused")
            return
        await self.app(scope, receive, send)

    def _same_site(self, origin: str) -> bool:
        """Whether an Origin header names an allowed host (``null`` does not)."""
        parsed = urlsplit(origin)
        return parsed.scheme in ("http", "https") and (parsed.hostname or "") in self.allowed


class _TooLarge(Exception):
    """The body passed the cap."""


class BodyLimit:
    """Caps every request body at ``max_upload`` bytes (and ``MULTIPART_SLACK`` for the
    multipart framing), counted while it streams in."""

    def __init__(self, app: ASGIApp, max_upload: int):
        self.app = app
        self.max_upload = max_upload
        self.limit = max_upload + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a counting ``receive``; answer 413 when it overflows."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await send_error(send, 413, "UPLOAD_TOO_LARGE", self._message())
            return
        state = {"seen": 0, "over": False, "started": False}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > self.limit:
                    state["over"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if state["over"]:
                return  # whatever the route answered, the answer is 413
            state["started"] = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:  # _TooLarge, or what a parser made of it
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await send_error(send, 413, "UPLOAD_TOO_LARGE", self._message())

    def _message(self) -> str:
        """The 413 message, naming the cap."""
        return f"the upload is larger than {self.max_upload / (1024 * 1024):g} MB"
