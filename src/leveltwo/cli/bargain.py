"""``leveltwo bargain CASE [--first SIDE] [--json]``: what split to expect at the table?

The equilibrium of alternating offers with ratification
(:func:`leveltwo.engine.bargaining.bargain`) for each first proposer asked for,
beside the one-shot best and Nash deals, with the tied-hands leverage of every
constituency (:func:`leveltwo.engine.leverage.leverage`) and, with
``--simulate N``, NegMAS agents bargaining over the case
(:mod:`leveltwo.io.negmas_agents`). Exits 1, after printing the results, when
no agreement is reached in equilibrium.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leveltwo.cli.options import CaseArg, JsonOpt
from leveltwo.cli.render import console, deal_inline, emit_json, num, pct, table, text
from leveltwo.engine.bargaining import BargainingAnalysis, bargain, no_agreement_error
from leveltwo.engine.leverage import Leverage, leverage
from leveltwo.engine.results import DealPoint
from leveltwo.io.casefile import load_case
from leveltwo.io.negmas_agents import Simulation, simulate
from leveltwo.model.bargaining import OnFailure
from leveltwo.model.case import Case

#: Agreements listed in human output (all are in --json).
MAX_AGREEMENT_ROWS = 10

FirstOpt = Annotated[
    str | None,
    typer.Option(
        "--first",
        metavar="SIDE",
        help="Who makes the first offer: a side id, 'us', 'them' or 'both' (one result "
        "each). Default: the case's bargaining.first_proposer, else us.",
        show_default=False,
    ),
]


SimulateOpt = Annotated[
    int | None,
    typer.Option(
        "--simulate",
        metavar="N",
        help="Also let NegMAS's agents (time-based Boulware, conceder, aspiration) bargain "
        "N seeded times, with ratification (needs the optional extra: "
        "pip install 'leveltwo[negmas]').",
        show_default=False,
    ),
]
SeedOpt = Annotated[
    int,
    typer.Option("--seed", metavar="S", help="Seed of the first simulated run (run k: S + k)."),
]


def settings_line(case: Case, result: BargainingAnalysis) -> Text:
    s = result.settings
    discounts = ", ".join(f"{sid} {d:g}" for sid, d in s.discounts)
    failure = (
        "bargaining continues" if s.on_failure is OnFailure.CONTINUE else "bargaining breaks down"
    )
    deadline = "no deadline" if s.max_rounds is None else f"at most {s.max_rounds} rounds"
    return Text(
        f"Alternating offers; discount factors {discounts}; after a failed ratification "
        f"{failure}; {deadline}.",
        style="dim",
    )


def _labels(p: DealPoint | None, i: int) -> Text:
    return text("—" if p is None else p.labels[i][1])


def equilibrium_table(case: Case, result: BargainingAnalysis) -> Table:
    """Each equilibrium next to the one-shot best and Nash deals, issue by issue."""
    them = case.their_side
    eqs = result.equilibria
    heads = [f"{case.side(e.first_proposer).name} first" for e in eqs]
    columns: list[DealPoint | None] = [e.deal for e in eqs]
    extra = [("One-shot best", result.one_shot_best)]
    if result.nash_deal is not None:
        extra.append(("Nash deal", result.nash_deal))
    t = table("", *heads, *(h for h, _ in extra), title="Predicted agreement")
    for i, issue in enumerate(case.issues):
        t.add_row(
            text(issue.name),
            *(_labels(p, i) for p in columns),
            *(_labels(p, i) for _, p in extra),
        )
    t.add_section()
    t.add_row(
        text("Chance the deal is ratified (P)"),
        *(pct(e.success_probability) if e.deal else "—" for e in eqs),
        *(pct(p.success_probability) for _, p in extra),
    )
    t.add_row(
        text("Chance of an agreement at all"),
        *(pct(e.agreement_probability) for e in eqs),
        *("" for _ in extra),
    )
    t.add_row(
        text("Our expected value"),
        *(num(e.ev(case.us)) for e in eqs),
        *(num(p.ev(case.us)) for _, p in extra),
    )
    t.add_row(
        text(f"{them.name}'s expected value"),
        *(num(e.ev(them.id)) for e in eqs),
        *(num(p.ev(them.id)) for _, p in extra),
    )
    t.add_row(
        text("Expected delay (rounds)"),
        *("—" if e.delay is None else f"{e.delay:.2f}" for e in eqs),
        *("" for _ in extra),
    )
    return t


def leverage_table(case: Case, rows: tuple[Leverage, ...]) -> Table:
    t = table(
        "Constituency",
        "Side",
        "Bar shift",
        "Our EV",
        "Change",
        "Agreement",
        "Fails at home",
        title="Tied-hands leverage: the equilibrium as each bar rises or falls",
        numeric=("Bar shift", "Our EV", "Change", "Agreement", "Fails at home"),
    )
    for lev in rows:
        base = lev.base.our_value
        for k, p in enumerate(lev.points):
            t.add_row(
                text(lev.name if k == 0 else ""),
                text(("us" if lev.ours else "them") if k == 0 else ""),
                f"{p.shift:+.2f}" if p.shift else "as is",
                num(p.our_value),
                f"{p.our_value - base:+.3f}",
                pct(p.agreement_probability),
                pct(p.home_failure) if lev.ours else "",
            )
        t.add_section()
    return t


def simulation_table(case: Case, sim: Simulation) -> Table:
    """The NegMAS runs' distribution of agreements, beside the equilibrium."""
    us, them = case.us, case.their_side.id
    t = table(
        "Agreement reached by the agents",
        "Runs",
        "P",
        "Our EV",
        f"EV {them}",
        title=(
            f"NegMAS agents: {sim.to_json()['runs']} runs (seed {sim.seed}, at most "
            f"{sim.steps} steps, {case.side(sim.first_proposer).name} first)"
        ),
        numeric=("Runs", "P", "Our EV", f"EV {them}"),
    )
    for index, n in sim.agreements()[:MAX_AGREEMENT_ROWS]:
        run = next(r for r in sim.runs if r.agreement == index)
        t.add_row(
            deal_inline(case.deal_labels(case.deal_from_index(index))),
            str(n),
            pct(run.success_probability),
            num(_ev(case, sim, index, us)),
            num(_ev(case, sim, index, them)),
        )
    no_deal = sum(r.agreement is None for r in sim.runs)
    if no_deal:
        t.add_row(text("no agreement"), str(no_deal), "", "", "")
    return t


