"""``leveltwo winsets CASE [--threshold T]``: what can be agreed?

Whole-space analysis (:func:`leveltwo.engine.analysis.analyze_space`): each
side's win-set at threshold τ, the agreement zone, the best deal for us, the
risk-adjusted Nash deal and the risk-adjusted frontier. Exits 1, after
printing the results, when the agreement zone is empty.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leveltwo.cli.loading import load_case_warned
from leveltwo.cli.options import DEFAULT_THRESHOLD, CaseArg, JsonOpt, ThresholdOpt
from leveltwo.cli.render import (
    console,
    count,
    deal_inline,
    emit_json,
    num,
    pct,
    share_pct,
    space_progress,
    table,
    text,
)
from leveltwo.engine.analysis import SpaceAnalysis, analyze_space
from leveltwo.engine.results import DealPoint
from leveltwo.errors import InfeasibleError
from leveltwo.model.case import Case

#: Frontier rows shown in human output (the full frontier is in --json).
MAX_FRONTIER_ROWS = 15


def _share(n: int, total: int) -> str:
    return f"{count(n)} ({pct(n / total)})" if total else count(n)


def overview_table(case: Case, s: SpaceAnalysis) -> Table:
    t = table("", "Deals", title="Win-sets", numeric=("Deals",))
    t.add_row(text("All possible deals"), count(s.outcomes))
    if case.constraints:
        t.add_row(
            text("Allowed by the linked options (constraints)"), _share(s.feasible, s.outcomes)
        )
    for w in s.sides:
        mark = " (us)" if w.id == s.us else ""
        t.add_row(text(f"{w.name}{mark} would ratify"), _share(w.winset_size, s.feasible))
    style = "bold red" if s.agreement_zone_size == 0 else "bold"
    t.add_row(
        text("Agreement zone (in both win-sets)", style),
        text(_share(s.agreement_zone_size, s.feasible), style),
    )
    return t


def deals_table(case: Case, s: SpaceAnalysis) -> Table:
    """The best deal for us next to the risk-adjusted Nash deal, issue by issue."""
    them = case.their_side
    points: list[tuple[str, DealPoint]] = [("Best for us", s.best_deal)]
    if s.nash_deal is not None:
        points.append(("Nash deal", s.nash_deal))
    t = table("Issue", *(name for name, _ in points), title="Best deal for us and the Nash deal")
    for i, issue in enumerate(case.issues):
        t.add_row(text(issue.name), *(text(p.labels[i][1]) for _, p in points))
    t.add_section()
    t.add_row(text("Chance of success"), *(pct(p.success_probability) for _, p in points))
    t.add_row(text("Our expected value"), *(num(p.ev(s.us)) for _, p in points))
    t.add_row(text(f"{them.name}'s expected value"), *(num(p.ev(them.id)) for _, p in points))
    return t


def frontier_table(case: Case, s: SpaceAnalysis) -> Table:
    them = case.their_side
    t = table(
        "#",
        "Deal",
        "P",
        "EV us",
        f"EV {them.id}",
        title=f"Risk-adjusted frontier ({count(len(s.frontier))} deals, best for us first)",
        numeric=("#", "P", "EV us", f"EV {them.id}"),
    )
    for k, p in enumerate(s.frontier[:MAX_FRONTIER_ROWS], start=1):
        t.add_row(
            str(k),
            deal_inline(p.labels),
            pct(p.success_probability),
            num(p.ev(s.us)),
            num(p.ev(them.id)),
        )
    return t


def render_space(out: Console, case: Case, s: SpaceAnalysis) -> None:
    """The whole human report of ``winsets``."""
    out.print(
        Text(case.title, style="bold"),
        Text(f"— what can be agreed (threshold τ = {share_pct(s.threshold)})"),
    )
    out.print()
    out.print(overview_table(case, s))
    out.print(Text(f"Highest chance of success of any deal: {pct(s.max_success_probability)}"))
    out.print()
    out.print(deals_table(case, s))
    if s.nash_deal is None:
        out.print(Text("No Nash deal: no deal gives both sides more than no deal.", style="dim"))
    out.print()
    out.print(frontier_table(case, s))
    hidden = len(s.frontier) - MAX_FRONTIER_ROWS
    if hidden > 0:
        out.print(Text(f"… {hidden} more frontier deals with --json", style="dim"))


def winsets(
    ctx: typer.Context,
    case: CaseArg,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    json_output: JsonOpt = False,
) -> None:
    """What can be agreed: win-sets and frontier.

    Evaluates every possible deal: each side's win-set (the deals it ratifies
    with probability at least T), the agreement zone (deals in both), the deal
    with the best expected value for us, the risk-adjusted Nash deal and the
    risk-adjusted frontier. Large spaces show a progress bar on a terminal.
    Exits 1 (after printing the results) when the agreement zone is empty.
    """
    loaded = load_case_warned(case)
    with space_progress(loaded.size, "Analysing every deal") as progress:
        result = analyze_space(loaded, threshold, progress=progress)
    if json_output:
        emit_json(ctx, result.to_json())
    else:
        render_space(console(), loaded, result)
    if result.agreement_zone_size == 0:
        raise InfeasibleError(
            f"the agreement zone is empty: no deal is in both win-sets at threshold "
            f"{threshold:g} (try a lower --threshold, or `leveltwo analyze` to see who blocks)"
        )


def register(app: typer.Typer) -> None:
    app.command("winsets")(winsets)
