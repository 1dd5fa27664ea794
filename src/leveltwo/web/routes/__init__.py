"""The app's routes, one module per concern."""

from fastapi import APIRouter

from leveltwo.web.routes import (
    analysis,
    auth,
    bargaining,
    cases,
    compare,
    editor,
    export,
    guided,
    plan,
    revisions,
    speech,
    whatif,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    cases.router,
    guided.router,
    editor.router,
    revisions.router,
    analysis.router,
    plan.router,
    compare.router,
    whatif.router,
    speech.router,
    bargaining.router,
    export.router,
]
