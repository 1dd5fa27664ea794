"""Logging in with the server's token (only when authentication is on)."""

from __future__ import annotations

import hmac
import math
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from leveltwo.web.security import client_of, token_fingerprint
from leveltwo.web.session import new_csrf_token, new_session_id
from leveltwo.web.state import WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]


def _safe_next(target: str) -> str:
    """Only same-site paths: never redirect to another site after login."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, state: State, next: str = "/") -> Response:
    if not state.settings.auth_required:
        return RedirectResponse("/", status_code=303)
    return state.templates.render(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    state: State,
    token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Log in with the token: compared in constant time, wrong attempts throttled per
    client with a growing wait (:class:`~leveltwo.web.security.LoginThrottle`)."""
    expected = state.settings.token
    if not expected:
        return RedirectResponse("/", status_code=303)
    client = client_of(request, state.settings.behind_proxy)
    left = state.throttle.wait(client)
    if left > 0:
        response = state.templates.render(
            request,
            "login.html",
            {
                "next": _safe_next(next),
                "error": f"Too many wrong tokens from your address; try again in "
                f"{math.ceil(left)} s.",
            },
            status=429,
        )
        response.headers["Retry-After"] = str(math.ceil(left))
        return response
    given = token.strip().encode("utf-8", "surrogatepass")
    if not hmac.compare_digest(given, expected.encode("utf-8")):
        state.throttle.failed(client)
        return state.templates.render(
            request,
            "login.html",
            {"next": _safe_next(next), "error": "That token is not right. Check it and try again."},
            status=401,
        )
    state.throttle.succeeded(client)
    request.session["auth"] = token_fingerprint(expected)
    request.session["sid"] = new_session_id()  # revoked server-side on logout
    request.session["csrf"] = new_csrf_token()  # a fresh token once logged in
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, state: State) -> Response:
    """Log out: the session's id is revoked in the store, so a copy of the cookie is
    refused too, on every server that shares the store."""
    sid = request.session.pop("sid", None)
    if isinstance(sid, str):
        state.revocations.revoke(sid)
    request.session.pop("auth", None)
    request.session["csrf"] = new_csrf_token()
    return RedirectResponse("/login", status_code=303)
