"""The case editor: forms for every part of the case, and a YAML view.

Every save names the revision it started from (``base_revision``); the
form also carries the document it was drawn from (``draft``), so adding a
constituency and then fixing a field is one continuous edit.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from leveltwo import CaseError, Problem, case_from_text, validate_text
from leveltwo.io.casewriter import write_case
from leveltwo.io.checked import check_text, text_warnings
from leveltwo.web.casedoc import dump_yaml, load_data
from leveltwo.web.deals import deal_param
from leveltwo.web.editor import apply_action, apply_form, build_form, place_problems
from leveltwo.web.flash import flash
from leveltwo.web.saving import conflict_response, save_text
from leveltwo.web.security import MAX_FORM_FIELDS
from leveltwo.web.state import WebState, state_of
from leveltwo.web.storage.faults import StoreError
from leveltwo.web.storage.repository import SaveConflict

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]


def _int(form: FormData, name: str) -> int:
    raw = form.get(name)
    try:
        return int(str(raw))
    except ValueError:
        raise CaseError([Problem(name, "a revision number", repr(raw))]) from None


def _render_form(
    request: Request,
    state: WebState,
    case_id: int,
    data: dict[str, Any],
    base: int,
    problems: list[Problem],
    status: int = 200,
) -> Response:
    loaded = state.stored(case_id)
    form = build_form(data)
    # in the form, a problem reads without the line of a YAML text the user never saw
    place_problems(form, [replace(p, line=None, column=None) for p in problems])
    if not problems:
        try:
            warnings = text_warnings(dump_yaml(data))
        except CaseError as exc:  # a stored text that no longer builds: show why, to fix it
            place_problems(form, [replace(p, line=None, column=None) for p in exc.problems])
        else:
            place_problems(
                form, [replace(p, line=None, column=None) for p in warnings], warnings=True
            )
    return state.templates.render(
        request,
        "editor.html",
        {
            "loaded": loaded,
            "tab": "edit",
            "form": form,
            "base": base,
            "draft": dump_yaml(data),
            "stale": base != loaded.summary.head,
        },
        status=status,
    )


@router.get("/cases/{case_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, state: State, case_id: int) -> Response:
    head = state.repo.head(case_id)
    return _render_form(request, state, case_id, load_data(head.text), head.number, [])


@router.post("/cases/{case_id}/edit")
async def save_form(request: Request, state: State, case_id: int) -> Response:
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    base = _int(form, "base_revision")
    draft = form.get("draft")
    source = draft if isinstance(draft, str) and draft.strip() else None
    if source is None:
        source = (await run_in_threadpool(state.repo.revision, case_id, base)).text
    start = await run_in_threadpool(load_data, source)  # parsing is off the event loop
    if not isinstance(start, dict):
        raise CaseError([Problem("draft", "the case being edited", "something else")])
    posted = {k: v for k, v in form.items() if isinstance(v, str)}
    applied = apply_form(start, posted)
    data = applied.data
    action = str(form.get("action") or "")
    did = apply_action(data, action) if action and action != "save" else None
    text = dump_yaml(data)
    problems = await run_in_threadpool(validate_text, text)
    if did is not None:
        # a structural change re-draws the form; it is saved with the next save
        if problems:
            return _render_form(request, state, case_id, data, base, problems, 422)
        return _render_form(request, state, case_id, data, base, [])
    if problems:
        return _render_form(request, state, case_id, data, base, problems, 422)
    changed = list(applied.changed)
    base_text = (await run_in_threadpool(state.repo.revision, case_id, base)).text
    # written into the stored text: its comments and layout stay, only edited fields change
    text = await run_in_threadpool(lambda: write_case(case_from_text(text, "your edit"), base_text))
    if await run_in_threadpool(lambda: load_data(source) != load_data(base_text)):
        changed.insert(0, "added or removed parts")
    message = "Edited in the form: " + "; ".join(changed[:3]) if changed else "Saved the form"
    if len(changed) > 3:
        message += f" and {len(changed) - 3} more"
    try:
        rev = await run_in_threadpool(save_text, state, case_id, text, base, message[:300])
    except SaveConflict as exc:
        return conflict_response(request, state, exc, text)
    flash(request, f"Saved as revision {rev.number}.", "success")
    return RedirectResponse(f"/cases/{case_id}/edit", status_code=303)


@router.get("/cases/{case_id}/yaml", response_class=HTMLResponse)
def yaml_view(request: Request, state: State, case_id: int) -> Response:
    loaded = state.stored(case_id)
    try:
        warnings = text_warnings(loaded.revision.text)
        problems: list[Problem] = []
    except CaseError as exc:  # a stored text that no longer reads: show why, to fix it here
        warnings, problems = [], list(exc.problems)
    return state.templates.render(
        request,
        "yaml.html",
        {
            "loaded": loaded,
            "tab": "yaml",
            "text": loaded.revision.text,
            "base": loaded.revision.number,
            "problems": problems,
            "warnings": warnings,
            "checked": False,
        },
    )


def _kept(
    request: Request,
    state: WebState,
    loaded: Any,
    text: str,
    base: int,
    note: str,
    exc: StoreError,
) -> Response:
    """The YAML editor again, with the unsaved text and the storage fault named."""
    return state.templates.render(
        request,
        "yaml.html",
        {
            "loaded": loaded,
            "tab": "yaml",
            "text": text,
            "base": base,
            "problems": [],
            "checked": False,
            "store_error": exc.message,
            "message": note,
        },
        status=exc.http_status,
    )


@router.post("/cases/{case_id}/yaml")
async def save_yaml(request: Request, state: State, case_id: int) -> Response:
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    base = _int(form, "base_revision")
    text = str(form.get("text") or "").replace("\r\n", "\n")
    note = str(form.get("message") or "").strip()
    action = str(form.get("action") or "save")
    problems, warnings = await run_in_threadpool(check_text, text, "your edit")
    try:
        loaded: Any = await run_in_threadpool(state.stored, case_id)
    except StoreError as exc:  # the store cannot even be read: still keep the text
        stub = SimpleNamespace(head=base, title=f"Case {case_id}")
        return _kept(
            request, state, SimpleNamespace(id=case_id, summary=stub), text, base, note, exc
        )
    if problems or action == "check":
        return state.templates.render(
            request,
            "yaml.html",
            {
                "loaded": loaded,
                "tab": "yaml",
                "text": text,
                "base": base,
                "problems": problems,
                "warnings": warnings,
                "checked": True,
            },
            status=422 if problems else 200,
        )
    try:
        rev = await run_in_threadpool(
            save_text, state, case_id, text, base, (note or "Edited the YAML")[:300]
        )
    except SaveConflict as exc:
        return conflict_response(request, state, exc, text)
    except StoreError as exc:  # locked, full, read-only: the text stays in the editor
        return _kept(request, state, loaded, text, base, note, exc)
    flash(request, f"Saved as revision {rev.number}.", "success")
    return RedirectResponse(f"/cases/{case_id}/yaml", status_code=303)


class SaveRequest(BaseModel):
    text: str
    base: int
    message: str = ""


@router.get("/api/cases/{case_id}")
def case_json(state: State, case_id: int) -> JSONResponse:
    head = state.repo.head(case_id)
    summary = state.repo.get(case_id)
    return JSONResponse(
        {"id": case_id, "title": summary.title, "revision": head.number, "text": head.text}
    )


@router.put("/api/cases/{case_id}")
def save_json(state: State, case_id: int, body: SaveRequest) -> JSONResponse:
    """Save a new revision over ``base`` (409 with the latest when the case moved on)."""
    try:
        rev = save_text(state, case_id, body.text, body.base, body.message or "Saved via the API")
    except SaveConflict as exc:
        latest = state.repo.head(case_id)
        out = exc.to_json()
        out.update({"base": exc.base, "head": exc.head, "latest_text": latest.text})
        return JSONResponse(out, status_code=409)
    return JSONResponse({"id": case_id, "revision": rev.number, "message": rev.message})


@router.post("/cases/{case_id}/proposal")
async def set_proposal(request: Request, state: State, case_id: int) -> Response:
    """Make a deal (``choices``) the case's proposal, as a new revision."""
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    base = _int(form, "base_revision")
    rev = await run_in_threadpool(state.repo.revision, case_id, base)
    case = (await run_in_threadpool(state.load, case_id, base)).case
    deal = deal_param(case, str(form.get("choices") or "") or None)
    text = await run_in_threadpool(write_case, replace(case, proposal=deal), rev.text)
    back = str(form.get("next") or f"/cases/{case_id}/deal")
    try:
        saved = await run_in_threadpool(
            save_text, state, case_id, text, base, "Made the deal the proposal on the table"
        )
    except SaveConflict as exc:
        return conflict_response(request, state, exc, text)
    flash(request, f"This deal is now the proposal (revision {saved.number}).", "success")
    target = back if back.startswith("/cases/") else f"/cases/{case_id}/deal"
    return RedirectResponse(target, status_code=303)
