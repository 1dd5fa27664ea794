"""Export: the case file (YAML as saved, or JSON) and the prep report."""

from __future__ import annotations

import json
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from leveltwo.io.report import render_report
from leveltwo.web.casedoc import load_data
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.routes.plan import toggled_plan
from leveltwo.web.state import WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]


def _filename(title: str, ext: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower() or "case"
    return f"{stem[:60]}.{ext}"


def _attachment(body: str, media_type: str, name: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/cases/{case_id}/export", response_class=HTMLResponse)
def export_page(
    request: Request, state: State, case_id: int, choices: str | None = None
) -> Response:
    loaded = state.load(case_id)
    deal = deal_param(loaded.case, choices)
    return state.templates.render(
        request,
        "export.html",
        {
            "loaded": loaded,
            "case": loaded.case,
            "tab": "export",
            "choices": choices_text(deal),
            "labels": loaded.case.deal_labels(deal),
        },
    )


@router.get("/cases/{case_id}/export/case.yaml")
def export_yaml(state: State, case_id: int) -> Response:
    stored = state.stored(case_id)
    return _attachment(
        stored.revision.text, "application/yaml", _filename(stored.summary.title, "yaml")
    )


@router.get("/cases/{case_id}/export/case.json")
def export_json(state: State, case_id: int) -> Response:
    loaded = state.load(case_id)
    body = json.dumps(load_data(loaded.revision.text), indent=2, ensure_ascii=False) + "\n"
    return _attachment(body, "application/json", _filename(loaded.case.title, "json"))


@router.get("/cases/{case_id}/export/report.html")
def export_report(
    state: State,
    case_id: int,
    choices: str | None = None,
    on: Annotated[list[str], Query()] = [],  # noqa: B006 (FastAPI copies defaults)
    toggled: bool = False,
) -> Response:
    """The prep report for the deal; with ``toggled``, the plan keeps only the moves ``on``."""
    loaded = state.load(case_id)
    deal = deal_param(loaded.case, choices)
    plan = toggled_plan(state, loaded, deal, on) if toggled else None
    html = render_report(loaded.case, deal, plan=plan)
    return _attachment(html, "text/html; charset=utf-8", _filename(loaded.case.title, "html"))
