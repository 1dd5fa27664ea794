"""Revision history: every save, a diff of any two, and restoring an old one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from leveltwo import LeveltwoError
from leveltwo.narrative.answers import CaseAnswers, answer_changes, case_answers
from leveltwo.web.flash import flash
from leveltwo.web.saving import conflict_response, save_text
from leveltwo.web.state import WebState, state_of
from leveltwo.web.storage.repository import SaveConflict
from leveltwo.web.textmerge import diff_lines, unified_text

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]

#: Revisions whose answers the history computes (the newest ones).
ANSWERED = 12
_ANSWERS: dict[tuple[int, int, int], CaseAnswers | None] = {}


def answers_of(state: WebState, case_id: int, number: int) -> CaseAnswers | None:
    """The answers of one revision (None when it does not build); revisions never
    change, so they are kept per store, case and revision."""
    key = (id(state.repo), case_id, number)
    if key not in _ANSWERS:
        if len(_ANSWERS) > 512:
            _ANSWERS.clear()
        try:
            _ANSWERS[key] = case_answers(state.load(case_id, number).case)
        except LeveltwoError:
            _ANSWERS[key] = None
    return _ANSWERS[key]


@router.get("/cases/{case_id}/history", response_class=HTMLResponse)
def history(request: Request, state: State, case_id: int) -> Response:
    loaded = state.stored(case_id)
    revisions = state.repo.revisions(case_id)
    answers = {r.number: answers_of(state, case_id, r.number) for r in revisions[:ANSWERED]}
    return state.templates.render(
        request,
        "history.html",
        {"loaded": loaded, "tab": "history", "revisions": revisions, "answers": answers},
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
            "changes": _changes(state, case_id, a, b),
        },
    )


def _changes(state: WebState, case_id: int, a: int, b: int) -> tuple[str, ...] | None:
    old, new = answers_of(state, case_id, a), answers_of(state, case_id, b)
    return None if old is None or new is None else answer_changes(old, new)


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
        return conflict_response(request, state, exc, old.text)
    flash(request, f"Restored revision {number} as revision {rev.number}.", "success")
    return RedirectResponse(f"/cases/{case_id}/history", status_code=303)
