"""``leveltwo winsets CASE [--threshold T] [--list zone|frontier [--format F]]``.

Whole-space analysis (:func:`leveltwo.engine.winsets.analyze_space`): each
side's win-set at threshold τ, the agreement zone, the best deal for us, the
risk-adjusted Nash deal and the risk-adjusted frontier. ``--list`` prints
every deal of the agreement zone (:func:`leveltwo.engine.zone.zone_deals`) or
of the frontier instead, as a table, CSV or JSON. Exits 1, after printing the
results, when the agreement zone is empty.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leveltwo.cli.loading import load_case_warned
from leveltwo.cli.options import DEFAULT_THRESHOLD, CaseArg, JsonOpt, ThresholdOpt, WideOpt
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
from leveltwo.engine.largespace import (
    DEFAULT_SAMPLES,
    LargeSpaceAnalysis,
    analyze_large,
    wilson,
)
from leveltwo.engine.results import DealPoint
from leveltwo.engine.scenario import Point, ScenarioStats, scenario_stats
from leveltwo.engine.winsets import SpaceAnalysis, analyze_space
from leveltwo.engine.zone import zone_deals
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


class ListWhat(StrEnum):
    """What ``--list`` lists."""

    zone = "zone"
    frontier = "frontier"


class ListFormat(StrEnum):
    """How ``--list`` prints."""

    table = "table"
    csv = "csv"
    json = "json"


def list_table(case: Case, points: Sequence[DealPoint], title: str) -> Table:
    """Deals one per row: rank, terms in words (one issue a line), P and both sides'
    expected values."""
    them = case.their_side
    t = table(
        "#",
        "Deal",
        "P",
        "EV us",
        "EV them",
        title=f"{title} (them: {them.name})",
        numeric=("#", "P", "EV us", "EV them"),
    )
    names = {i.id: i.name for i in case.issues}
    for k, p in enumerate(points, start=1):
        t.add_row(
            str(k),
            text("\n".join(f"{names[i]}: {o}" for i, o in p.labels)),
            pct(p.success_probability),
            num(p.ev(case.us)),
            num(p.ev(them.id)),
        )
    return t


def list_json(case: Case, points: Sequence[DealPoint]) -> list[dict[str, object]]:
    """``--list ... --format json``: one object per deal, in the listed order."""
    return [{"rank": k, **p.to_json()} for k, p in enumerate(points, start=1)]


def write_csv(case: Case, points: Sequence[DealPoint]) -> None:
    """``--list ... --format csv``: a header of issue ids, then one row per deal."""
    them = case.their_side.id
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(
        ["rank", *(i.id for i in case.issues), "success_probability", f"ev_{case.us}", f"ev_{them}"]
    )
    for k, p in enumerate(points, start=1):
        out.writerow(
            [
                k,
                *(o for _, o in p.labels),
                repr(p.success_probability),
                repr(p.ev(case.us)),
                repr(p.ev(them)),
            ]
        )


ListOpt = typer.Option(
    None,
    "--list",
    help="List every deal of the agreement zone (best for us first) or of the "
    "risk-adjusted frontier, instead of the summary.",
    show_default=False,
)
FormatOpt = typer.Option(
    ListFormat.table, "--format", help="How --list prints: a table, CSV or JSON."
)
LimitOpt = typer.Option(
    None, "--limit", min=0, metavar="N", help="With --list: at most N deals (default: all)."
)


def _print_list(
    ctx: typer.Context, loaded: Case, what: ListWhat, fmt: ListFormat, points: Sequence[DealPoint]
) -> None:
    if fmt is ListFormat.json:
        emit_json(ctx, list_json(loaded, points))
    elif fmt is ListFormat.csv:
        write_csv(loaded, points)
    else:
        name = "Agreement zone" if what is ListWhat.zone else "Risk-adjusted frontier"
        order = "best for us first"
        out = console()
        out.print(list_table(loaded, points, f"{name}: {count(len(points))} deals, {order}"))


def stats_table(case: Case, st: ScenarioStats) -> Table:
    """The scenario statistics of the two negotiators (``--stats``)."""
    t = table("statistic", "deal", case.us, case.their_side.id, title="Scenario statistics")

    def row(name: str, p: Point | None, none: str) -> None:
        if p is None:
            t.add_row(text(name), text(none, "dim"), text(""), text(""))
        else:
            labels = case.deal_labels(case.deal_from_index(p.index))
            t.add_row(text(name), deal_inline(labels), text(num(p.us)), text(num(p.them)))

    row("Nash point", st.nash, "none: no deal both prefer to no deal")
    row("Nash point (NegMAS's convention)", st.nash_negmas, "none")
    row("Kalai–Smorodinsky point", st.kalai_smorodinsky, "none: no deal both accept")
    row("maximum welfare", st.max_welfare, "")
    opposition = "none: no deal both accept" if st.opposition is None else num(st.opposition)
    t.add_row(text("opposition"), text(opposition), text(""), text(""))
    t.add_row(
        text("frontier (all deals / both accept)"),
        text(f"{count(st.frontier_size)} / {count(st.rational_frontier_size)}"),
        text(""),
        text(""),
    )
    return t


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
    list_what: ListWhat | None = ListOpt,
    list_format: ListFormat = FormatOpt,
    limit: int | None = LimitOpt,
    wide: WideOpt = False,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats",
            help="Also give the negotiators' scenario statistics: Nash point (also in "
            "NegMAS's convention), Kalai–Smorodinsky point, maximum welfare, opposition.",
        ),
    ] = False,
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
    --list zone (or frontier) prints those deals one by one instead, with
    --format table, csv or json (--json means --format json). Above the
    enumeration limit (10^7 deals) it says so and switches to search: the best
    deal, the Nash deal and the highest chance of success by branch and bound
    (proved optimal, or the gap at the time limit), win-set sizes estimated
    from --samples deals drawn with --seed (95% intervals), no frontier. Exits
    1 (after printing the results) when the agreement zone is empty.
    """
    loaded = load_case_warned(case)
    if loaded.size > outcome_space.ENUMERATION_LIMIT and list_what is None and not stats:
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
    if list_what is not None:
        fmt = ListFormat.json if json_output else list_format
        if list_what is ListWhat.zone:
            points: Sequence[DealPoint] = zone_deals(loaded, threshold, limit)
            empty = not points
        else:
            with space_progress(loaded.size, "Analysing every deal") as progress:
                space = analyze_space(loaded, threshold, progress=progress)
            points = space.frontier[:limit] if limit is not None else space.frontier
            empty = space.agreement_zone_size == 0
        _print_list(ctx, loaded, list_what, fmt, points)
        if empty:
            raise InfeasibleError(
                f"the agreement zone is empty: no deal is in both win-sets at threshold "
                f"{threshold:g} (try a lower --threshold, or `leveltwo analyze` to see who blocks)"
            )
        return
    with space_progress(loaded.size, "Analysing every deal") as progress:
        result = analyze_space(loaded, threshold, progress=progress)
    scenario = scenario_stats(loaded) if stats else None
    if json_output:
        data = result.to_json()
        if scenario is not None:
            data["stats"] = scenario.to_json()
        emit_json(ctx, data)
    else:
        render_space(console(), loaded, result)
        if scenario is not None:
            console().print()
            console().print(stats_table(loaded, scenario))
    if result.agreement_zone_size == 0:
        raise InfeasibleError(
            f"the agreement zone is empty: no deal is in both win-sets at threshold "
            f"{threshold:g} (try a lower --threshold, or `leveltwo analyze` to see who blocks)"
        )


def register(app: typer.Typer) -> None:
    app.command("winsets")(winsets)
