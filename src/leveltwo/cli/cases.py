"""``leveltwo cases``: the cases bundled with leveltwo, usable by name."""

from __future__ import annotations

import typer

from leveltwo.cli.options import JsonOpt
from leveltwo.cli.render import console, emit_json, table, text
from leveltwo.io.bundled import bundled_cases


def cases(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List the bundled cases.

    Each with its name, title and a one-line summary.
    A bundled case's name works wherever a case path does, e.g.
    `leveltwo analyze labour-contract`.
    """
    found = bundled_cases()
    if json_output:
        emit_json(ctx, [c.to_json() for c in found])
        return
    t = table("Name", "Title", "Summary")
    for c in found:
        t.add_row(text(c.name, "bold"), text(c.title), text(c.summary))
    out = console()
    out.print(t)
    out.print()
    out.print(text("Try: leveltwo analyze <name>   or   leveltwo winsets <name>"))


def register(app: typer.Typer) -> None:
    app.command("cases")(cases)
