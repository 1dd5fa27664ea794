"""Analysis pages: the deal builder (with its what-if JSON endpoint), the
win-set chart and the party map. All figures come from the library."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from leveltwo import assess
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.diagnosis import diagnose
from leveltwo.engine.space import check_enumerable
from leveltwo.narrative import explain
from leveltwo.narrative.partymap import party_map as build_party_map
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.jobs import Job
from leveltwo.web.partymap import layout
from leveltwo.web.security import client_of
from leveltwo.web.state import Loaded, WebState, state_of
from leveltwo.web.winset import space_view

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
Threshold = Annotated[float, Query(ge=0.0, le=1.0)]


def deal_document(loaded: Loaded, choices: str | None, threshold: float) -> dict[str, Any]:
    """What ``leveltwo analyze --json`` prints for this deal, plus where the deal sits.

    The keys of the CLI's document (the assessment and ``diagnosis``) come
    unchanged from the library; ``choices``, ``index``, ``revision`` and
    ``explanation`` are added for the page, and ``excluded`` (for each issue and
    option, whether the case's linked options rule it out with the other terms as
    they are: the builder greys those out).
    """
    case = loaded.case
    deal = deal_param(case, choices)
    assessment = assess(case, deal)
    diagnosis = diagnose(case, deal, threshold)
    feasibility = Feasibility(case)
    doc: dict[str, Any] = {
        **assessment.to_json(),
        "broken_constraints": [c.describe() for c in feasibility.broken(deal)],
        "diagnosis": diagnosis.to_json(),
        "explanation": explain(diagnosis, case.us).to_json(),
        "excluded": [list(x) for x in feasibility.excluded_options(deal)],
        "money": None
        if case.money is None
        else {"currency": case.money.currency, "per_utility": case.money.per_utility},
    }
    doc["choices"] = choices_text(deal)
    doc["index"] = case.deal_index(deal)
    doc["revision"] = loaded.revision.number
    return doc


@router.get("/api/cases/{case_id}/assess")
def assess_json(
    state: State, case_id: int, choices: str | None = None, threshold: Threshold = 0.5
) -> JSONResponse:
    """The deal builder's what-if: every figure for one deal."""
    return JSONResponse(deal_document(state.load(case_id), choices, threshold))


@router.get("/cases/{case_id}/deal", response_class=HTMLResponse)
def deal_builder(
    request: Request, state: State, case_id: int, choices: str | None = None
) -> Response:
    loaded = state.load(case_id)
    doc = deal_document(loaded, choices, 0.5)
    return state.templates.render(
        request,
        "deal.html",
        {
            "loaded": loaded,
            "case": loaded.case,
            "tab": "deal",
            "doc": doc,
            "selected": [int(c) for c in doc["choices"].split(",")],
            "proposal": loaded.case.proposal,
        },
    )


@router.get("/cases/{case_id}/winsets", response_class=HTMLResponse)
def winsets_page(request: Request, state: State, case_id: int) -> Response:
    loaded = state.load(case_id)
    return state.templates.render(
        request,
        "winsets.html",
        {"loaded": loaded, "case": loaded.case, "tab": "winsets", "size": loaded.case.size},
    )


def _space_key(loaded: Loaded, threshold: float) -> tuple[object, ...]:
    return ("space", loaded.id, loaded.revision.number, round(threshold, 6))


def _space_response(loaded: Loaded, job: Job | None) -> JSONResponse:
    if job is None:
        return JSONResponse(
            {"status": "none", "message": "No analysis was started; POST to this address."},
            status_code=404,
        )
    status = job.to_json()
    if status["status"] == "error":
        job.raise_error()
    if status["status"] == "done":
        assert isinstance(job.result, dict)
        return JSONResponse({**status, **job.result, "revision": loaded.revision.number})
    return JSONResponse(status, status_code=202)


@router.post("/api/cases/{case_id}/space")
def start_space(
    request: Request, state: State, case_id: int, threshold: Threshold = 0.5
) -> JSONResponse:
    """Start the whole-space analysis for the chart (or find it running); poll with GET."""
    loaded = state.load(case_id)
    check_enumerable(loaded.case.size)  # refused at once, not after a queue
    evaluator = state.evaluator(loaded)

    def work(progress: Callable[[int, int], None]) -> object:
        return space_view(loaded.case, evaluator, threshold, progress)

    job = state.jobs.start(
        _space_key(loaded, threshold),
        loaded.case.size,
        work,
        client=client_of(request, state.settings.behind_proxy),
        case=case_id,
    )
    return _space_response(loaded, job)


@router.get("/api/cases/{case_id}/space")
def space_json(state: State, case_id: int, threshold: Threshold = 0.5) -> JSONResponse:
    """The whole-space analysis started by POST: 202 with progress until ``status`` is
    ``done``; 404 when none was started. A job no one polls stops after a while."""
    loaded = state.load(case_id)
    return _space_response(loaded, state.jobs.find(_space_key(loaded, threshold)))


@router.get("/cases/{case_id}/parties", response_class=HTMLResponse)
def party_map(request: Request, state: State, case_id: int, choices: str | None = None) -> Response:
    loaded = state.load(case_id)
    case = loaded.case
    deal = deal_param(case, choices)
    assessment = assess(case, deal)
    doc = assessment.to_json()
    return state.templates.render(
        request,
        "parties.html",
        {
            "loaded": loaded,
            "case": case,
            "tab": "parties",
            "doc": doc,
            "map": layout(build_party_map(case, assessment)),
            "choices": choices_text(deal),
            "is_proposal": case.proposal is not None and deal == case.proposal,
        },
    )
