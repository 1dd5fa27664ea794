"""Export: the case file (YAML as saved, or JSON) and the prep report."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from leveltwo.engine.space import check_enumerable
from leveltwo.engine.winsets import analyze_space
from leveltwo.io.report import render_report
from leveltwo.web.casedoc import load_data
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.routes.plan import toggled_plan
from leveltwo.web.security import client_of
from leveltwo.web.state import WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
#: The ratification threshold of the report's win-set section.
REPORT_THRESHOLD = 0.5
#: How often a waiting download checks on its job (and that its browser is still there).
POLL_SECONDS = 0.1


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


@router.post("/cases/{case_id}/export/report.html")
async def export_report(request: Request, state: State, case_id: int) -> Response:
    """The prep report for the deal (form fields ``choices``, and with ``toggled`` the plan
    keeps only the moves ``on``), built as a background job (:mod:`leveltwo.web.jobs`)
    while this request waits; a download abandoned by the browser stops it."""
    form = await request.form()
    choices = form.get("choices")
    on = [v for v in form.getlist("on") if isinstance(v, str)]
    toggled = form.get("toggled") in {"true", "1", "on"}
    loaded = await run_in_threadpool(state.load, case_id)
    deal = deal_param(loaded.case, choices if isinstance(choices, str) and choices else None)
    check_enumerable(loaded.case.size, "the report's win-set section")

    def work(progress: Callable[[int, int], None]) -> object:
        analysis = analyze_space(loaded.case, REPORT_THRESHOLD, progress=progress)
        plan = toggled_plan(state, loaded, deal, on) if toggled else None
        return render_report(
            loaded.case, deal, threshold=REPORT_THRESHOLD, analysis=analysis, plan=plan
        )

    key = ("report", case_id, loaded.revision.number, choices_text(deal), toggled, tuple(on))
    job = state.jobs.start(
        key,
        loaded.case.size,
        work,
        client=client_of(request, state.settings.behind_proxy),
        case=case_id,
    )
    while True:
        status = job.to_json()
        if status["status"] == "error":
            job.raise_error()
        if status["status"] == "done":
            break
        if await request.is_disconnected():
            job.cancel("the download was abandoned")
            return Response(status_code=204)
        job.touch()
        await asyncio.sleep(POLL_SECONDS)
    assert isinstance(job.result, str)
    return _attachment(job.result, "text/html; charset=utf-8", _filename(loaded.case.title, "html"))
