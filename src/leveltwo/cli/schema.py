"""``leveltwo schema``: the JSON Schema of case files, for editors and validators."""

from __future__ import annotations

import sys

import typer

from leveltwo.model.schema import case_json_schema_text


def schema() -> None:
    """Print the JSON Schema of case files.

    Generated from the case model.
    Save it and point your editor at it to validate and autocomplete case
    files, e.g. `leveltwo schema > leveltwo-case.schema.json`.
    """
    sys.stdout.write(case_json_schema_text())


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
