"""A minimal error page that needs no templates (for failures below the app)."""

from __future__ import annotations

from html import escape


def simple_error_page(status: int, title: str, message: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{status} {escape(title)} · leveltwo</title>"
        "<link rel='stylesheet' href='/static/app.css'></head><body>"
        "<main class='page narrow'><h1>"
        f"{escape(title)}</h1><p class='lead'>{escape(message)}</p>"
        "<p><a href='/'>Back to your cases</a></p></main></body></html>"
    )
