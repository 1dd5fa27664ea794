"""One-shot messages shown on the next page (kept in the signed session).

A message names a case by its id, never by its title: the session cookie stays small
whatever the user called the case, and the title shown is the current one, looked up
when the page is drawn (``{title}`` in the text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from starlette.requests import Request

Kind = Literal["info", "success", "warning"]
#: Longest title a message shows (longer ones are cut with an ellipsis).
TITLE_CHARS = 80


def flash(
    request: Request,
    text: str,
    kind: Kind = "info",
    undo: str | None = None,
    case: int | None = None,
) -> None:
    """Queue a message; ``undo`` is a POST URL offered as an Undo button; ``{title}`` in
    ``text`` becomes the title of case ``case`` when the message is shown."""
    items = list(request.session.get("flash", []))
    items.append({"text": text, "kind": kind, "undo": undo, "case": case})
    request.session["flash"] = items[-3:]


def take(
    request: Request, title_of: Callable[[int], str | None] | None = None
) -> list[dict[str, str | None]]:
    items = request.session.pop("flash", [])
    out: list[dict[str, str | None]] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        text = str(item.get("text", ""))
        case = item.get("case")
        if "{title}" in text:
            title = title_of(case) if title_of is not None and isinstance(case, int) else None
            title = title or "the case"
            if len(title) > TITLE_CHARS:
                title = title[: TITLE_CHARS - 1] + "…"
            text = text.replace("{title}", title)
        undo = item.get("undo")
        out.append(
            {
                "text": text,
                "kind": str(item.get("kind", "info")),
                "undo": undo if isinstance(undo, str) else None,
            }
        )
    return out
