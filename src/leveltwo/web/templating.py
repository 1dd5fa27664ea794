"""Jinja2 templates and the formatting helpers every page shares.

Probabilities, utilities and money are printed by the filters of
:mod:`leveltwo.narrative.numbers` (the CLI's and the report's rules).

Numbers are shown rounded, but every figure that the tests compare with the
CLI also carries its exact value in a ``data-value`` attribute.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

import leveltwo
from leveltwo.narrative.numbers import jinja_filters


def short(x: object) -> str:
    """A parameter value for reading: floats to 3 decimals, other values as they are."""
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.3f}".rstrip("0").rstrip(".") if x != int(x) else f"{x:g}"
    return str(x)


def bar_width(p: object) -> str:
    """The width of a probability bar out of 100 (SVG geometry, not a printed figure)."""
    return str(round(100 * float(p), 2)) if isinstance(p, int | float) else "0"


def when(x: datetime | None) -> str:
    return "" if x is None else x.strftime("%Y-%m-%d %H:%M UTC")


def exact(x: object) -> str:
    """The exact value as JSON writes it (repr of a float), for data-value attributes."""
    return json.dumps(x)


def tojson_attr(x: object) -> Markup:
    """JSON for an HTML attribute (escaped by autoescape when used with |e)."""
    return Markup(json.dumps(x, ensure_ascii=False).replace("<", "\\u003c"))


def approval_class(p: object) -> str:
    """A colour band for a probability (paired with text, never colour alone)."""
    if not isinstance(p, int | float):
        return "band-none"
    if p >= 0.75:
        return "band-high"
    if p >= 0.5:
        return "band-mid"
    if p >= 0.25:
        return "band-low"
    return "band-poor"


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("leveltwo.web", "templates"),
        autoescape=select_autoescape(["html", "svg", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(jinja_filters())
    env.filters.update(
        short=short,
        bar_width=bar_width,
        when=when,
        exact=exact,
        tojson_attr=tojson_attr,
        band=approval_class,
    )
    env.globals["version"] = leveltwo.__version__
    return env


class Templates:
    """Render a page with the context every layout needs."""

    def __init__(
        self, auth_required: bool, title_of: Callable[[int], str | None] | None = None
    ) -> None:
        self.env = make_environment()
        self.auth_required = auth_required
        self.title_of = title_of  # for flash messages, which name cases by id

    def render(
        self, request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
    ) -> HTMLResponse:
        from leveltwo.web.flash import take

        ctx: dict[str, Any] = {
            "request": request,
            "flashes": take(request, self.title_of) if "session" in request.scope else [],
            "csrf_token": request.session.get("csrf", "") if "session" in request.scope else "",
            "auth_required": self.auth_required,
            "logged_in": bool(request.scope.get("session", {}).get("auth")),
        }
        ctx.update(context or {})
        html = self.env.get_template(name).render(ctx)
        return HTMLResponse(html, status_code=status)
