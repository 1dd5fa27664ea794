"""The app's routes, one module per concern."""

from fastapi import APIRouter

from leveltwo.web.routes import (
    analysis,
    auth,
    bargaining,
    cases,
    editor,
    export,
    plan,
    revisions,
    speech,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    cases.router,
    editor.router,
    revisions.router,
    analysis.router,
    plan.router,
    speech.router,
    bargaining.router,
    export.router,
]
