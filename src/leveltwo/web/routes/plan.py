"""The plan: ranked Level II moves with before/after numbers and rationale; toggle
moves on and off to see their combined effect (what-if); what to avoid; what to
find out.

The planner is :mod:`leveltwo.strategies` (when it is not part of the build,
the page says so). Planning runs in the background; the page shows progress
until the plan is ready. Every figure is the planner's (the engine's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from leveltwo import Deal, LeveltwoError
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.features import module
from leveltwo.web.state import Loaded, WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
PLANNER = "leveltwo.strategies"
Keys = Annotated[list[str], Query()]


def _plan_job(state: WebState, loaded: Loaded, deal: Deal) -> dict[str, Any]:
    """Start (or find) the planning job: its status, and the plan when done."""
    strategies = module(PLANNER)
    assert strategies is not None
    key = ("plan", loaded.id, loaded.revision.number, choices_text(deal))

    def work(_progress: Callable[[int, int], None]) -> object:
        return strategies.plan(loaded.case, deal)

    job = state.jobs.get_or_start(key, 1, work)
    status = job.to_json()
    if status["status"] == "error":
        raise LeveltwoError(str(status["error"]))
    return {"status": status, "plan": job.result if status["status"] == "done" else None}


def combined(loaded: Loaded, deal: Deal, plan: Any, on: Sequence[str] | None) -> dict[str, Any]:
    """The effect of the plan's moves that are switched on, applied in the plan's order.

    ``on`` None means every move of the plan.
    """
    strategies = module(PLANNER)
    assert strategies is not None
    chosen = [m for m in plan.chosen if on is None or m.key in set(on)]
    unknown = sorted(set(on or ()) - {m.key for m in plan.chosen})
    if unknown:
        from leveltwo import DealError, Problem

        raise DealError([Problem("on", "the key of a move of this plan", repr(unknown[0]))])
    steps = strategies.steps_for(loaded.case, chosen, deal) if chosen else ()
    from leveltwo.strategies.planner import applied

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
    strategies = module(PLANNER)
    assert strategies is not None
    job = _plan_job(state, loaded, deal)
    plan = job["plan"] if job["plan"] is not None else strategies.plan(loaded.case, deal)
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
    context: dict[str, Any] = {"loaded": loaded, "case": loaded.case, "tab": "plan"}
    if module(PLANNER) is None:
        return state.templates.render(request, "plan.html", {**context, "available": False})
    deal = deal_param(loaded.case, choices)
    job = _plan_job(state, loaded, deal)
    plan = job["plan"]
    context.update(
        available=True,
        ready=plan is not None,
        choices=choices_text(deal),
        labels=loaded.case.deal_labels(deal),
    )
    if plan is not None:
        doc = plan.to_json()
        effect = combined(loaded, deal, plan, on if toggled else None)
        context.update(plan=doc, effect=effect, on=set(effect["on"]))
    return state.templates.render(request, "plan.html", context)


@router.get("/api/cases/{case_id}/plan")
def plan_json(state: State, case_id: int, choices: str | None = None) -> JSONResponse:
    """The plan (``Plan.to_json()``); 202 with progress while it is being computed."""
    loaded = state.load(case_id)
    if module(PLANNER) is None:
        return JSONResponse(
            {"error": "NotAvailable", "message": f"the planner ({PLANNER}) is not in this build"},
            status_code=501,
        )
    deal = deal_param(loaded.case, choices)
    job = _plan_job(state, loaded, deal)
    if job["plan"] is None:
        return JSONResponse(job["status"], status_code=202)
    return JSONResponse(
        {**job["plan"].to_json(), "choices": choices_text(deal), "revision": loaded.revision.number}
    )


@router.get("/api/cases/{case_id}/plan/whatif")
def plan_whatif(
    state: State,
    case_id: int,
    choices: str | None = None,
    on: Keys = [],  # noqa: B006
) -> JSONResponse:
    """The combined effect of the moves in ``on`` (by key), applied in the plan's order."""
    loaded = state.load(case_id)
    if module(PLANNER) is None:
        return JSONResponse(
            {"error": "NotAvailable", "message": f"the planner ({PLANNER}) is not in this build"},
            status_code=501,
        )
    deal = deal_param(loaded.case, choices)
    job = _plan_job(state, loaded, deal)
    if job["plan"] is None:
        return JSONResponse(job["status"], status_code=202)
    return JSONResponse(combined(loaded, deal, job["plan"], on))
