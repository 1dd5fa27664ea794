"""The plan: ranked Level II moves with before/after numbers and rationale; toggle
moves on and off to see their combined effect (what-if); what to avoid; what to
find out.

The planner is :mod:`leveltwo.strategies`. Planning runs in the background, started
by the page's POST (:mod:`leveltwo.web.jobs`); the page shows progress until the plan
is ready. Every figure is the planner's (the
engine's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from leveltwo import Deal, DealError, LeveltwoError, Problem
from leveltwo.strategies import Plan, steps_for
from leveltwo.strategies import plan as make_plan
from leveltwo.strategies.planner import applied
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.security import client_of
from leveltwo.web.state import Loaded, WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
Keys = Annotated[list[str], Query()]


def _plan_key(loaded: Loaded, deal: Deal) -> tuple[object, ...]:
    return ("plan", loaded.id, loaded.revision.number, choices_text(deal))


def _plan_job(
    state: WebState, loaded: Loaded, deal: Deal, request: Request | None = None
) -> tuple[dict[str, object], Plan | None]:
    """The planning job's status, and the plan when done; with ``request`` (a POST), the
    job is started if it is not there yet. Status ``none``: no job was started."""
    key = _plan_key(loaded, deal)
    if request is None:
        job = state.jobs.find(key)
    else:

        def work(progress: Callable[[int, int], None]) -> object:
            progress(0, 1)  # a job abandoned while it waited stops here
            return make_plan(loaded.case, deal)

        job = state.jobs.start(
            key,
            1,
            work,
            client=client_of(request, state.settings.behind_proxy),
            case=loaded.id,
        )
    if job is None:
        return {"status": "none", "done": 0, "total": 1, "error": None}, None
    status = job.to_json()
    if status["status"] == "error":
        raise LeveltwoError(str(status["error"]))
    return status, cast("Plan | None", job.result if status["status"] == "done" else None)


def combined(loaded: Loaded, deal: Deal, plan: Plan, on: Sequence[str] | None) -> dict[str, Any]:
    """The effect of the plan's moves that are switched on, applied in the plan's order.

    ``on`` None means every move of the plan.
    """
    chosen = [m for m in plan.chosen if on is None or m.key in set(on)]
    unknown = sorted(set(on or ()) - {m.key for m in plan.chosen})
    if unknown:
        raise DealError([Problem("on", "the key of a move of this plan", repr(unknown[0]))])
    steps = steps_for(loaded.case, chosen, deal) if chosen else ()
    final = applied(loaded.case, tuple(chosen), deal)
    doc: dict[str, Any] = {
        "on": [m.key for m in chosen],
        "success_probability_before": plan.success_probability_before,
        "expected_value_before": plan.expected_value_before,
        "net_value_before": plan.net_value_before,
        "success_probability_after": (
            steps[-1].success_probability_after if steps else plan.success_probability_before
        ),
        "expected_value_after": (
            steps[-1].expected_value_after if steps else plan.expected_value_before
        ),
        "net_value_after": steps[-1].net_value_after if steps else plan.net_value_before,
        "cost": sum(s.cost for s in steps),
        "final_deal": final.case.deal_labels(final.deal),
        "final_choices": choices_text(final.deal),
        "steps": [s.to_json() for s in steps],
    }
    return doc


def toggled_plan(state: WebState, loaded: Loaded, deal: Deal, on: Sequence[str]) -> dict[str, Any]:
    """The plan's JSON with only the moves in ``on`` (for the report), computed if needed."""
    _status, ready = _plan_job(state, loaded, deal)
    plan = ready if ready is not None else make_plan(loaded.case, deal)  # in the report's job
    effect = combined(loaded, deal, plan, on)
    doc: dict[str, Any] = plan.to_json()
    doc.update(
        moves=effect["steps"],
        final_deal=effect["final_deal"],
        success_probability_after=effect["success_probability_after"],
        expected_value_after=effect["expected_value_after"],
        net_value_after=effect["net_value_after"],
        cost=effect["cost"],
    )
    return doc


@router.get("/cases/{case_id}/plan", response_class=HTMLResponse)
def plan_page(
    request: Request,
    state: State,
    case_id: int,
    choices: str | None = None,
    on: Keys = [],  # noqa: B006 (FastAPI copies defaults)
    toggled: bool = False,
) -> Response:
    loaded = state.load(case_id)
    deal = deal_param(loaded.case, choices)
    _status, plan = _plan_job(state, loaded, deal)
    context: dict[str, Any] = {
        "loaded": loaded,
        "case": loaded.case,
        "tab": "plan",
        "ready": plan is not None,
        "choices": choices_text(deal),
        "labels": loaded.case.deal_labels(deal),
    }
    if plan is not None:
        effect = combined(loaded, deal, plan, on if toggled else None)
        context.update(plan=plan.to_json(), effect=effect, on=set(effect["on"]))
    return state.templates.render(request, "plan.html", context)


def _when_planned(
    state: WebState,
    case_id: int,
    choices: str | None,
    respond: Callable[[Loaded, Deal, Plan], dict[str, Any]],
    request: Request | None = None,
) -> JSONResponse:
    """``respond``'s document once the deal's plan is ready; until then 202 with progress
    (404 when no planning was started: POST to start it)."""
    loaded = state.load(case_id)
    deal = deal_param(loaded.case, choices)
    status, plan = _plan_job(state, loaded, deal, request)
    if status["status"] == "none":
        return JSONResponse(
            {
                **status,
                "message": "No plan was started for this deal; POST to /api/cases/"
                f"{case_id}/plan to start it.",
            },
            status_code=404,
        )
    if plan is None:
        return JSONResponse(status, status_code=202)
    return JSONResponse(respond(loaded, deal, plan))


def _plan_document(loaded: Loaded, deal: Deal, plan: Plan) -> dict[str, Any]:
    return {**plan.to_json(), "choices": choices_text(deal), "revision": loaded.revision.number}


@router.post("/api/cases/{case_id}/plan")
def start_plan(
    request: Request, state: State, case_id: int, choices: str | None = None
) -> JSONResponse:
    """Start planning for the deal (or find it running); then poll with GET."""
    return _when_planned(state, case_id, choices, _plan_document, request)


@router.get("/api/cases/{case_id}/plan")
def plan_json(state: State, case_id: int, choices: str | None = None) -> JSONResponse:
    """The plan (``Plan.to_json()``); 202 with progress while it is being computed."""
    return _when_planned(state, case_id, choices, _plan_document)


@router.get("/api/cases/{case_id}/plan/whatif")
def plan_whatif(
    state: State,
    case_id: int,
    choices: str | None = None,
    on: Keys = [],  # noqa: B006
) -> JSONResponse:
    """The combined effect of the moves in ``on`` (by key), applied in the plan's order."""
    return _when_planned(
        state, case_id, choices, lambda loaded, deal, plan: combined(loaded, deal, plan, on)
    )
