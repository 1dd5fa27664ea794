"""``leveltwo analyze CASE [--deal ISSUE=OPTION ...]``: will this deal stick?

The deal is the case's ``proposal`` (without one: our opening position, the
rule of :meth:`leveltwo.model.case.Case.default_deal`); each ``--deal
ISSUE=OPTION`` overrides one issue of it.
Output: the deal's success probability, each side's ratification,
implementation and side probabilities, every stakeholder's utility and
approval (blocs included), each side's expected value, and the diagnosis
(:func:`leveltwo.engine.diagnosis.diagnose`): who blocks, by how much, and the
single-issue changes that would fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from leveltwo.cli.loading import load_case_warned
from leveltwo.cli.options import DEFAULT_THRESHOLD, CaseArg, DealOpt, JsonOpt, ThresholdOpt, WideOpt
from leveltwo.cli.render import (
    console,
    deal_table,
    emit_json,
    err_console,
    num,
    pct,
    share_pct,
    table,
    text,
)
from leveltwo.engine.assessment import Assessment, SideResult, StakeholderResult, assess
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.diagnosis import Binding, Diagnosis, Fix, diagnose
from leveltwo.engine.influence import InfluenceAnalysis, influence_analysis
from leveltwo.model.case import Case, Power
from leveltwo.model.correlation import correlation_of
from leveltwo.model.deal import Deal
from leveltwo.model.dealargs import parse_deal_args
from leveltwo.model.money import Money
from leveltwo.narrative.diagnosis import NOBODY, no_fix_sentence
from leveltwo.narrative.numbers import COST_WORD, cost, points

if TYPE_CHECKING:  # rich is imported for human output only, not for --json (start-up)
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

#: Fixes shown per blocker in human output (all of them are in --json).
MAX_FIXES_SHOWN = 4


def chosen_deal(case: Case, deal_args: Sequence[str] | None) -> Deal | None:
    """The deal to assess: the proposal with ``--deal`` overrides, or only ``--deal``.

    None means the case's default deal (its proposal, else our opening position).
    """
    if not deal_args:
        return None
    return parse_deal_args(case, list(deal_args), base=case.default_deal())


def analysis_json(
    assessment: Assessment,
    diagnosis: Diagnosis,
    broken: Sequence[str] = (),
    case: Case | None = None,
) -> dict[str, object]:
    """The ``analyze --json`` document: the assessment, the constraints the deal breaks,
    and its diagnosis; and the case's ``factors`` and ``influence`` (who moves whom)
    when it has them."""
    doc: dict[str, object] = {
        **assessment.to_json(),
        "broken_constraints": list(broken),
        "diagnosis": diagnosis.to_json(),
    }
    corr = correlation_of(case) if case is not None else None
    if corr is not None:
        doc["factors"] = corr.to_json()
    moved = influence_analysis(case) if case is not None else None
    if moved is not None:
        doc["influence"] = moved.to_json()
    return doc


def broken_constraints(case: Case, deal: Deal) -> tuple[str, ...]:
    """The linked options ``deal`` breaks, in words (the deal is still analysed: the
    numbers say what would happen if it were signed as it stands)."""
    if not case.constraints:
        return ()
    return tuple(c.describe() for c in Feasibility(case).broken(deal))


def influence_table(case: Case, moved: InfluenceAnalysis) -> Table:
    """Who moves whom: each moved stakeholder's reservation before and after the links."""
    t = table(
        "Stakeholder",
        "Susceptibility",
        "Influenced by",
        "Reservation",
        "Change",
        title="Influence: who moves whom (Friedkin–Johnsen fixed point)",
        numeric=("Susceptibility", "Reservation", "Change"),
    )
    for sh in moved.shifts:
        by = ", ".join(f"{case.stakeholder(k).name} ({w:g})" for k, w in sh.sources) or "—"
        t.add_row(
            sh.name,
            num(sh.susceptibility),
            by,
            f"{num(sh.before)} → {num(sh.after)}",
            f"{sh.change:+.4f}",
        )
    return t


# ---------------------------------------------------------------------------
# human output
def _power(r: StakeholderResult) -> str:
    if r.kind == "negotiator":
        return "negotiator"
    if r.kind == "bloc":
        return f"bloc, share {r.share:g}" if r.share is not None else "bloc"
    if r.power is Power.BLOCK:
        return f"block, β {share_pct(r.strength or 0.0)}"
    if r.blocs:
        return f"vote, quota {share_pct(r.quota or 0.0)}"
    return r.power.value


