"""One-shot messages shown on the next page (kept in the signed session)."""

from __future__ import annotations

from typing import Literal

from starlette.requests import Request

Kind = Literal["info", "success", "warning"]


def flash(request: Request, text: str, kind: Kind = "info", undo: str | None = None) -> None:
    """Queue a message; ``undo`` is a POST URL offered as an Undo button."""
    items = list(request.session.get("flash", []))
    items.append({"text": text, "kind": kind, "undo": undo})
    request.session["flash"] = items[-3:]


def take(request: Request) -> list[dict[str, str | None]]:
    items = request.session.pop("flash", [])
    return list(items) if isinstance(items, list) else []
