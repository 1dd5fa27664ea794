"""The app factory: one FastAPI app per :class:`~leveltwo.web.settings.Settings`.

Creating the app migrates the store (and loads the examples on a first run);
the routes live in :mod:`leveltwo.web.routes`, one module per concern.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import Depends, FastAPI
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.staticfiles import StaticFiles

import leveltwo
from leveltwo.web import handlers
from leveltwo.web.routes import ROUTERS
from leveltwo.web.security import AuthGate, BodyLimit, SecurityHeaders, csrf_protect
from leveltwo.web.session import SessionMiddleware, Signer
from leveltwo.web.settings import Settings
from leveltwo.web.state import WebState


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the web app (raises InsecureBindError for an unsafe configuration)."""
    settings = settings or Settings()
    state = WebState(settings)
    state.start()

    middleware = [Middleware(SecurityHeaders)]
    names = settings.host_names()
    if names is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(names)))
    middleware += [
        Middleware(BodyLimit, limit=settings.max_body_bytes),
        Middleware(
            SessionMiddleware,
            signer=Signer(state.session_secret()),
            behind_proxy=settings.behind_proxy,
        ),
        Middleware(
            AuthGate,
            token=settings.token,
            revocations=state.revocations,
            throttle=state.throttle,
            behind_proxy=settings.behind_proxy,
        ),
    ]

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.jobs.shutdown()
        state.db.dispose()

    app = FastAPI(
        title="leveltwo",
        version=leveltwo.__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        middleware=middleware,
        dependencies=[Depends(csrf_protect)],
        lifespan=lifespan,
    )
    app.state.leveltwo = state
    handlers.register(app)
    static = resources.files("leveltwo.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app
