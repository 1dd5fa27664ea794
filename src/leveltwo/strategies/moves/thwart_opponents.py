"""``thwart_opponents`` — in extraordinary cases, design measures with the counterpart that
neutralise its Level II opponents.

Lever: rule. Sometimes no term, frame or signal will bring a veto player
round, and both negotiators want the deal. Then they can change how the other
side decides: an executive agreement instead of a treaty that needs a
supermajority, a structure that avoids a shareholder vote, a deal split so the
opponent's part goes to a different forum, a blocker's veto converted into
consultation. Sebenius (2014) lists, "in extraordinary cases, directly
negotiating with one's counterparts to design measures that thwart its Level
II opponents"; Putnam (1988) shows how ratification institutions (a two-thirds
rule) set the size of a win-set, and Mo (1995) who holds a veto. Such measures
raise questions of legitimacy: they are off unless the case or the user
allows the category, and flagged as extraordinary.

Model: a rule change (``level2.rule_changes``) sets the target constituency's
``power`` (e.g. ratify → block or influence), ``quota`` and/or blocker
``strength``. Its named risk: with probability ``legitimacy_risk`` the
measure is exposed and fails — the rule stays as it was and the target's
reservation rises by its hostility. ``cost``: our utility spent, either way.
"""

from __future__ import annotations

from leveltwo.model.case import Case, Category, Power, RuleChange
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Risk, Strategy
from leveltwo.strategies.ops import SetRule, shift_ops
from leveltwo.strategies.stakeholders import hostility_assumptions, name_of, per_member
from leveltwo.strategies.uncertainty import (
    ASSUMED_COST,
    ASSUMED_RISK,
    Uncertain,
    assumed_fields,
    scaled,
    set_item,
)


def _describe(r: RuleChange) -> str:
    parts = []
    if r.power is not None:
        parts.append(f"power {r.power.value}")
    if r.quota is not None:
        parts.append(f"quota {r.quota:.0%}")
    if r.strength is not None:
        parts.append(f"blocking strength {r.strength:.0%}")
    return ", ".join(parts)


def rule_move(ctx: Context, r: RuleChange) -> Move:
    """The rule change as a move."""
    case = ctx.case
    backlash = per_member(case, r.target, lambda p: p.hostility)
    target = case.stakeholder(r.target)
    was = getattr(target, "power", Power.RATIFY)
    return Move(
        key=f"thwart_opponents:{r.id}",
        category=Category.THWART_OPPONENTS,
        lever=Lever.RULE,
        title=f"Extraordinary: {r.name}",
        targets=(r.target,),
        ops=(SetRule(r.target, r.power, r.quota, r.strength),),
        why=(
            f"{name_of(case, r.target)} ({was.value}) holds the deal back; the measure "
            f"changes how it decides ({_describe(r)}). Extraordinary: with probability "
            f"{r.legitimacy_risk:.0%} it is exposed as illegitimate and fails."
        ),
        fixed_cost=r.cost,
        risk=Risk(
            name="legitimacy",
            probability=r.legitimacy_risk,
            ops=shift_ops(backlash),
            description="the measure is exposed and fails; the target hardens",
        )
        if r.legitimacy_risk > 0
        else None,
        groups=(f"rule:{r.target}",),
        extraordinary=True,
        assumptions=_assumptions(case, r),
    )


def _assumptions(case: Case, r: RuleChange) -> tuple[str, ...]:
    k = next(i for i, x in enumerate(case.level2.rule_changes) if x.id == r.id)
    out = []
    if "legitimacy_risk" in r.assumed:
        out.append(
            "assumes no risk that the measure is exposed and fails: set "
            f"`level2.rule_changes[{k}].legitimacy_risk`"
        )
    elif r.legitimacy_risk > 0:
        out.extend(hostility_assumptions(case, [r.target]))
    if "cost" in r.assumed:
        out.append(f"assumes it costs us nothing: set `level2.rule_changes[{k}].cost`")
    return tuple(out)


def generate(ctx: Context) -> tuple[Move, ...]:
    """Every rule change the case lists."""
    return tuple(rule_move(ctx, r) for r in ctx.case.level2.rule_changes)


#: A rule change's legitimacy risk in words.
_EXPOSED = "chance it is exposed and fails"


def uncertain_inputs(case: Case) -> tuple[Uncertain, ...]:
    """Each rule change's legitimacy risk the case gives (scaled); a legitimacy risk or
    cost left at 0, from 0."""
    out: list[Uncertain] = []
    for k, r in enumerate(case.level2.rule_changes):
        if r.legitimacy_risk > 0:
            out.append(
                scaled(
                    f"level2.rule_changes.{r.id}.legitimacy_risk",
                    r.legitimacy_risk,
                    set_item("rule_changes", k, "legitimacy_risk"),
                    f"{r.name}: {_EXPOSED}",
                )
            )
        out.extend(
            assumed_fields(
                "rule_changes",
                k,
                (r.id, r.name, frozenset(r.assumed)),
                (
                    ("legitimacy_risk", ASSUMED_RISK, _EXPOSED),
                    ("cost", ASSUMED_COST, "its cost"),
                ),
            )
        )
    return tuple(out)


STRATEGY = Strategy(
    category=Category.THWART_OPPONENTS,
    lever=Lever.RULE,
    title="Extraordinary: design measures with the counterpart that neutralise its opponents",
    mechanism=(
        "Change the ratification route or rule (power, quota) or weaken a blocker, agreed "
        "with the counterpart; flagged extraordinary, with its legitimacy risk."
    ),
    parameters=(
        "level2.rule_changes[].target, power, quota, strength, legitimacy_risk, cost",
        "stakeholder hostility (the backlash if exposed)",
        "level2.allowed (this category is off unless allowed)",
    ),
    cost="the measure's cost, and a named legitimacy risk with its probability",
    preconditions="the category is allowed and the case lists a rule change",
    sources=("Sebenius 2014 (h)", "Putnam 1988", "Mo 1995"),
    generate=generate,
    uncertain_inputs=uncertain_inputs,
)
