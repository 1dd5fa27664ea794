"""The ``leveltwo`` command: a typer app assembled from one module per command group.

Adding a command
----------------
Write ``src/leveltwo/cli/<group>.py`` with the command function(s) and a
``register`` function, e.g.::

    # src/leveltwo/cli/plan.py
    def plan(ctx: typer.Context, case: CaseArg, json_output: JsonOpt = False) -> None:
        \"\"\"One-line summary shown in `leveltwo --help`.

        Longer help shown in `leveltwo plan --help` and in docs/cli.md.
        \"\"\"
        ...  # call the library; print with leveltwo.cli.render (emit_json for --json)

    def register(app: typer.Typer) -> None:
        app.command("plan")(plan)

then import the module below and add its ``register`` to :data:`COMMANDS` (one
line; the order there is the order in ``leveltwo --help``), and regenerate the
reference: ``python -m leveltwo.cli.reference > docs/cli.md``.

Rules for commands: take shared options from :mod:`leveltwo.cli.options`
(``CaseArg``, ``DealOpt``, ``JsonOpt``, ``ThresholdOpt``); keep all logic in
the library; raise :class:`~leveltwo.errors.LeveltwoError` subclasses and never
catch them: :class:`~leveltwo.cli.errors.LeveltwoGroup` turns them into
messages and exit codes in one place (see :mod:`leveltwo.cli.errors`).
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from leveltwo import __version__
from leveltwo.cli import analyze, cases, demo, new, schema, serve, validate, winsets
from leveltwo.cli import bargain as bargain_command
from leveltwo.cli import compare as compare_command
from leveltwo.cli import interop as interop_command
from leveltwo.cli import plan as plan_command
from leveltwo.cli import report as report_command
from leveltwo.cli import speech as speech_command
from leveltwo.cli.errors import LeveltwoGroup

app = typer.Typer(
    name="leveltwo",
    cls=LeveltwoGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

#: Every command group's registration, in the order of ``leveltwo --help``.
COMMANDS: tuple[Callable[[typer.Typer], None], ...] = (
    new.register,
    validate.register,
    analyze.register,
    winsets.register,
    plan_command.register,
    compare_command.register,
    bargain_command.register,
    speech_command.register,
    report_command.register,
    interop_command.register,
    cases.register,
    schema.register,
    demo.register,
    serve.register,
)

for register in COMMANDS:
    register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"leveltwo {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """Two-level negotiation analysis: will the deal be ratified on both sides, what can be
    agreed, and who blocks.

    Exit codes: 0 ok, 1 nothing feasible where it matters (e.g. an empty agreement
    zone), 2 bad input, 3 internal error. CASE is a case file or a bundled case name.
    """


def main() -> None:
    """Entry point of the ``leveltwo`` console script."""
    app(prog_name="leveltwo")
