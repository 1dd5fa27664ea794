"""The one place where errors become responses.

A :class:`~leveltwo.errors.LeveltwoError` becomes its ``http_status`` with its
message (and located problems); anything unexpected becomes a generic 500 page.
No response ever carries a stack trace.
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from leveltwo.errors import CaseError, InputError, LeveltwoError
from leveltwo.web.security import wants_json
from leveltwo.web.state import state_of

log = logging.getLogger("leveltwo.web")
STORED_CASE = re.compile(r"^/cases/(\d+)(/|$)")

TITLES = {
    400: "That did not work",
    401: "Please log in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Someone else saved first",
    413: "Too large",
    422: "Check the input",
    500: "Something went wrong",
}


def _page(
    request: Request, status: int, message: str, problems: list[str], fix_url: str | None = None
) -> Response:
    if wants_json(request.scope):
        body: dict[str, object] = {"error": TITLES.get(status, "Error"), "message": message}
        if problems:
            body["problems"] = problems
        return JSONResponse(body, status_code=status)
    state = state_of(request)
    return state.templates.render(
        request,
        "error.html",
        {
            "status": status,
            "title": TITLES.get(status, "Error"),
            "message": message,
            "problems": problems,
            "fix_url": fix_url,
        },
        status=status,
    )


async def leveltwo_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LeveltwoError)
    if wants_json(request.scope):
        return JSONResponse(exc.to_json(), status_code=exc.http_status)
    problems = [p.message() for p in exc.problems] if isinstance(exc, InputError) else []
    message = exc.message.split("\n")[0] if problems else exc.message
    fix_url = None
    stored = STORED_CASE.match(request.url.path)
    if isinstance(exc, CaseError) and stored and exc.source and exc.source.startswith("case "):
        # a saved revision no longer builds (say, the format grew stricter): offer the fix
        fix_url = f"/cases/{stored.group(1)}/yaml"
    return _page(request, exc.http_status, message, problems, fix_url)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {
        404: "There is nothing at this address.",
        405: "This address does not accept that kind of request.",
    }
    message = messages.get(exc.status_code, str(exc.detail))
    return _page(request, exc.status_code, message, [])


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query"))
        problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return _page(request, 422, "The request was not understood.", problems)


async def unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _page(
        request,
        500,
        "Something went wrong on our side. Nothing you saved was lost. The details are in "
        "the server log.",
        [],
    )


def register(app: FastAPI) -> None:
    app.add_exception_handler(LeveltwoError, leveltwo_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected_error)