def _effect(r: StakeholderResult) -> str:
    if r.kind == "bloc" or (r.power is Power.INFLUENCE and r.kind != "negotiator"):
        return ""
    return f"×{r.factor:.3f}"


def _needs(r: StakeholderResult) -> str:
    if r.blocs:
        return "by blocs"
    return num(r.reservation) + (f"±{r.uncertainty:.2f}" if r.uncertainty > 0 else "")


def _stakeholder_row(t: Table, r: StakeholderResult, threshold: float, indent: str = "") -> None:
    low = r.approval_probability < threshold and not (
        r.power is Power.INFLUENCE and r.kind == "constituency"
    )
    t.add_row(
        text(indent + r.name),
        text(_power(r)),
        text(num(r.utility)),
        text(_needs(r)),
        text(pct(r.approval_probability), "red" if low else ""),
        text(_effect(r)),
    )


def side_table(side: SideResult, us: bool, threshold: float = DEFAULT_THRESHOLD) -> Table:
    """Every stakeholder of one side: utility, what it needs, approval, effect on the side."""
    t = table(
        "Stakeholder",
        "Power",
        "Utility",
        "Needs",
        "Approves",
        "Side ×",
        title=f"{side.name} ({'us' if us else 'them'}): who decides",
        numeric=("Utility", "Needs", "Approves", "Side ×"),
    )
    for r in side.stakeholders():
        _stakeholder_row(t, r, threshold)
        for b in r.blocs:
            _stakeholder_row(t, b, threshold, "  · ")
    for k in side.risks:  # not a stakeholder: a chance the side does not carry the deal out
        t.add_row(text(k.name), text(f"risk {pct(k.probability)}"), "", "", "", f"×{k.factor:.3f}")
    return t


def sides_table(a: Assessment) -> Table:
    """Each side's ratification, implementation and overall probability, utility and EV."""
    t = table(
        "Side",
        "Ratifies",
        "Implements",
        "P(side)",
        "Utility",
        "No deal",
        "EV",
        title="Sides",
        numeric=("Ratifies", "Implements", "P(side)", "Utility", "No deal", "EV"),
    )
    ev = a.expected_value
    for s in a.sides:
        t.add_row(
            text(s.name + (" (us)" if s.id == a.us else "")),
            pct(s.ratification_probability),
            pct(s.implementation_probability),
            text(pct(s.probability), "bold"),
            num(s.utility),
            num(s.no_deal_value),
            num(ev[s.id]),
        )
    return t


def fix_sentence(b: Binding, f: Fix, p_before: float, scale: Money | None = None) -> Text:
    """``Membership vote needs pay moved from 4% to 8% (cost to us 0.083; P 31% → 52%)``.

    For a stakeholder that already approves at the threshold the fix secures it
    (brings it to its target level) rather than being needed; for one already at
    its target level it only makes it surer.
    """
    from rich.text import Text

    spent = f"{COST_WORD} {cost(f.cost_to_us, scale)}"
    change = f"{f.issue} moved from {f.from_option} to {f.to_option}"
    if b.binding:
        head = f"{b.name} needs {change}"
    elif f.approval_before < b.target_level:
        head = f"To secure {b.name} ({share_pct(b.target_level)}+): {change}"
    else:
        head = f"To make {b.name} surer still: {change}"
    return Text(
        f"{head} ({spent}; its approval {pct(f.approval_before)} → {pct(f.approval_after)}; "
        f"P {pct(p_before)} → {pct(f.success_probability_after)})"
    )


def fixes_table(b: Binding, scale: Money | None = None) -> Table:
    """Every single-issue fix of one blocker, best for our expected value first."""
    t = table(
        "Issue",
        "Change",
        "Approves",
        "Cost to us",
        "P after",
        "Our EV",
        numeric=("Approves", "Cost to us", "P after", "Our EV"),
    )
    for f in b.fixes[:MAX_FIXES_SHOWN]:
        t.add_row(
            text(f.issue),
            text(f"{f.from_option} → {f.to_option}"),
            pct(f.approval_after),
            cost(f.cost_to_us, scale),
            pct(f.success_probability_after),
            num(f.expected_value_after),
        )
    return t


def _blocker_head(k: int, b: Binding, a: Assessment) -> Text:
    from rich.text import Text

    head = Text(f"{k}. ", style="bold")
    head.append(b.name, style="bold")
    whose = "our side" if b.side == a.us else "their side"
    head.append(f" ({whose}, {b.power}) approves {pct(b.approval_probability)}")
    if b.binding:
        head.append(" — below the threshold", style="red")
    if b.shortfall:
        head.append(f", short {b.shortfall:.3f} utility")
    head.append(
        f". It costs the deal {points(b.probability_cost, unit='pts')}: P would be "
        f"{pct(a.success_probability + b.probability_cost)} if it surely said yes."
    )
    return head


