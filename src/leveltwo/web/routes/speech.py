"""The victory speech: its ingredients and a draft, for the chosen deal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from leveltwo import Deal
from leveltwo.errors import InputError, Problem
from leveltwo.narrative import VictorySpeech, victory_speech
from leveltwo.narrative.document import Block
from leveltwo.web.deals import choices_text, deal_param
from leveltwo.web.flash import flash
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
    edited = saved_draft(state, case_id, speech.side)
    return state.templates.render(
        request,
        "speech.html",
        {
            "edited": edited,
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


#: Longest edited draft kept (characters).
MAX_DRAFT = 50_000


def _draft_key(case_id: int, side: str) -> str:
    return f"speech-draft:{case_id}:{side}"


def saved_draft(state: WebState, case_id: int, side: str) -> dict[str, object] | None:
    """The user's edited draft for this case and side ({text, revision}), if any."""
    raw = state.repo.setting(_draft_key(case_id, side))
    if not raw:
        return None
    try:
        doc = json.loads(raw)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


@router.post("/cases/{case_id}/speech/draft")
async def save_draft(request: Request, state: State, case_id: int) -> Response:
    """Keep the user's edit of the draft with the case (per side); empty text discards it."""
    form = await request.form(max_fields=10)
    loaded = state.load(case_id)
    side = str(form.get("side") or "")
    if side not in {s.id for s in loaded.case.sides}:
        raise InputError([Problem("side", "a side of the case", repr(side))])
    text = str(form.get("text") or "").replace("\r\n", "\n")
    if len(text) > MAX_DRAFT:
        raise InputError([Problem("text", f"at most {MAX_DRAFT:,} characters", f"{len(text):,}")])
    key = _draft_key(case_id, side)
    if form.get("discard") or not text.strip():
        state.repo.set_setting(key, "")
        flash(request, "Your edit of the draft was discarded.", "success")
    else:
        doc = {"text": text, "revision": loaded.revision.number}
        state.repo.set_setting(key, json.dumps(doc, ensure_ascii=False))
        flash(request, "Your edit of the draft is kept with the case.", "success")
    choices = str(form.get("choices") or "")
    query = f"?side={side}" + (f"&choices={choices}" if choices else "")
    return RedirectResponse(f"/cases/{case_id}/speech{query}", status_code=303)


@router.get("/api/cases/{case_id}/speech")
def speech_json(
    state: State, case_id: int, choices: str | None = None, side: str | None = None
) -> JSONResponse:
    _loaded, _deal, speech = _speech_doc(state, case_id, choices, side)
    return JSONResponse(speech.to_json())
