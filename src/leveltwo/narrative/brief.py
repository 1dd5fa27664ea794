"""The prep brief: one page to take into the room.

Built from the same objects as the rest of the report (the assessment, the
diagnosis, the plan, the speech's lines to avoid), in words only:

- **verdict**: how likely the deal is to stick as it stands and after the plan
  (bands of P: at least 80% "likely to stick", 50–80% "more likely than not",
  20–50% "at risk", below 20% "unlikely to stick");
- **P and our EV** before → after the plan;
- **the three moves that matter most**: the plan's first three (the plan
  ranks them, each given those above it) with what each does to P;
- **who blocks and why**: the three stakeholders costing the deal most
  probability, with their approval and the blocs below the threshold;
- **what to avoid**: the plan's moves to avoid, then the speech's lines to
  avoid, at most :data:`MAX_ITEMS`;
- **what to find out**: the plan's questions worth asking, most valuable first.

Every number is the source object's; nothing is recomputed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from leveltwo.engine.assessment import Assessment
from leveltwo.engine.diagnosis import Diagnosis
from leveltwo.model.case import Case
from leveltwo.narrative.ingredients import LineToAvoid
from leveltwo.narrative.names import move_name
from leveltwo.narrative.numbers import percent, points, utility
from leveltwo.strategies.planresult import Plan

#: Items per list of the brief.
MAX_ITEMS = 3


def outlook(p: float) -> str:
    """P in words (the bands of the module docstring)."""
    if p >= 0.8:
        return "likely to stick"
    if p >= 0.5:
        return "more likely than not to stick"
    if p >= 0.2:
        return "at risk"
    return "unlikely to stick"


def _pct(p: float) -> str:
    return percent(p, 1)


@dataclass(frozen=True)
class PrepBrief:
    """The one-page brief (see the module docstring)."""

    verdict: str
    success_before: float
    success_after: float | None
    ev_before: float
    ev_after: float | None
    moves: tuple[str, ...]
    blockers: tuple[str, ...]
    avoid: tuple[str, ...]
    find_out: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "success_probability_before": self.success_before,
            "success_probability_after": self.success_after,
            "expected_value_before": self.ev_before,
            "expected_value_after": self.ev_after,
            "moves": list(self.moves),
            "blockers": list(self.blockers),
            "avoid": list(self.avoid),
            "find_out": list(self.find_out),
        }


def _verdict(p: float, plan: Plan | None) -> str:
    now = f"As it stands the deal is {outlook(p)} ({_pct(p)})."
    if plan is None:
        return now
    after = plan.success_probability_after
    n = len(plan.moves)
    if n == 0:
        return now + " The planner found no Level II move worth making."
    moves = "move" if n == 1 else "moves"
    return now + f" With the plan's {n} {moves} it is {outlook(after)} ({_pct(after)})."


def _moves(plan: Plan | None) -> tuple[str, ...]:
    if plan is None:
        return ()
    return tuple(
        f"{m.title}{f' (for {m.target_name})' if m.target_name else ''}: P "
        f"{_pct(m.success_probability_before)} → {_pct(m.success_probability_after)}."
        for m in plan.moves[:MAX_ITEMS]
    )


def _blockers(case: Case, d: Diagnosis) -> tuple[str, ...]:
    out = []
    for b in d.blockers[:MAX_ITEMS]:
        whose = "our side" if b.side == case.us else "their side"
        why = (
            f"approves with {_pct(b.approval_probability)}, below the {_pct(d.threshold)} bar"
            if b.binding
            else f"approves with {_pct(b.approval_probability)}"
        )
        weak = [f"{name} at {_pct(p)}" for _, name, p, _ in b.blocs if p < d.threshold]
        inside = f"; within it, {', '.join(weak)}" if weak else ""
        short = f", {utility(b.shortfall, 2)} utility short" if b.shortfall else ""
        out.append(
            f"{b.name} ({whose}) {why}{short}{inside}. It costs the deal "
            f"{points(b.probability_cost)}: P would be "
            f"{_pct(d.success_probability + b.probability_cost)} if it surely said yes."
        )
    return tuple(out)


def _avoid(plan: Plan | None, lines: Sequence[LineToAvoid]) -> tuple[str, ...]:
    out: list[str] = []
    for a in () if plan is None else plan.avoid:
        cost = points(a.success_probability_change, sign=True)
        out.append(f"{a.what.rstrip('.')} (P {cost}).")
    out.extend(line.sentence() for line in lines)
    return tuple(out[:MAX_ITEMS])


def _find_out(case: Case, plan: Plan | None) -> tuple[str, ...]:
    out = []
    for f in () if plan is None else plan.find_out[:MAX_ITEMS]:
        q = f.question.rstrip()
        unlocks = [move_name(case, k) for k in f.unlocks]
        extra = [f"worth up to {utility(f.value_of_information, 2)} of our expected value"]
        if unlocks:
            extra.append("it decides " + ", ".join(dict.fromkeys(unlocks)))
        out.append(f"{q} ({'; '.join(extra)})")
    return tuple(out)


def prep_brief(
    case: Case,
    assessment: Assessment,
    diagnosis: Diagnosis,
    plan: Plan | None,
    lines_to_avoid: Sequence[LineToAvoid] = (),
) -> PrepBrief:
    """The brief for the deal assessed (see the module docstring)."""
    p = assessment.success_probability
    ev = assessment.expected_value[case.us]
    return PrepBrief(
        verdict=_verdict(p, plan),
        success_before=p,
        success_after=None if plan is None else plan.success_probability_after,
        ev_before=ev,
        ev_after=None if plan is None else plan.expected_value_after,
        moves=_moves(plan),
        blockers=_blockers(case, diagnosis),
        avoid=_avoid(plan, lines_to_avoid),
        find_out=_find_out(case, plan),
    )


__all__ = ["PrepBrief", "outlook", "prep_brief"]
