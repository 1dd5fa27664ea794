"""A signed session cookie (HMAC-SHA256 over a small JSON payload).

The session holds the per-session CSRF token and, when authentication is on,
the fact that this browser logged in. It is signed, not encrypted: it holds no
secret. Installed as a pure ASGI middleware, it exposes the session as
``request.session``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
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


class SessionMiddleware:
    """Load the session from its cookie; write the cookie back when it changed."""

    def __init__(self, app: ASGIApp, signer: Signer) -> None:
        self.app = app
        self.signer = signer

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
                    MutableHeaders(scope=message).append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)
