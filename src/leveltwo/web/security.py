"""Security by default: authentication gate, CSRF checks, body size limit, headers.

- When a token is configured (always, off loopback), every page needs a login
  (a form that sets the signed session) and every API call a login session or
  an ``Authorization: Bearer <token>`` header.
- Every state-changing request carries the session's CSRF token, in the
  ``csrf_token`` form field or the ``X-CSRF-Token`` header (bearer-authenticated
  API calls are exempt: a browser never adds that header on its own).
- Request bodies over the limit are refused with 413 before the app reads them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import threading
import time
from collections import OrderedDict
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leveltwo.errors import LeveltwoError
from leveltwo.web.session import Revocations

#: The form editor posts one field per editable value; large cases have thousands.
MAX_FORM_FIELDS = 50_000
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_PREFIXES = ("/login", "/static/", "/api/health")
BEARER = "leveltwo.bearer"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class CsrfError(LeveltwoError):
    """A state-changing request without this session's CSRF token."""

    http_status = 403


class AuthenticationRequired(LeveltwoError):
    http_status = 401


def token_fingerprint(token: str) -> str:
    """What the session stores to remember a login (changing the token logs everyone out)."""
    return hashlib.sha256(b"leveltwo-login:" + token.encode("utf-8")).hexdigest()[:32]


def client_address(scope: Scope, behind_proxy: bool = False) -> str:
    """Who is asking: the peer address, or behind a proxy the first forwarded one."""
    if behind_proxy:
        for key, value in scope.get("headers", []):
            if key == b"x-forwarded-for":
                first = bytes(value).decode("latin-1").split(",")[0].strip()
                if first:
                    return first[:64]
    client = scope.get("client")
    return str(client[0]) if client else ""


def client_of(request: Request, behind_proxy: bool = False) -> str:
    """:func:`client_address` of a request (fair sharing of jobs, login throttling)."""
    return client_address(request.scope, behind_proxy)


class TooManyAttempts(LeveltwoError):
    http_status = 429


