"""The victory speech: its ingredients and a draft, for the chosen deal."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from leveltwo import Deal
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.features import attribute
from leveltwo.web.state import Loaded, WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]
SPEECH = ("leveltwo.narrative", "victory_speech")


def _speech_doc(
    state: WebState, case_id: int, choices: str | None, side: str | None
) -> tuple[Loaded, Deal, Any]:
    loaded = state.load(case_id)
    deal = deal_param(loaded.case, choices)
    make = attribute(*SPEECH)
    if not callable(make):
        return loaded, deal, None
    speech = make(loaded.case, deal, side if side in {s.id for s in loaded.case.sides} else None)
    return loaded, deal, speech


def plain_draft(blocks: Any) -> str:
    """The draft as plain text for pasting into an email or a document."""
    parts = []
    for b in blocks:
        if b.kind == "bullets":
            parts.append("\n".join("• " + "".join(r.text for r in item) for item in b.items))
        else:
            parts.append("".join(r.text for r in b.runs))
    return "\n\n".join(parts) + "\n"


@router.get("/cases/{case_id}/speech", response_class=HTMLResponse)
def speech_page(
    request: Request,
    state: State,
    case_id: int,
    choices: str | None = None,
    side: str | None = None,
) -> Response:
    loaded, deal, speech = _speech_doc(state, case_id, choices, side)
    return state.templates.render(
        request,
        "speech.html",
        {
            "loaded": loaded,
            "case": loaded.case,
            "tab": "speech",
            "available": speech is not None,
            "doc": speech.to_json() if speech is not None else None,
            "blocks": speech.blocks if speech is not None else (),
            "plain": plain_draft(speech.blocks) if speech is not None else "",
            "choices": choices_text(deal),
            "labels": loaded.case.deal_labels(deal),
        },
    )


@router.get("/api/cases/{case_id}/speech")
def speech_json(
    state: State, case_id: int, choices: str | None = None, side: str | None = None
) -> JSONResponse:
    _loaded, _deal, speech = _speech_doc(state, case_id, choices, side)
    if speech is None:
        return JSONResponse(
            {"error": "NotAvailable", "message": "the victory speech is not part of this build"},
            status_code=501,
        )
    return JSONResponse(speech.to_json())
