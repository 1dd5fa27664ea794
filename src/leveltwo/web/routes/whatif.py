"""Live what-ifs on assumptions: move a reservation, an uncertainty, a weight, a bloc's
share, a quota or a blocker's strength and see P, the diagnosis and the win-sets
change — without saving; then "save as a revision" or "reset".

``GET /api/cases/{id}/whatif?choices=...&a=KEY=VALUE&a=...`` answers one what-if
(:func:`leveltwo.model.assumptions.with_assumptions`, then the library's
assessment, diagnosis and whole-space analysis of the changed case); nothing
is stored. ``POST /cases/{id}/whatif/save`` saves the case explored as a new revision,
written into the stored text by the case writer (:func:`leveltwo.io.casewriter.write_case`):
only the changed numbers' lines change, comments and layout stay.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from leveltwo import Case, Deal, assess
from leveltwo.engine.diagnosis import diagnose
from leveltwo.engine.winsets import analyze_space
from leveltwo.errors import InputError, Problem
from leveltwo.io.casewriter import write_case
from leveltwo.model.assumptions import assumptions, with_assumptions
from leveltwo.narrative import explain
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.flash import flash
from leveltwo.web.saving import conflict_response, save_text
from leveltwo.web.state import WebState, state_of
from leveltwo.web.storage.repository import SaveConflict

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
Changes = Annotated[list[str] | None, Query(alias="a")]
#: Most assumption changes one request may carry.
MAX_CHANGES = 500


def parse_changes(raw: list[str] | None) -> dict[str, float]:
    """``["union.members.quota=0.6", ...]`` → ``{"union.members.quota": 0.6}``."""
    out: dict[str, float] = {}
    problems: list[Problem] = []
    for item in (raw or [])[:MAX_CHANGES]:
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            problems.append(Problem(f"assumptions.{key}", "KEY=NUMBER", repr(item)))
    if problems:
        raise InputError(problems)
    return out


def whatif_document(case: Case, deal: Deal, changes: dict[str, float]) -> dict[str, Any]:
    """Every answer for the case with ``changes``: the assessment, the diagnosis in words,
    and the win-sets (sizes, agreement zone, best deal)."""
    started = time.perf_counter()
    changed = with_assumptions(case, changes)
    a = assess(changed, deal)
    d = diagnose(changed, deal)
    space = analyze_space(changed)
    return {
        **a.to_json(),
        "diagnosis": d.to_json(),
        "explanation": explain(d, case.us).to_json(),
        "space": {
            "outcomes": space.outcomes,
            "winsets": [{"name": s.name, "size": s.winset_size} for s in space.sides],
            "agreement_zone_size": space.agreement_zone_size,
            "max_success_probability": space.max_success_probability,
            "best_deal": space.best_deal.to_json(),
        },
        "changes": changes,
        "choices": choices_text(deal),
        "elapsed_ms": round(1000 * (time.perf_counter() - started), 1),
    }


@router.get("/api/cases/{case_id}/whatif")
def whatif_json(
    state: State, case_id: int, choices: str | None = None, a: Changes = None
) -> JSONResponse:
    loaded = state.load(case_id)
    deal = deal_param(loaded.case, choices)
    doc = whatif_document(loaded.case, deal, parse_changes(a))
    doc["revision"] = loaded.revision.number
    return JSONResponse(doc)


@router.get("/cases/{case_id}/whatif", response_class=HTMLResponse)
def whatif_page(
    request: Request, state: State, case_id: int, choices: str | None = None
) -> Response:
    loaded = state.load(case_id)
    case = loaded.case
    deal = deal_param(case, choices)
    doc = whatif_document(case, deal, {})
    groups: list[tuple[str, str, list[dict[str, object]]]] = []
    for x in assumptions(case):
        head = next(s.name for s in case.sides if s.id == x.side)
        name = x.label.split(":", 1)[0]
        if not groups or groups[-1][1] != name:
            groups.append((head, name, []))
        groups[-1][2].append(x.to_json())
    return state.templates.render(
        request,
        "whatif.html",
        {
            "loaded": loaded,
            "case": case,
            "tab": "whatif",
            "doc": doc,
            "groups": groups,
            "choices": choices_text(deal),
        },
    )


@router.post("/cases/{case_id}/whatif/save")
async def save_whatif(request: Request, state: State, case_id: int) -> Response:
    """Save the what-if's assumptions as a new revision of the case."""
    form = await request.form(max_fields=MAX_CHANGES + 10)
    try:
        base = int(str(form.get("base_revision") or ""))
    except ValueError:
        raise InputError([Problem("base_revision", "a revision number", "nothing")]) from None
    changes = parse_changes([str(v) for v in form.getlist("a")])
    loaded = await run_in_threadpool(state.load, case_id, base)
    case = loaded.case
    explored = with_assumptions(case, changes)
    text = await run_in_threadpool(write_case, explored, loaded.revision.text)
    names = {x.key: x.label for x in assumptions(case)}
    said = "; ".join(f"{names[k]} {v:g}" for k, v in changes.items())
    message = f"What-if saved: {said}" if said else "What-if saved (no change)"
    try:
        saved = await run_in_threadpool(save_text, state, case_id, text, base, message[:500])
    except SaveConflict as exc:
        return conflict_response(request, state, exc, text)
    flash(request, f"Saved the what-if as revision {saved.number}.", "success")
    back = f"/cases/{case_id}/whatif"
    choices = str(form.get("choices") or "")
    return RedirectResponse(back + (f"?choices={choices}" if choices else ""), status_code=303)
