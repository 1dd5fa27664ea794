"""``leveltwo winsets CASE [--threshold T]``: what can be agreed?

Whole-space analysis (:func:`leveltwo.engine.analysis.analyze_space`): each
side's win-set at threshold τ, the agreement zone, the best deal for us, the
risk-adjusted Nash deal and the risk-adjusted frontier. Exits 1, after
printing the results, when the agreement zone is empty.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
from leveltwo.engine import space as outcome_space
from leveltwo.engine.analysis import SpaceAnalysis, analyze_space
from leveltwo.engine.largespace import (
    DEFAULT_SAMPLES,
    LargeSpaceAnalysis,
    analyze_large,
    wilson,
)
from leveltwo.engine.results import DealPoint
from leveltwo.errors import InfeasibleError
from leveltwo.io.casefile import load_case
from leveltwo.model.case import Case

#: Frontier rows shown in human output (the full frontier is in --json).
MAX_FRONTIER_ROWS = 15


def _share(n: int, total: int) -> str:
    return f"{count(n)} ({pct(n / total)})" if total else count(n)


def overview_table(case: Case, s: SpaceAnalysis) -> Table:
    t = table("", "Deals", title="Win-sets", numeric=("Deals",))
    t.add_row(text("All possible deals"), count(s.outcomes))
    for w in s.sides:
        mark = " (us)" if w.id == s.us else ""
        t.add_row(text(f"{w.name}{mark} would ratify"), _share(w.winset_size, s.outcomes))
    style = "bold red" if s.agreement_zone_size == 0 else "bold"
    t.add_row(
        text("Agreement zone (in both win-sets)", style),
        text(_share(s.agreement_zone_size, s.outcomes), style),
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


def render_large(out: Console, case: Case, s: LargeSpaceAnalysis) -> None:
    """The human report of ``winsets`` on a space searched, not enumerated."""
    out.print(
        Text(case.title, style="bold"),
        Text(f"— what can be agreed (threshold τ = {share_pct(s.threshold)})"),
    )
    out.print(
        Text(
            f"The space has {count(s.outcomes)} deals, more than the "
            f"{count(outcome_space.ENUMERATION_LIMIT)} that are enumerated: the best deal, "
            "the Nash deal and the highest chance of success are found by branch and bound; "
            f"win-set sizes are estimated from {count(s.agreement_zone.samples)} deals "
            f"sampled with seed {s.seed} (95% confidence intervals); no frontier.",
            style="yellow",
        )
    )
    out.print()
    t = table("", "Deals (estimate)", "95% interval", title="Win-sets (sampled)")
    rows = [(f"{n}{' (us)' if i == s.us else ''} would ratify", e) for i, n, e in s.sides]
    rows.append(("Agreement zone (in both win-sets)", s.agreement_zone))
    for label, e in rows:
        lo, hi = wilson(e.hits, e.samples)
        t.add_row(
            text(label),
            f"{e.size:,.0f} ({pct(e.share)})",
            f"{lo * e.outcomes:,.0f} – {hi * e.outcomes:,.0f}",
        )
    out.print(t)
    for key, o in s.optimality:
        out.print(Text(f"{key.replace('_', ' ').capitalize()}: {o.text()}", style="dim"))
    out.print(Text(f"Highest chance of success of any deal: {pct(s.max_success_probability)}"))
    out.print()
    shim = SpaceAnalysis(
        s.title,
        s.us,
        s.outcomes,
        s.threshold,
        (),
        0,
        s.best_deal,
        s.nash_deal,
        (),
        s.max_success_probability,
    )
    out.print(deals_table(case, shim))
    if s.nash_deal is None:
        out.print(Text("No Nash deal: no deal gives both sides more than no deal.", style="dim"))


def winsets(
    ctx: typer.Context,
    case: CaseArg,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    seed: Annotated[
        int,
        typer.Option("--seed", min=0, help="Seed of the sample of a space too large to enumerate."),
    ] = 0,
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            min=100,
            max=10_000_000,
            help="Deals sampled to estimate win-set sizes when the space is too large to "
            "enumerate.",
        ),
    ] = DEFAULT_SAMPLES,
    json_output: JsonOpt = False,
) -> None:
    """What can be agreed: win-sets and frontier.

    Evaluates every possible deal: each side's win-set (the deals it ratifies
    with probability at least T), the agreement zone (deals in both), the deal
    with the best expected value for us, the risk-adjusted Nash deal and the
    risk-adjusted frontier. Large spaces show a progress bar on a terminal.
    Above the enumeration limit (10^7 deals) it says so and switches to search:
    the best deal, the Nash deal and the highest chance of success by branch
    and bound (proved optimal, or the gap at the time limit), win-set sizes
    estimated from --samples deals drawn with --seed (95% intervals), no
    frontier. Exits 1 (after printing the results) when the agreement zone is
    empty.
    """
    loaded = load_case(case)
    if loaded.size > outcome_space.ENUMERATION_LIMIT:
        large = analyze_large(loaded, threshold, seed=seed, samples=samples)
        if json_output:
            emit_json(ctx, large.to_json())
        else:
            render_large(console(), loaded, large)
        if large.agreement_zone.hits == 0 and large.best_deal.success_probability < threshold:
            raise InfeasibleError(
                "no sampled deal is in both win-sets, and the best deal is not either "
                f"(threshold {threshold:g}); the agreement zone may be empty or very small"
            )
        return
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
