"""``leveltwo plan CASE [--deal ISSUE=OPTION ...] [--budget B] [--allow CAT ...]``: the plan.

A ranked plan of Level II moves (:func:`leveltwo.strategies.planner.plan`):
each step with its category, target, lever, the exact changes it makes, the
chance the deal sticks and our expected value before and after, its cost,
its risk and why it works; then what to avoid, what to find out (with the
value of each input) and the form of the agreement explained. With
``--robustness``, which assumptions the top move depends on (sensitivity) and
how often each move stays in the plan when the Level II inputs are drawn at
random (Monte Carlo, seeded). Model and formulas: docs/strategies.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from leveltwo.cli.analyze import chosen_deal
from leveltwo.cli.loading import load_text_warned
from leveltwo.cli.options import CaseArg, DealOpt, JsonOpt, SchedulerOpt, WideOpt, WorkersOpt
from leveltwo.cli.render import console, emit_json, num, pct, table, text
from leveltwo.engine.execution import make_runner
from leveltwo.errors import InputError, Problem
from leveltwo.io.casewriter import write_case
from leveltwo.io.interop import write_text
from leveltwo.model.case import Case, Category, Level2Params
from leveltwo.model.money import Money
from leveltwo.narrative import numbers
from leveltwo.narrative.numbers import COST_WORD, cost, in_money, signed
from leveltwo.strategies.adopt import adopted
from leveltwo.strategies.exact import DEFAULT_TIME_LIMIT
from leveltwo.strategies.planner import plan as make_plan
from leveltwo.strategies.planresult import Plan, Step
from leveltwo.strategies.robustness import DEFAULT_DRAWS, Robustness, robustness

BudgetOpt = Annotated[
    float | None,
    typer.Option(
        "--budget",
        "-b",
        min=0.0,
        metavar="B",
        help="Most utility the plan may spend (terms given up, payments, fixed costs); "
        "default: the case's level2.budget, else no limit. 0 keeps only plans that give up "
        "nothing in total.",
        show_default=False,
    ),
]
AllowOpt = Annotated[
    list[Category] | None,
    typer.Option(
        "--allow",
        "-a",
        metavar="CATEGORY",
        help="A move category the plan may use (repeatable): "
        + ", ".join(c.value for c in Category)
        + "; default: the case's level2.allowed, else every category but "
        "thwart_opponents and tied_hands.",
        show_default=False,
        case_sensitive=False,
    ),
]
SeedOpt = Annotated[
    int,
    typer.Option("--seed", min=0, help="Seed of the Monte Carlo draws (with --robustness)."),
]
DrawsOpt = Annotated[
    int,
    typer.Option("--draws", min=1, max=100_000, help="Monte Carlo draws (with --robustness)."),
]
TimeLimitOpt = Annotated[
    float,
    typer.Option(
        "--time-limit",
        "-t",
        min=0.0,
        metavar="SECONDS",
        help="Most time the exact search may take; past it the plan is the best found, "
        "with its upper bound and gap.",
    ),
]
ApplyOpt = Annotated[
    bool,
    typer.Option(
        "--apply",
        help="Write the case as it stands once the plan is made: every change applied, the "
        "plan's deal as the proposal (to --output, else on stdout).",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="NEW.yaml",
        help="With --apply: write the adopted case here (an existing file is replaced).",
        show_default=False,
    ),
]
WithoutOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--without",
        metavar="KEY",
        help="Switch off the plan's move with this key (repeatable; keys are in --json): the "
        "plan, and with --apply the case, without it.",
        show_default=False,
    ),
]
RobustOpt = Annotated[
    bool,
    typer.Option(
        "--robustness",
        "-r",
        help="Also test the plan: one-at-a-time sensitivity and a seeded Monte Carlo over "
        "the Level II inputs.",
    ),
]

#: Alternatives per field shown in human output (all of them are in --json).
MAX_SHOWN = 6


def points(dp: float) -> str:
    """A difference of probabilities in percentage points (``+12.3 pts``)."""
    return numbers.points(dp, 1, sign=True, unit="pts")


def plan_json(p: Plan, r: Robustness | None) -> dict[str, object]:
    """The ``plan --json`` document: the plan, plus ``robustness`` when asked for."""
    doc = p.to_json()
    if r is not None:
        doc["robustness"] = r.to_json()
    return doc


# ---------------------------------------------------------------------------
# human output


def deal_change_table(case: Case, p: Plan) -> Table:
    """The deal before and after the plan, issue by issue; changed terms marked."""
    t = table("Issue", "Now", "After the plan", title="The deal")
    before = dict(p.deal)
    for issue in case.issues:
        old, new = before.get(issue.id, ""), dict(p.final_deal).get(issue.id, "")
        t.add_row(text(issue.name), text(old), text(new, "bold yellow" if new != old else ""))
    return t


def steps_table(p: Plan, scale: Money | None = None) -> Table:
    t = table(
        "#",
        "Move",
        "Category",
        "Target",
        "P after",
        "ΔP",
        "Net value",
        "Cost to us",
        title="The plan, best move first (each given those above it)",
        numeric=("#", "P after", "ΔP", "Net value", "Cost to us"),
    )
    for s in p.moves:
        t.add_row(
            str(s.rank),
            text(s.title, "bold" if s.rank == 1 else ""),
            text(s.category + (" (!)" if s.extraordinary else "")),
            text(s.target_name),
            pct(s.success_probability_after),
            points(s.success_probability_after - s.success_probability_before),
            signed(s.net_value_after - s.net_value_before)
            + (f" ({in_money(s.net_value_after - s.net_value_before, scale)})" if scale else ""),
            cost(s.cost, scale),
        )
    t.columns[1].ratio = 3  # the move's title gets the room; the rest stay compact
    t.columns[1].min_width = 24
    t.columns[3].ratio = 1
    return t


def _step_detail(s: Step) -> list[Text]:
    lines = [Text(f"{s.rank}. {s.title}", style="bold")]
    lines.append(Text("   why: ").append(Text(s.rationale)))
    if s.changes:
        shown = "; ".join(c.text() for c in s.changes[:MAX_SHOWN])
        more = len(s.changes) - MAX_SHOWN
        lines.append(Text("   changes: " + shown + (f"; … {more} more" if more > 0 else "")))
    if s.risk is not None:
        lines.append(
            Text(
                f"   risk: {s.risk.name} ({s.risk.description}), {pct(s.risk.probability)}: "
                f"P would be {pct(s.risk.success_probability_if_realised)}, our EV "
                f"{num(s.risk.expected_value_if_realised)}",
                style="yellow",
            )
        )
    for a in s.assumptions:
        lines.append(Text(f"   {a}", style="yellow"))
    if s.extraordinary:
        lines.append(Text("   extraordinary measure: weigh its legitimacy", style="yellow"))
    return lines


def avoid_lines(p: Plan) -> list[Text]:
    if not p.avoid:
        return [Text("Nothing under consideration would hurt the plan.")]
    out = []
    for a in p.avoid:
        whom = "; ".join(f"{w.name} {pct(w.before)} → {pct(w.after)}" for w in a.whom[:3])
        line = Text("- ")
        line.append(a.what, style="bold")
        line.append(
            f": P {points(a.success_probability_change)}, net value {a.net_value_change:+.3f}"
        )
        if whom:
            line.append(f"; hurts {whom}")
        out.append(line)
    return out


def find_out_lines(p: Plan) -> list[Text]:
    if not p.find_out:
        return [Text("No missing input would change the plan noticeably.")]
    out = []
    for f in p.find_out[:MAX_SHOWN]:
        line = Text("- ")
        line.append(f.question, style="bold")
        line.append(f" (worth about {f.value_of_information:.3f} net value; {f.parameter}")
        if f.unlocks:
            line.append("; would bring in " + ", ".join(f.unlocks[:3]))
        line.append(f"; assumes {f.basis})")
        out.append(line)
    if len(p.find_out) > MAX_SHOWN:
        out.append(Text(f"… {len(p.find_out) - MAX_SHOWN} more with --json"))
    return out


def forms_table(p: Plan) -> Table:
    t = table(
        "Form",
        "P",
        "Our EV",
        "Net value",
        "Note",
        title="The form of the agreement (with the plan's other moves)",
        numeric=("P", "Our EV", "Net value"),
    )
    for f in p.forms:
        label = f"{f.form}{' (plan)' if f.chosen else ''}: {f.description}"
        t.add_row(
            text(label, "bold" if f.chosen else ""),
            "—" if f.success_probability is None else pct(f.success_probability),
            num(f.expected_value),
            num(f.net_value),
            text(f.note),
        )
    return t


def robustness_parts(r: Robustness) -> list[Table | Text]:
    parts: list[Table | Text] = []
    t = table(
        "Assumption",
        "Range",
        "Top move at low",
        "Top move at high",
        "Net value low–high",
        "Verdict",
        title=f"Sensitivity of the top move ({r.top or 'none'}), widest swing first",
        numeric=("Net value low–high",),
    )
    for s in r.sensitivity[:12]:
        t.add_row(
            text(s.label),
            f"{s.low:.3g} – {s.high:.3g}",
            text(s.top_low or "—"),
            text(s.top_high or "—"),
            f"{s.value_low:.3f} – {s.value_high:.3f}",
            text(s.verdict, "red" if s.verdict != "stable" else ""),
        )
    t.columns[0].ratio = 3
    t.columns[0].min_width = 24
    parts.append(t)
    m = table(
        "Move of the plan",
        "Still pays",
        title=f"Monte Carlo: {r.draws} draws of the Level II inputs (seed {r.seed})",
        numeric=("Still pays",),
    )
    for key, freq in r.frequency:
        m.add_row(text(key), pct(freq))
    parts.append(m)
    parts.append(
        Text(
            f"Net value over the draws: mean {r.value_mean:.3f}, 5% {r.value_p05:.3f}, "
            f"95% {r.value_p95:.3f}."
        )
    )
    return parts


def render_plan(out: Console, case: Case, p: Plan, r: Robustness | None, explicit: bool) -> None:
    what = "the deal given with --deal" if explicit else case.default_deal_name()
    out.print(Text(case.title, style="bold"), Text(f"— Level II plan for {what}"))
    out.print()
    head = Text("Chance the deal sticks: ", style="bold")
    head.append(f"{pct(p.success_probability_before)} → {pct(p.success_probability_after)}")
    head.append(
        f"; our expected value {num(p.expected_value_before)} → {num(p.expected_value_after)}"
        f" (net of costs and risks {num(p.net_value_before)} → {num(p.net_value_after)});"
        f" {COST_WORD} {cost(p.cost, case.money)}"
    )
    out.print(head)
    diff = dict(p.difference)
    if any(abs(v) > 5e-5 for v in diff.values()):
        out.print(
            Text(
                f"Expected value − net value = payments {num(diff['payments'])} (P × payments) "
                f"+ fixed costs {num(diff['fixed_costs'])} + risks {num(diff['risks'])}.",
                style="dim",
            )
        )
    budget = "no limit" if p.budget is None else f"{p.budget:g}"
    out.print(Text(f"Budget: {budget}. Categories allowed: {', '.join(p.allowed)}.", style="dim"))
    proved = p.optimality.status == "optimal"
    out.print(
        Text(
            "Optimality: " + p.optimality.text(),
            style="green" if proved else "yellow",
        )
    )
    out.print()
    if not p.moves:
        out.print(Text("No move raises our net value: keep the deal as it is."))
        if _without_level2_inputs(case):
            out.print(
                Text(
                    "The case gives no Level II inputs, so the only moves tried were term "
                    "changes; see 'Level II inputs' in docs/case-format.md, and what to find "
                    "out below."
                )
            )
    else:
        if dict(p.deal) != dict(p.final_deal):
            out.print(deal_change_table(case, p))
            out.print()
        out.print(steps_table(p, case.money))
        out.print()
        for s in p.moves:
            for line in _step_detail(s):
                out.print(line)
    out.print()
    out.print(Text("Avoid", style="bold"))
    for line in avoid_lines(p):
        out.print(line)
    out.print()
    out.print(Text("Find out", style="bold"))
    for line in find_out_lines(p):
        out.print(line)
    out.print()
    out.print(forms_table(p))
    if r is not None:
        for part in robustness_parts(r):
            out.print()
            out.print(part)


def plan(
    ctx: typer.Context,
    case: CaseArg,
    deal: DealOpt = None,
    budget: BudgetOpt = None,
    allow: AllowOpt = None,
    robust: RobustOpt = False,
    seed: SeedOpt = 0,
    draws: DrawsOpt = DEFAULT_DRAWS,
    time_limit: TimeLimitOpt = DEFAULT_TIME_LIMIT,
    without: WithoutOpt = None,
    apply: ApplyOpt = False,
    output: OutputOpt = None,
    wide: WideOpt = False,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Plan Level II moves: what to do, what to avoid, what to find out.

    Finds the deal and the set of moves of every allowed category
    (compensation, agreement_form, process_form, statements, framing,
    victory_speech, table_conduct, outside_pressure, and thwart_opponents
    only when allowed) that maximise our expected value net of costs and
    risks, by branch and bound: proved optimal, or stopped at --time-limit
    with the best plan found, its upper bound and the gap. Every number is the
    engine's assessment of the case with the moves applied. --robustness adds
    a sensitivity table and a Monte Carlo (--draws, --seed) over the Level II
    inputs, on a local process pool (--workers, default 2) or a Dask cluster
    (--scheduler ADDRESS); the same seed gives the same numbers on any workers.
    --without KEY switches a move of the plan off; --apply writes the
    case with the plan made (-o NEW.yaml), whose proposal `analyze` assesses at
    exactly the plan's chance and expected value.

    Example: leveltwo plan labour-contract --apply -o adopted.yaml
    """
    if output is not None and not apply:
        raise InputError([Problem("--output", "--apply with it", "--output alone")])
    text, loaded = load_text_warned(case)
    picked = chosen_deal(loaded, deal)
    p = make_plan(
        loaded, picked, budget=budget, allowed=allow, time_limit=time_limit, without=without or ()
    )
    r = None
    if robust:  # the Monte Carlo draws run on a local pool or a Dask cluster
        runner = make_runner(workers, scheduler)
        try:
            r = robustness(loaded, p, picked, seed=seed, draws=draws, runner=runner)
        finally:
            runner.close()
    written = None
    if apply:
        written = write_case(adopted(loaded, p.chosen, picked), text)
        if output is not None:
            try:
                write_text(output, written)
            except OSError as exc:
                raise InputError(
                    [Problem(str(output), "a writable file", exc.strerror or str(exc))]
                ) from None
    if json_output:
        doc = plan_json(p, r)
        if apply:
            doc["applied"] = {"output": None if output is None else str(output)}
            if output is None:
                doc["applied"] = {"output": None, "case": written}
        emit_json(ctx, doc)
    elif apply and output is None:
        typer.echo(written, nl=False)
    else:
        render_plan(console(), loaded, p, r, explicit=picked is not None)
        if output is not None:
            console().print(
                Text(
                    f"wrote {output}: the case with the plan made, its deal as the proposal "
                    f"(`leveltwo analyze {output}`, `speech`, `report` work on it)."
                ),
                soft_wrap=True,
            )


def _without_level2_inputs(case: Case) -> bool:
    """Whether the case gives none of the inputs Level II moves are built from."""
    blank = Level2Params()
    l2 = case.level2
    listed = (l2.offers, l2.new_terms, l2.process_terms, l2.third_parties, l2.statements,
              l2.rule_changes)  # fmt: skip
    return not any(listed) and all(st.level2 == blank for st in case.stakeholders())


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
