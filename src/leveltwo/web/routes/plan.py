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
from dataclasses import dataclass
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from leveltwo import Deal, DealError, Problem
from leveltwo.io.casewriter import write_case
from leveltwo.io.charts import tornado
from leveltwo.strategies import Plan, steps_for
from leveltwo.strategies import plan as make_plan
from leveltwo.strategies.adopt import adopted
from leveltwo.strategies.planner import applied
from leveltwo.strategies.robustness import robustness
from leveltwo.strategies.whatif import what_if
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.flash import flash
from leveltwo.web.saving import conflict_response, save_text
from leveltwo.web.security import MAX_FORM_FIELDS, client_of
from leveltwo.web.state import Loaded, WebState, state_of
from leveltwo.web.storage.repository import SaveConflict

#: Monte Carlo draws of the plan page's robustness check (the CLI's default is 200).
WEB_DRAWS = 50

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
            made = make_plan(loaded.case, deal)
            tested = robustness(loaded.case, made, deal, draws=WEB_DRAWS)
            doc = tested.to_json()
            rows = cast("list[dict[str, object]]", doc["tornado"])
            return Planned(made, doc, tornado(rows, tested.net_value))

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
        job.raise_error()
    done = cast("Planned | None", job.result if status["status"] == "done" else None)
    return status, None if done is None else done.plan


def _tested(state: WebState, loaded: Loaded, deal: Deal) -> Planned | None:
    """The finished job's plan with its robustness check (None while it runs)."""
    job = state.jobs.find(_plan_key(loaded, deal))
    if job is None or job.to_json()["status"] != "done":
        return None
    return cast("Planned", job.result)


@dataclass(frozen=True)
class Planned:
    """What the planning job computes: the plan, its robustness check and tornado chart."""

    plan: Plan
    robustness: dict[str, object]
    tornado: str


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
    # a plan that adds an option gives a deal the case cannot name yet: adopt it instead
    needs_adoption = final.case.shape != loaded.case.shape
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
        "final_choices": "" if needs_adoption else choices_text(final.deal),
        "needs_adoption": needs_adoption,
        "steps": [s.to_json() for s in steps],
    }
    return doc


def toggled_plan(state: WebState, loaded: Loaded, deal: Deal, on: Sequence[str]) -> Plan:
    """The plan with only the moves in ``on`` (for the report), computed if needed."""
    _status, ready = _plan_job(state, loaded, deal)
    plan = ready if ready is not None else make_plan(loaded.case, deal)  # in the report's job
    unknown = sorted(set(on) - {m.key for m in plan.chosen})
    if unknown:
        raise DealError([Problem("on", "the key of a move of this plan", repr(unknown[0]))])
    return what_if(plan, loaded.case, without=[m.key for m in plan.chosen if m.key not in on])


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
        tested = _tested(state, loaded, deal)
        context.update(
            robustness=None if tested is None else tested.robustness,
            tornado=None if tested is None else tested.tornado,
        )
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


def adoption_message(plan: Plan, on: Sequence[str]) -> str:
    """The revision message naming the plan adopted (its moves, in rank order)."""
    titles = [s.title for s in plan.moves if s.key in set(on)]
    head = f"Adopted the Level II plan ({len(titles)} of {len(plan.moves)} moves)"
    return head + (": " + "; ".join(titles) if titles else "")


@router.post("/cases/{case_id}/plan/adopt")
async def adopt_plan(request: Request, state: State, case_id: int) -> Response:
    """Save the case with the plan's moves (those switched on) made and its deal as the
    proposal, as a new revision; then open its deal builder."""
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    try:
        base = int(str(form.get("base_revision") or ""))
    except ValueError:
        raise DealError([Problem("base_revision", "a revision number", "nothing")]) from None
    loaded = await run_in_threadpool(state.load, case_id, base)
    deal = deal_param(loaded.case, str(form.get("choices") or "") or None)
    _status, ready = _plan_job(state, loaded, deal)
    plan = ready if ready is not None else await run_in_threadpool(make_plan, loaded.case, deal)
    toggled = str(form.get("toggled") or "") == "true"
    on = [str(k) for k in form.getlist("on")] if toggled else list(plan.move_keys)
    unknown = sorted(set(on) - set(plan.move_keys))
    if unknown:
        raise DealError([Problem("on", "the key of a move of this plan", repr(unknown[0]))])
    moves = tuple(m for m in plan.chosen if m.key in set(on))
    case = adopted(loaded.case, moves, deal)
    text = await run_in_threadpool(write_case, case, loaded.revision.text)
    try:
        saved = await run_in_threadpool(
            save_text, state, case_id, text, base, adoption_message(plan, on)
        )
    except SaveConflict as exc:
        return conflict_response(request, state, exc, text)
    flash(
        request,
        f"The plan is adopted (revision {saved.number}): its changes are in the case and its "
        "deal is the proposal.",
        "success",
    )
    return RedirectResponse(f"/cases/{case_id}/deal", status_code=303)
