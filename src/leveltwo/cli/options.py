"""Options shared by the commands, defined once so flags stay identical everywhere.

Use them as parameter annotations::

    def analyze(case: CaseArg, deal: DealOpt = None, json_output: JsonOpt = False) -> None:
        ...
"""

from __future__ import annotations

from typing import Annotated

import typer

from leveltwo.cli.render import set_wide

#: Key in ``click.Context.meta`` (shared by every nested context) set when
#: ``--json`` is given, so the error handler knows to answer in JSON too.
JSON_MODE = "leveltwo.json"

CASE_HELP = (
    "A case file (YAML or JSON) or the name of a bundled case (see `leveltwo cases`), "
    "e.g. labour-contract."
)


def _remember_json(ctx: typer.Context, value: bool) -> bool:
    if value:
        ctx.meta[JSON_MODE] = True
    return value


def json_mode(ctx: typer.Context) -> bool:
    """Whether ``--json`` was given to the running command."""
    return bool(ctx.meta.get(JSON_MODE, False))


CaseArg = Annotated[str, typer.Argument(metavar="CASE", help=CASE_HELP, show_default=False)]

DealOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--deal",
        "-d",
        metavar="ISSUE=OPTION",
        help=(
            "Set one issue of the deal (repeatable). Each --deal overrides that issue "
            "of the case's proposal (without a proposal: of our opening position)."
        ),
        show_default=False,
    ),
]

JsonOpt = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print machine-readable JSON on stdout (shape: docs/json-output.md); "
        "errors are printed as JSON on stdout too.",
        callback=_remember_json,
        is_eager=True,
    ),
]

DEFAULT_THRESHOLD = 0.5

ThresholdOpt = Annotated[
    float,
    typer.Option(
        "--threshold",
        "-t",
        min=0.0,
        max=1.0,
        metavar="T",
        help="Threshold τ in [0, 1]: the probability of saying yes that counts as yes "
        "(for a side's win-set, and for the approval the diagnosis aims for).",
    ),
]

WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        help="Processes of the local pool for sweeps and Monte Carlo draws (default 2; 1 runs "
        "in this process).",
        show_default=False,
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on the Dask distributed cluster at ADDRESS (needs the dask extra).",
        show_default=False,
    ),
]


def _remember_wide(value: bool) -> bool:
    set_wide(value)
    return value


WideOpt = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="Lay tables and text out 200 columns wide instead of the terminal's width "
        "(80 in a pipe). Tables never cut numbers: at any width, text wraps instead.",
        callback=_remember_wide,
    ),
]
