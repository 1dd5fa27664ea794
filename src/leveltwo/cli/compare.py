"""``leveltwo compare CASE --deal A --deal B [...]``: two to four deals side by side.

The deals are named by a shorthand (``proposal``, ``opening``, ``best``,
``nash``, ``plan``) or given as ``ISSUE=OPTION`` terms overriding the proposal
(:mod:`leveltwo.narrative.comparison`); the comparison itself is
:func:`leveltwo.engine.compare.compare_deals`.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leveltwo.cli.loading import load_case_warned
from leveltwo.cli.options import CaseArg, JsonOpt, WideOpt
from leveltwo.cli.render import console, emit_json, num, pct, table, text
from leveltwo.engine.compare import DealComparison, Row
from leveltwo.model.case import Case
from leveltwo.narrative.comparison import SHORTHANDS, compare

CompareDealOpt = typer.Option(
    ...,
    "--deal",
    "-d",
    metavar="DEAL",
    help="A deal to compare (give 2 to 4): "
    + "; ".join(f"{k}: {v}" for k, v in SHORTHANDS.items())
    + "; or ISSUE=OPTION terms separated by commas, each overriding the proposal "
    "(e.g. 'wages=9%, term=2 years').",
    show_default=False,
)


def _cell(row: Row, k: int) -> Text:
    v = row.values[k]
    shown = v if isinstance(v, str) else pct(v) if row.kind == "probability" else num(v)
    style = ""
    if row.kind == "term" and row.differs:
        style = "yellow"
    elif k in row.best:
        style = "bold green"
    return text(shown, style)


def comparison_table(c: DealComparison) -> Table:
    """Rows by group (terms, outcome, each side); rows that differ are marked ``≠``,
    the best value of a row is bold."""
    names = [d.name for d in c.deals]
    t = table("", "≠", *names, title="Deals side by side")
    t.columns[0].min_width = 16
    for column in t.columns[2:]:
        column.justify = "right"
    group = None
    for r in c.rows:
        if r.group != group:
            if group is not None:
                t.add_section()
            t.add_row(text(r.group, "bold"))
            group = r.group
        t.add_row(
            text("  " * (r.indent + 1) + r.label),
            text("≠" if r.differs else "", "yellow"),
            *(_cell(r, k) for k in range(len(c.deals))),
        )
    return t


def render_comparison(out: Console, case: Case, c: DealComparison) -> None:
    out.print(Text(case.title, style="bold"), Text(f"— {len(c.deals)} deals compared"))
    out.print()
    out.print(comparison_table(c))
    changed = [r.label for r in c.terms() if r.differs]
    note = (
        f"The deals differ on {len(changed)} of {len(c.terms())} issues. "
        "≠: the deals differ on this row; bold: the best value of the row "
        "(their expected value is never marked)."
    )
    out.print(Text(note, style="dim"))


def compare_command(
    ctx: typer.Context,
    case: CaseArg,
    deal: list[str] = CompareDealOpt,
    wide: WideOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Compare two to four deals side by side.

    For each deal: its terms, the chance it sticks, each side's expected value
    and probability, and every constituency's and voting bloc's approval. Rows
    where the deals differ are marked, and the best value of each row is set
    in bold. Name a deal by proposal, opening, best, nash or plan, or give
    ISSUE=OPTION terms (separated by commas) that override the proposal.
    --json gives the deals and every row.
    """
    loaded = load_case_warned(case)
    result = compare(loaded, deal)
    if json_output:
        emit_json(ctx, result.to_json())
        return
    render_comparison(console(), loaded, result)


def register(app: typer.Typer) -> None:
    app.command("compare")(compare_command)
