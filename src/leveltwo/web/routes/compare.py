"""Deals side by side: two to four deals, by shorthand or from the deal builder.

``/cases/{id}/compare?d=proposal&d=best&d=choices:2,0,1`` — each ``d`` is a
shorthand of :data:`leveltwo.narrative.comparison.SHORTHANDS`, ``choices:``
followed by the deal builder's option indices, or ``ISSUE=OPTION`` terms. The
rows come from :func:`leveltwo.engine.compare.compare_deals`; the page only
draws them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from leveltwo import Case, Deal
from leveltwo.engine.compare import DealComparison, compare_deals
from leveltwo.errors import DealError, InputError, Problem
from leveltwo.narrative.comparison import NAMES, SHORTHANDS, named_deal
from leveltwo.web.deals import deal_param
from leveltwo.web.state import WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
Specs = Annotated[list[str] | None, Query(alias="d")]

#: What the page compares when nothing is asked for.
DEFAULT_SPECS = ("proposal", "best", "plan")
CHOICES = "choices:"


def _defaults(case: Case) -> list[str]:
    return [s for s in DEFAULT_SPECS if s != "proposal" or case.proposal is not None] + (
        ["opening"] if case.proposal is None else []
    )


def comparison(case: Case, specs: list[str]) -> DealComparison:
    """The comparison the page shows (every problem of every spec reported at once)."""
    deals: list[tuple[str, Deal]] = []
    cases: list[Case | None] = []
    problems: list[Problem] = []
    builder = 0
    for spec in specs:
        try:
            if spec.startswith(CHOICES):
                builder += 1
                deals.append((f"Builder deal {builder}", deal_param(case, spec[len(CHOICES) :])))
                cases.append(None)
            else:
                name, deal, own = named_deal(case, spec)
                deals.append((name, deal))
                cases.append(own)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DealError(problems)
    return compare_deals(case, deals, cases)


@router.get("/cases/{case_id}/compare", response_class=HTMLResponse)
def compare_page(request: Request, state: State, case_id: int, d: Specs = None) -> Response:
    loaded = state.load(case_id)
    specs = [s for s in (d or []) if s.strip()] or _defaults(loaded.case)
    result = comparison(loaded.case, specs)
    return state.templates.render(
        request,
        "compare.html",
        {
            "loaded": loaded,
            "case": loaded.case,
            "tab": "compare",
            "result": result,
            "specs": specs,
            "shorthands": SHORTHANDS,
            "names": NAMES,
        },
    )


@router.get("/api/cases/{case_id}/compare")
def compare_json(state: State, case_id: int, d: Specs = None) -> JSONResponse:
    """What ``leveltwo compare --json`` prints, for the same deals."""
    loaded = state.load(case_id)
    specs = [s for s in (d or []) if s.strip()] or _defaults(loaded.case)
    return JSONResponse(comparison(loaded.case, specs).to_json())
