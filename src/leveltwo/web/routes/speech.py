"""The victory speech: its ingredients and a draft, for the chosen deal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from leveltwo import Deal
from leveltwo.narrative import VictorySpeech, victory_speech
from leveltwo.narrative.document import Block
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.state import Loaded, WebState, state_of

router = APIRouter()
State = Annotated[WebState, Depends(state_of)]


def _speech_doc(
    state: WebState, case_id: int, choices: str | None, side: str | None
) -> tuple[Loaded, Deal, VictorySpeech]:
    loaded = state.load(case_id)
    deal = deal_param(loaded.case, choices)
    speech = victory_speech(
        loaded.case, deal, side if side in {s.id for s in loaded.case.sides} else None
    )
    return loaded, deal, speech


def plain_draft(blocks: Sequence[Block]) -> str:
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
            "doc": speech.to_json(),
            "blocks": speech.blocks,
            "plain": plain_draft(speech.blocks),
            "choices": choices_text(deal),
            "labels": loaded.case.deal_labels(deal),
        },
    )


@router.get("/api/cases/{case_id}/speech")
def speech_json(
    state: State, case_id: int, choices: str | None = None, side: str | None = None
) -> JSONResponse:
    _loaded, _deal, speech = _speech_doc(state, case_id, choices, side)
    return JSONResponse(speech.to_json())
