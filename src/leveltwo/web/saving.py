"""Saving a case text as a new revision, and what to show when the save is refused.

Invalid text is never saved (the problems come back, located); a save whose
base revision is no longer the latest is refused with a conflict view that
keeps the user's text and offers a merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from leveltwo import CaseError, case_from_text
from leveltwo.web.state import WebState
from leveltwo.web.storage import RevisionInfo
from leveltwo.web.storage.repository import SaveConflict
from leveltwo.web.textmerge import Diff, diff_lines, merge3


def save_text(state: WebState, case_id: int, text: str, base: int, message: str) -> RevisionInfo:
    """Validate and save; raises CaseError (problems) or SaveConflict (nothing saved)."""
    case = case_from_text(text, "your edit")
    return state.repo.save(case_id, text, case.title, base=base, message=message)


@dataclass(frozen=True)
class Conflict:
    mine: str
    latest: RevisionInfo
    merged: str | None
    theirs_diff: Diff  # base → latest: what the other person changed
    mine_diff: Diff  # base → mine: what this user changed


def conflict_for(state: WebState, exc: SaveConflict, mine: str) -> Conflict:
    """The conflict: the user's text, the latest revision, and a merge when possible.

    Every save writes into the stored text with the case writer (the layout kept),
    so the texts are merged as written.
    """
    base = state.repo.revision(exc.case_id, exc.base).text
    latest = state.repo.revision(exc.case_id, exc.head)
    theirs = latest.text
    merged = merge3(base, mine, theirs)
    if merged is not None:
        try:
            case_from_text(merged, "merge")
        except CaseError:
            merged = None
    return Conflict(mine, latest, merged, diff_lines(base, theirs), diff_lines(base, mine))


def conflict_response(request: Request, state: WebState, exc: SaveConflict, mine: str) -> Response:
    c = conflict_for(state, exc, mine)
    loaded = state.stored(exc.case_id)
    return state.templates.render(
        request,
        "conflict.html",
        {
            "loaded": loaded,
            "tab": "yaml",
            "message": exc.message,
            "conflict": c,
            "theirs_diff": c.theirs_diff,
            "mine_diff": c.mine_diff,
            "proposed": c.merged if c.merged is not None else c.mine,
            "base": exc.base,
        },
        status=409,
    )