def _indent(renderable: Text | Table) -> Padding:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, 3), expand=False)


def diagnosis_group(a: Assessment, d: Diagnosis, scale: Money | None = None) -> Group | Text:
    """Who blocks, by how much, and the single-issue changes that would fix it."""
    from rich.console import Group
    from rich.text import Text

    if not d.blockers:
        return Text(NOBODY)
    parts: list[Text | Padding] = [
        Text(
            f"Who blocks, and what would fix it (approval threshold {pct(d.threshold)})",
            style="bold",
        )
    ]
    for k, b in enumerate(d.blockers, start=1):
        parts.append(_blocker_head(k, b, a))
        weak = [(name, p, s) for _, name, p, s in b.blocs if p < d.threshold]
        if weak:
            blocs = "; ".join(f"{n} approves {pct(p)}, short {s:.3f}" for n, p, s in weak)
            parts.append(_indent(Text(f"Blocs below the threshold: {blocs}.")))
        if not b.fixes:
            parts.append(_indent(Text(no_fix_sentence(b, d))))
            continue
        parts.append(_indent(fix_sentence(b, b.fixes[0], a.success_probability, scale)))
        if len(b.fixes) > 1:
            parts.append(_indent(fixes_table(b, scale)))
        if len(b.fixes) > MAX_FIXES_SHOWN:
            more = len(b.fixes) - MAX_FIXES_SHOWN
            parts.append(_indent(Text(f"… {more} more with --json", style="dim")))
    return Group(*parts)


def render_analysis(
    out: Console, case: Case, a: Assessment, d: Diagnosis, *, explicit: bool
) -> None:
    """The whole human report of ``analyze``."""
    from rich.text import Text

    what = "the deal given with --deal" if explicit else case.default_deal_name()
    out.print(Text(case.title, style="bold"), Text(f"— assessing {what}"))
    out.print()
    out.print(deal_table(case, a.deal, case.proposal if explicit else None))
    out.print()
    line = Text("Chance the deal sticks: ", style="bold")
    line.append(pct(a.success_probability), style="bold")
    out.print(line)
    corr = correlation_of(case)
    if corr is None:
        out.print(Text("  = " + " × ".join(f"{s.name} {pct(s.probability)}" for s in a.sides)))
    else:  # not a product: the sides move together through the factors
        sides = ", ".join(f"{s.name} {pct(s.probability)}" for s in a.sides)
        factors = ", ".join(f.name for f in corr.factors)
        out.print(Text(f"  sides {sides}; common factors ({factors}) move them together"))
    moved = influence_analysis(case)
    if moved is not None and moved.shifts:
        out.print()
        out.print(influence_table(case, moved))
    out.print()
    out.print(sides_table(a))
    for s in a.sides:
        out.print()
        out.print(side_table(s, s.id == a.us, d.threshold))
    out.print(
        Text(
            "Needs: reservation ± uncertainty. β: chance a blocker who says no derails "
            "the deal. Side ×: what it multiplies its side's probability by. Cost to us: "
            "our utility given up (negative: gained)"
            + (f", and its worth in {case.money.currency}." if case.money else "."),
            style="dim",
        )
    )
    out.print()
    out.print(diagnosis_group(a, d, case.money))


def analyze(
    ctx: typer.Context,
    case: CaseArg,
    deal: DealOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    wide: WideOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Assess a deal: its odds and who blocks it.

    The deal is the case's proposal (without one: our opening position); each
    --deal ISSUE=OPTION overrides one issue of it (when an issue is given twice
    the last one counts). Shows the chance of success,
    each side's ratification, implementation and overall probability, every
    stakeholder's utility and approval (blocs included), each side's expected
    value, and who blocks: by how much, and which single-issue changes would
    bring them to approval at what cost to us. --threshold sets the approval
    level the diagnosis aims for.
    """
    loaded = load_case_warned(case)
    picked = chosen_deal(loaded, deal)
    assessment = assess(loaded, picked)
    diagnosis = diagnose(loaded, assessment.deal, threshold)
    broken = broken_constraints(loaded, assessment.deal)
    for b in broken:
        err_console().print(text(f"warning: this deal breaks a linked option: {b}"))
    if json_output:
        emit_json(ctx, analysis_json(assessment, diagnosis, broken, loaded))
    else:
        render_analysis(console(), loaded, assessment, diagnosis, explicit=picked is not None)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