def _ev(case: Case, sim: Simulation, index: int, sid: str) -> float:
    """The mean EV of the runs that reached this agreement (they may differ in delay)."""
    k = case.side_index(sid)
    values = [r.expected_value[k] for r in sim.runs if r.agreement == index]
    return sum(values) / len(values)


def simulation_lines(case: Case, sim: Simulation) -> list[Text]:
    mean = sim.mean_expected_value()
    fail = sim.ratification_failure_rate
    k = case.side_index(case.us)
    return [
        Text(
            f"Agreement in {pct(sim.agreement_rate)} of runs; ratification then fails in "
            + ("—" if fail is None else pct(fail))
            + f" of them; our mean EV {num(mean[k])} ({case.their_side.id}: {num(mean[1 - k])})."
        )
    ]


def render(
    out: Console,
    case: Case,
    result: BargainingAnalysis,
    rows: tuple[Leverage, ...],
    sim: Simulation | None = None,
) -> None:
    out.print(Text(case.title, style="bold"), Text("— bargaining at the table"))
    out.print(settings_line(case, result))
    out.print()
    out.print(equilibrium_table(case, result))
    for e in result.equilibria:
        if not e.agreed:
            out.print(
                Text(
                    f"No agreement when {case.side(e.first_proposer).name} proposes first: "
                    "no deal is both acceptable at the table and ratifiable.",
                    style="bold red",
                )
            )
    if rows:
        out.print()
        out.print(leverage_table(case, rows))
        for lev in rows:
            out.print(Text("• " + lev.sentence()))
    if sim is not None:
        out.print()
        out.print(simulation_table(case, sim))
        for line in simulation_lines(case, sim):
            out.print(line)


def bargain_command(
    ctx: typer.Context,
    case: CaseArg,
    first: FirstOpt = None,
    simulate_runs: SimulateOpt = None,
    seed: SeedOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """What split to expect at the table: alternating offers with ratification.

    Computes the subgame-perfect equilibrium of alternating offers over the
    case's deals (docs/bargaining.md), with the case's bargaining: block
    (discount factors, first proposer, what a failed ratification does, a
    deadline): the predicted agreement, its chance of ratification, each side's
    expected value, the expected delay, and the one-shot best and Nash deals
    beside it. Then the tied-hands leverage: how the predicted deal and our
    expected value move when each constituency's bar rises or falls. With
    --simulate N, NegMAS's agents also bargain over the case N seeded times,
    valuing each deal at its expected value with ratification, and the
    distribution of their agreements is shown beside the equilibrium. Exits 1
    (after printing the results, with deal null) when no agreement is reached.
    """
    loaded = load_case(case)
    result = bargain(loaded, first)
    first_id = result.equilibria[0].first_proposer
    rows = leverage(loaded, first_id)
    sim = None if simulate_runs is None else simulate(loaded, simulate_runs, seed, first_id)
    if json_output:
        doc = result.to_json()
        doc["leverage"] = [lev.to_json() for lev in rows]
        if sim is not None:
            doc["simulation"] = sim.to_json()
        emit_json(ctx, doc)
    else:
        render(console(), loaded, result, rows, sim)
    if not result.agreed:
        raise no_agreement_error(result)


def register(app: typer.Typer) -> None:
    app.command("bargain")(bargain_command)
