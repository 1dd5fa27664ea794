"""A signed session cookie (HMAC-SHA256 over a small JSON payload).

The session holds the per-session CSRF token and, when authentication is on,
the fact that this browser logged in and the id of that login (revoked on logout,
:class:`Revocations`). The cookie is ``HttpOnly``, ``SameSite=Lax``, and ``Secure``
when the browser came over HTTPS (behind a proxy: ``X-Forwarded-Proto: https``).
It is signed, not encrypted: it holds no secret. Installed as a pure ASGI
middleware, it exposes the session as
``request.session``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE_NAME = "leveltwo_session"
MAX_AGE = 14 * 24 * 3600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Sign and verify session payloads with one secret key."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def _mac(self, body: str) -> str:
        return _b64(hmac.new(self.secret, body.encode("ascii"), hashlib.sha256).digest())

    def dumps(self, payload: dict[str, Any]) -> str:
        body = _b64(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        return f"{body}.{self._mac(body)}"

    def loads(self, value: str, max_age: int = MAX_AGE) -> dict[str, Any] | None:
        body, _, mac = value.partition(".")
        if not body or not hmac.compare_digest(mac, self._mac(body)):
            return None
        try:
            payload = json.loads(_unb64(body))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(payload, dict):
            return None
        issued = payload.get("iat")
        if not isinstance(issued, int | float) or time.time() - issued > max_age:
            return None
        return payload


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def new_session_id() -> str:
    return secrets.token_urlsafe(18)


class Revocations:
    """Ids of login sessions ended by logout, kept in the store (``load``/``save``) so a
    logged-out cookie stays refused after a restart and on every server sharing the store.

    Checked in memory; re-read from the store every :attr:`refresh_seconds`.
    """

    def __init__(
        self,
        load: Callable[[], set[str]],
        save: Callable[[str], None],
        refresh_seconds: float = 5.0,
    ) -> None:
        self._load, self._save = load, save
        self.refresh_seconds = refresh_seconds
        self._ids: set[str] = set()
        self._at = float("-inf")
        self._lock = threading.Lock()

    def stale(self) -> bool:
        return time.monotonic() - self._at > self.refresh_seconds

    def refresh(self) -> None:
        ids = self._load()
        with self._lock:
            self._ids |= ids
            self._at = time.monotonic()

    def revoke(self, sid: str) -> None:
        with self._lock:
            self._ids.add(sid)
        self._save(sid)

    def is_revoked(self, sid: str) -> bool:
        with self._lock:
            return sid in self._ids


class SessionMiddleware:
    """Load the session from its cookie; write the cookie back when it changed."""

    def __init__(self, app: ASGIApp, signer: Signer, behind_proxy: bool = False) -> None:
        self.app = app
        self.signer = signer
        self.behind_proxy = behind_proxy

    def _secure(self, scope: Scope) -> bool:
        """Whether the browser reached us over HTTPS (directly, or through the proxy)."""
        if scope.get("scheme") == "https":
            return True
        if self.behind_proxy:
            for key, value in scope.get("headers", []):
                if key == b"x-forwarded-proto":
                    proto = bytes(value).decode("latin-1").split(",")[0].strip().lower()
                    return proto == "https"
        return False

    def _read(self, scope: Scope) -> dict[str, Any] | None:
        for key, value in scope.get("headers", []):
            if key == b"cookie":
                jar: SimpleCookie = SimpleCookie()
                try:
                    jar.load(value.decode("latin-1"))
                except Exception:  # a malformed Cookie header is just no session
                    return None
                if COOKIE_NAME in jar:
                    return self.signer.loads(jar[COOKIE_NAME].value)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loaded = self._read(scope)
        session: dict[str, Any] = dict(loaded or {})
        if not isinstance(session.get("csrf"), str):
            session["csrf"] = new_csrf_token()
            session["iat"] = int(time.time())
        scope["session"] = session
        before = None if loaded is None else json.dumps(loaded, sort_keys=True)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                now = json.dumps(scope["session"], sort_keys=True)
                if now != before:
                    data = dict(scope["session"])
                    data.setdefault("iat", int(time.time()))
                    cookie = (
                        f"{COOKIE_NAME}={self.signer.dumps(data)}; Path=/; Max-Age={MAX_AGE}; "
                        "HttpOnly; SameSite=Lax"
                    )
                    if self._secure(scope):
                        cookie += "; Secure"
                    MutableHeaders(scope=message).append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)
