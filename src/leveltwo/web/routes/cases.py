"""The case list: open, create (from a bundled case or from scratch), import,
duplicate, delete to the trash and restore."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

import leveltwo
from leveltwo import CaseError, Problem, assess, bundled_cases, case_from_text
from leveltwo.io.bundled import bundled_path
from leveltwo.io.casewriter import write_case
from leveltwo.web.deals import choices_text
from leveltwo.web.flash import flash
from leveltwo.web.state import WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]


def blank_text() -> str:
    return (resources.files("leveltwo.web") / "templates" / "cases" / "blank.yaml").read_text(
        encoding="utf-8"
    )


@router.get("/api/health")
async def health() -> dict[str, str]:  # on the event loop: never waits for a worker
    return {"status": "ok", "version": leveltwo.__version__}


@router.get("/", response_class=HTMLResponse)
def case_list(request: Request, state: State) -> Response:
    return state.templates.render(
        request,
        "case_list.html",
        {
            "cases": state.repo.list_cases(),
            "trash_count": len(state.repo.list_cases(deleted=True)),
            "templates": bundled_cases(),
        },
    )


@router.get("/api/cases")
def case_list_json(state: State) -> JSONResponse:
    return JSONResponse(
        [
            {"id": c.id, "title": c.title, "head": c.head, "updated_at": c.updated_at.isoformat()}
            for c in state.repo.list_cases()
        ]
    )


@router.get("/trash", response_class=HTMLResponse)
def trash(request: Request, state: State) -> Response:
    return state.templates.render(
        request, "trash.html", {"cases": state.repo.list_cases(deleted=True)}
    )


@router.post("/cases")
def create_case(
    request: Request,
    state: State,
    template: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
) -> Response:
    """Create from a bundled case (``template``) or from scratch (``template`` empty)."""
    if template:
        path = bundled_path(template)
        if path is None:
            raise CaseError(
                [
                    Problem(
                        "template",
                        f"a bundled case {[b.name for b in bundled_cases()]}",
                        repr(template),
                    )
                ]
            )
        text, origin = path.read_text(encoding="utf-8"), f"template: {template}"
        message = f"Created from the bundled case “{template}”"
    else:
        text, origin, message = blank_text(), "blank", "Created from scratch"
    case = case_from_text(text, "new case")
    if title.strip():
        case = replace(case, title=title.strip())
        text = write_case(case, text)  # the title's line rewritten, the rest as written
    summary = state.repo.create(text, case.title, origin=origin, message=message)
    flash(request, "Created “{title}”.", "success", case=summary.id)
    return RedirectResponse(f"/cases/{summary.id}", status_code=303)


@router.post("/cases/import")
async def import_case(
    request: Request, state: State, file: Annotated[UploadFile, File()]
) -> Response:
    name = file.filename or "upload"
    raw = await file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseError(
            [Problem("", "a UTF-8 text file (YAML or JSON)", "binary or non-UTF-8 data")], name
        ) from None
    # raises CaseError with every located problem; parsing is off the event loop
    case = await run_in_threadpool(case_from_text, text, name)
    yaml_text = await run_in_threadpool(write_case, case, text)  # YAML as written; JSON as YAML
    summary = await run_in_threadpool(
        partial(
            state.repo.create,
            yaml_text,
            case.title,
            origin=f"import: {name}",
            message=f"Imported {name}",
        )
    )
    flash(request, "Imported “{title}”.", "success", case=summary.id)
    return RedirectResponse(f"/cases/{summary.id}", status_code=303)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def overview(request: Request, state: State, case_id: int) -> Response:
    loaded = state.load(case_id)
    case = loaded.case
    deal = case.default_deal()
    result = assess(case, deal)
    return state.templates.render(
        request,
        "overview.html",
        {
            "loaded": loaded,
            "case": case,
            "tab": "overview",
            "assessment": result.to_json(),
            "deal_is_proposal": case.proposal is not None,
            "choices": choices_text(deal),
        },
    )


@router.post("/cases/{case_id}/duplicate")
def duplicate(request: Request, state: State, case_id: int) -> Response:
    loaded = state.load(case_id)  # the latest revision, built (and cached) once
    title = f"{loaded.summary.title} (copy)"
    text = write_case(replace(loaded.case, title=title), loaded.revision.text)
    copy = state.repo.duplicate(case_id, text, title)
    flash(request, "Made a copy: “{title}”.", "success", case=copy.id)
    return RedirectResponse(f"/cases/{copy.id}", status_code=303)


@router.get("/cases/{case_id}/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, state: State, case_id: int) -> Response:
    loaded = state.stored(case_id)
    return state.templates.render(request, "confirm_delete.html", {"loaded": loaded, "tab": ""})


@router.post("/cases/{case_id}/delete")
def delete(request: Request, state: State, case_id: int) -> Response:
    summary = state.repo.delete(case_id)
    flash(
        request,
        "Moved “{title}” to the trash.",
        "info",
        undo=f"/cases/{case_id}/restore",
        case=summary.id,
    )
    return RedirectResponse("/", status_code=303)


@router.post("/cases/{case_id}/restore")
def restore(request: Request, state: State, case_id: int) -> Response:
    summary = state.repo.restore(case_id)
    flash(request, "Restored “{title}” from the trash.", "success", case=summary.id)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