class LoginThrottle:
    """Failed logins per client, with an exponential back-off after a few free attempts.

    After :attr:`free` failures a client must wait 1 s, then 2, 4, … up to
    :attr:`longest` seconds before each further attempt; a success forgets its failures.
    At most :attr:`clients` clients are remembered (the oldest are forgotten first).
    """

    def __init__(self, free: int = 5, longest: float = 300.0, clients: int = 10_000) -> None:
        self.free, self.longest, self.clients = free, longest, clients
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds this client must still wait before its next attempt (0: go ahead)."""
        with self._lock:
            _count, until = self._failures.get(client, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def failed(self, client: str) -> None:
        with self._lock:
            count, _ = self._failures.pop(client, (0, 0.0))
            count += 1
            delay = 0.0 if count < self.free else min(2.0 ** (count - self.free), self.longest)
            self._failures[client] = (count, time.monotonic() + delay)
            while len(self._failures) > self.clients:
                self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def check(self, client: str) -> None:
        """Raise :class:`TooManyAttempts` while the client must wait."""
        left = self.wait(client)
        if left > 0:
            raise TooManyAttempts(
                f"Too many wrong tokens from your address; try again in {math.ceil(left)} s."
            )


def wants_json(scope: Scope) -> bool:
    path = str(scope.get("path", ""))
    if path.startswith("/api/"):
        return True
    for key, value in scope.get("headers", []):
        if key == b"accept" and b"application/json" in value and b"text/html" not in value:
            return True
    return False


async def _send_simple(
    send: Send, status: int, body: bytes, content_type: str, extra: list[tuple[bytes, bytes]]
) -> None:
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers + extra})
    await send({"type": "http.response.body", "body": body})


class AuthGate:
    """Let a request through only when authentication is off or it is authenticated.

    A login session counts only while its id has not been revoked (logout revokes it,
    for every server sharing the store); wrong bearer tokens count as failed logins.
    """

    def __init__(
        self,
        app: ASGIApp,
        token: str | None,
        revocations: Revocations | None = None,
        throttle: LoginThrottle | None = None,
        behind_proxy: bool = False,
    ) -> None:
        self.app = app
        self.token = token
        self.revocations = revocations
        self.throttle = throttle or LoginThrottle()
        self.behind_proxy = behind_proxy

    def _bearer(self, scope: Scope) -> bool | None:
        """True for the right bearer token, False for a wrong one, None for none."""
        assert self.token is not None
        for key, value in scope.get("headers", []):
            if key == b"authorization":
                scheme, _, given = value.decode("latin-1").partition(" ")
                if scheme.lower() != "bearer":
                    return None
                return hmac.compare_digest(
                    given.strip().encode("latin-1"), self.token.encode("utf-8")
                )
        return None

    async def _logged_in(self, session: dict[str, Any]) -> bool:
        assert self.token is not None
        if not hmac.compare_digest(
            str(session.get("auth", "")).encode(), token_fingerprint(self.token).encode()
        ):
            return False
        if self.revocations is None:
            return True
        if self.revocations.stale():
            await run_in_threadpool(self.revocations.refresh)
        sid = session.get("sid")
        return isinstance(sid, str) and not self.revocations.is_revoked(sid)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.token:
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        session: dict[str, Any] = scope.get("session", {})
        bearer = self._bearer(scope)
        if bearer is not None:
            client = client_address(scope, self.behind_proxy)
            left = self.throttle.wait(client)
            if left > 0:
                body = json.dumps(
                    {"error": "TooManyAttempts", "message": "too many wrong tokens; wait"}
                ).encode()
                retry = [(b"retry-after", str(math.ceil(left)).encode())]
                await _send_simple(send, 429, body, "application/json", retry)
                return
            if bearer:
                self.throttle.succeeded(client)
                scope[BEARER] = True
                await self.app(scope, receive, send)
                return
            self.throttle.failed(client)
        if path.startswith(PUBLIC_PREFIXES) or await self._logged_in(session):
            await self.app(scope, receive, send)
            return
        if wants_json(scope):
            body = json.dumps(
                {
                    "error": "AuthenticationRequired",
                    "message": "log in, or send the token as 'Authorization: Bearer <token>'",
                }
            ).encode()
            await _send_simple(
                send, 401, body, "application/json", [(b"www-authenticate", b"Bearer")]
            )
            return
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + (f"?{query}" if query else "")
        location = f"/login?next={quote(target, safe='')}"
        await _send_simple(
            send, 303, b"", "text/plain", [(b"location", location.encode("latin-1"))]
        )


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with a clear 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def message(self) -> str:
        mb = self.limit / (1024 * 1024)
        return (
            f"The request is too large: the limit is {mb:g} MB. Case files are hand-written "
            "documents; a file this large is probably not a case file."
        )

    async def _refuse(self, scope: Scope, send: Send) -> None:
        if wants_json(scope):
            body = json.dumps({"error": "RequestTooLarge", "message": self.message()}).encode()
            await _send_simple(send, 413, body, "application/json", [])
        else:
            from leveltwo.web.pages import simple_error_page

            page = simple_error_page(413, "Too large", self.message())
            await _send_simple(send, 413, page.encode(), "text/html; charset=utf-8", [])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await self._refuse(scope, send)
                    return
        seen = 0
        started = False
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # answer now; whatever the app does after this is dropped
                    refused = True
                    if not started:
                        await self._refuse(scope, send)
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted, tracked)


class SecurityHeaders:
    """Add a strict Content-Security-Policy and related headers to every response."""

    HEADERS = (
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + list(self.HEADERS)
            await send(message)

        await self.app(scope, receive, with_headers)


async def csrf_protect(request: Request) -> None:
    """FastAPI dependency: a state-changing request must carry the session's CSRF token."""
    if request.method in SAFE_METHODS or request.scope.get(BEARER):
        return
    expected = request.session.get("csrf")
    sent = request.headers.get("x-csrf-token")
    if not sent:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form(max_fields=MAX_FORM_FIELDS)
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
    if (
        not expected
        or not sent
        or not hmac.compare_digest(
            str(expected).encode("utf-8", "surrogatepass"), sent.encode("utf-8", "surrogatepass")
        )
    ):
        raise CsrfError(
            "This form did not carry a valid security token (it may have expired, or come "
            "from another site). Nothing was changed. Reload the page and try again."
        )
