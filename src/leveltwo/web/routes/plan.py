"""The plan: ranked Level II moves, what-if toggles, what to avoid, what to find out.

The planner lives in ``leveltwo.strategies``; until it is part of the build
this page says so.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from leveltwo.web.features import module
from leveltwo.web.state import WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
PLANNER = "leveltwo.strategies"


@router.get("/cases/{case_id}/plan", response_class=HTMLResponse)
def plan_page(request: Request, state: State, case_id: int) -> Response:
    loaded = state.load(case_id)
    return state.templates.render(
        request,
        "plan.html",
        {
            "loaded": loaded,
            "case": loaded.case,
            "tab": "plan",
            "available": module(PLANNER) is not None,
        },
    )


@router.get("/api/cases/{case_id}/plan")
def plan_json(state: State, case_id: int) -> JSONResponse:
    state.load(case_id)
    return JSONResponse(
        {"error": "NotAvailable", "message": f"the planner ({PLANNER}) is not part of this build"},
        status_code=501,
    )
