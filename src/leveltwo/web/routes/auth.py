"""Logging in with the server's token (only when authentication is on)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from leveltwo.web.security import token_fingerprint
from leveltwo.web.session import new_csrf_token
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
    expected = state.settings.token
    if not expected:
        return RedirectResponse("/", status_code=303)
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        return state.templates.render(
            request,
            "login.html",
            {"next": _safe_next(next), "error": "That token is not right. Check it and try again."},
            status=401,
        )
    request.session["auth"] = token_fingerprint(expected)
    request.session["csrf"] = new_csrf_token()  # a fresh token once logged in
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.pop("auth", None)
    request.session["csrf"] = new_csrf_token()
    return RedirectResponse("/login", status_code=303)
