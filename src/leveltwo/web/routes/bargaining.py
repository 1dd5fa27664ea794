"""The Bargaining page: the equilibrium of alternating offers with ratification, the
one-shot and Nash deals beside it, and the tied-hands leverage chart. All figures
come from the library (the same as ``leveltwo bargain --json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from leveltwo.engine.bargaining import bargain
from leveltwo.engine.leverage import leverage
from leveltwo.io.leveragechart import leverage_chart
from leveltwo.web.state import Loaded, WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]


def bargaining_document(loaded: Loaded, first: str | None) -> tuple[dict[str, Any], str]:
    """What ``leveltwo bargain --json`` prints, and the leverage chart (SVG)."""
    case = loaded.case
    result = bargain(case, first)
    rows = leverage(case, result.equilibria[0].first_proposer)
    doc = result.to_json()
    doc["leverage"] = [r.to_json() for r in rows]
    return doc, leverage_chart(rows)


@router.get("/cases/{case_id}/bargaining", response_class=HTMLResponse)
def bargaining_page(
    request: Request, state: State, case_id: int, first: str | None = None
) -> Response:
    loaded = state.load(case_id)
    case = loaded.case
    context: dict[str, Any] = {"loaded": loaded, "case": case, "tab": "bargaining"}
    if case.bargaining is not None:
        asked = first if first in {"both", *(s.id for s in case.sides)} else "both"
        doc, chart = bargaining_document(loaded, asked)
        context.update(doc=doc, chart=Markup(chart), first=asked)
    return state.templates.render(request, "bargaining.html", context)


@router.get("/api/cases/{case_id}/bargaining")
def bargaining_json(state: State, case_id: int, first: str | None = None) -> JSONResponse:
    doc, _ = bargaining_document(state.load(case_id), first)
    return JSONResponse(doc)
