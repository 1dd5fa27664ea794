"""Revision history: every save, a diff of any two, and restoring an old one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from leveltwo.web.flash import flash
from leveltwo.web.saving import conflict_response, save_text
from leveltwo.web.state import WebState, state_of
from leveltwo.web.storage.repository import SaveConflict
from leveltwo.web.textmerge import diff_lines, unified_text

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]


@router.get("/cases/{case_id}/history", response_class=HTMLResponse)
def history(request: Request, state: State, case_id: int) -> Response:
    loaded = state.stored(case_id)
    revisions = state.repo.revisions(case_id)
    return state.templates.render(
        request,
        "history.html",
        {"loaded": loaded, "tab": "history", "revisions": revisions},
    )


@router.get("/cases/{case_id}/revisions/{number}", response_class=HTMLResponse)
def revision(request: Request, state: State, case_id: int, number: int) -> Response:
    loaded = state.stored(case_id)
    rev = state.repo.revision(case_id, number)
    return state.templates.render(
        request,
        "revision.html",
        {
            "loaded": loaded,
            "tab": "history",
            "rev": rev,
            "diff": diff_lines(rev.text, loaded.revision.text),
        },
    )


@router.get("/cases/{case_id}/diff", response_class=HTMLResponse)
def diff(request: Request, state: State, case_id: int, a: int, b: int) -> Response:
    loaded = state.stored(case_id)
    old, new = state.repo.revision(case_id, a), state.repo.revision(case_id, b)
    return state.templates.render(
        request,
        "diff.html",
        {
            "loaded": loaded,
            "tab": "history",
            "old": old,
            "new": new,
            "diff": diff_lines(old.text, new.text),
        },
    )


@router.get("/cases/{case_id}/diff.patch")
def diff_patch(state: State, case_id: int, a: int, b: int) -> PlainTextResponse:
    old, new = state.repo.revision(case_id, a), state.repo.revision(case_id, b)
    return PlainTextResponse(
        unified_text(old.text, new.text, f"revision-{a}.yaml", f"revision-{b}.yaml")
    )


@router.post("/cases/{case_id}/revisions/{number}/restore")
def restore_revision(
    request: Request,
    state: State,
    case_id: int,
    number: int,
    base_revision: Annotated[int, Form()],
) -> Response:
    """Make an old revision the latest again (as a new revision: history is kept)."""
    old = state.repo.revision(case_id, number)
    try:
        rev = save_text(state, case_id, old.text, base_revision, f"Restored revision {number}")
    except SaveConflict as exc:
        return conflict_response(request, state, exc, old.text, canonical=False)
    flash(request, f"Restored revision {number} as revision {rev.number}.", "success")
    return RedirectResponse(f"/cases/{case_id}/history", status_code=303)
