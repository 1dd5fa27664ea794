"""``leveltwo serve``: start the web app.

The app listens on 127.0.0.1:8000 by default and keeps its cases in SQLite in
the user's data directory (``--db URL`` takes any SQLAlchemy URL). Listening
on any other address needs a token: ``--token``, ``LEVELTWO_TOKEN``, or one
generated and printed at start. A token must be at least 16 characters with about
64 bits of entropy (no spaces); a weak one is refused at start-up.
"""

from __future__ import annotations

import secrets
import socket
from typing import Annotated

import typer

from leveltwo.cli.render import console, text
from leveltwo.errors import LeveltwoError

HostOpt = Annotated[
    str,
    typer.Option(
        "--host",
        metavar="HOST",
        help="Address to listen on. Anything but a loopback address (127.0.0.1, ::1, "
        "localhost) requires a token.",
    ),
]
PortOpt = Annotated[int, typer.Option("--port", min=1, max=65535, metavar="PORT")]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL (e.g. postgresql+psycopg://user@host/leveltwo). "
        "Default: SQLite in your data directory.",
        show_default=False,
    ),
]
TokenOpt = Annotated[
    str | None,
    typer.Option(
        "--token",
        metavar="TOKEN",
        help="Access token for logging in (also read from LEVELTWO_TOKEN). Given on "
        "loopback, it switches authentication on there too. At least 16 characters and "
        "about 64 bits of entropy, without spaces; a weaker one is refused.",
        show_default=False,
    ),
]


ProxyOpt = Annotated[
    bool,
    typer.Option(
        "--behind-proxy",
        help="Run behind a reverse proxy that terminates HTTPS: trust its X-Forwarded-For "
        "and X-Forwarded-Proto headers (client addresses for rate limits; Secure cookies). "
        "Only use it when the proxy is the only way in.",
    ),
]


class ServeError(LeveltwoError):
    """The web app cannot start (missing extra, port in use)."""


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as exc:
            raise ServeError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}. "
                "Is leveltwo (or something else) already running there? Try --port."
            ) from None


def serve(
    host: HostOpt = "127.0.0.1",
    port: PortOpt = 8000,
    db: DbOpt = None,
    token: TokenOpt = None,
    behind_proxy: ProxyOpt = False,
) -> None:
    """Start the web app (default http://127.0.0.1:8000).

    Creates the database on first run and loads the bundled cases as examples.
    Stop it with Ctrl+C.
    """
    try:
        import uvicorn
        from sqlalchemy.engine import make_url

        from leveltwo.web import Settings, create_app
        from leveltwo.web.settings import is_loopback
        from leveltwo.web.storage.database import default_db_url
    except ImportError as exc:
        raise ServeError(
            f"the web app needs the 'web' extra ({exc.name} is missing): "
            "pip install 'leveltwo[web]'"
        ) from None
    out = console()
    token = token or Settings.token_from_env()
    generated = False
    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(24)
        generated = True
    settings = Settings(host=host, port=port, db_url=db, token=token, behind_proxy=behind_proxy)
    settings.check()
    _check_port(host, port)
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    out.print(text(f"leveltwo is running at http://{shown}:{port}/", "bold"))
    store = make_url(db or default_db_url()).render_as_string(hide_password=True)
    out.print(text(f"  cases are stored in {store}"))
    if token:
        if generated:
            out.print(text(f"  access token (generated): {token}", "bold"))
        out.print(text("  log in with the token; API calls: 'Authorization: Bearer <token>'"))
    out.print(text("  press Ctrl+C to stop"))
    if behind_proxy:
        out.print(text("  behind a proxy: trusting its X-Forwarded-For and X-Forwarded-Proto"))
    uvicorn.run(
        app,
        host=host.strip("[]"),
        port=port,
        log_level="warning",
        proxy_headers=behind_proxy,
        forwarded_allow_ips="*" if behind_proxy else None,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
