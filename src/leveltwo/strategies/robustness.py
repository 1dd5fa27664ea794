"""How sure is the plan? Sensitivity of the top move, and a seeded Monte Carlo.

**Uncertain inputs** (documented ranges):

- every Level II input the case gives a non-zero value: a stakeholder's
  audience cost, framing, hostility, reassurance, pressure, victory (each
  scaled by 0.5 … 1.5, clipped to [0, 1]; a constituency's blocs scale with
  it) and its credits (all scaled together); a third party's strength and
  backlash, an offer's values and cost, a rule change's legitimacy risk
  (× 0.5 … 1.5); the tacit enforceability (± 0.15, clipped to [0, 1]).
  The case-level inputs are declared by the move categories that rely on
  them, through their ``uncertain_inputs`` hook (registry order; the ranges
  are built by :mod:`leveltwo.strategies.uncertainty`);
- for the sensitivity only, the reservation of each stakeholder that binds
  (± its uncertainty σ, or ± 0.05 when σ = 0): the Monte Carlo leaves
  reservations alone, since σ is already priced into every approval.

- inputs the case leaves at a default of 0 that a move relies on (a third
  party's backlash and cost, a rule change's legitimacy risk, a side payment's
  cost): from 0 up to :data:`~leveltwo.strategies.uncertainty.ASSUMED_RISK` (probabilities) or
  :data:`~leveltwo.strategies.uncertainty.ASSUMED_COST` (costs), so the assumption is tested too.

**This plan, tested**: with an input changed, the plan's own moves are made
again in the changed case (each regenerated from the changed inputs, so a
weaker frame or a likelier backlash is what the move now does) and valued by
the planner's objective; the plan is not re-made. The base is the plan's net
value, exactly. A move *still pays* where dropping it from the plan lowers the
plan's net value.

**Sensitivity**: each input at the low and the high end of its range, the
others as in the case. An input *flips* the recommendation when the top move
(the plan's first) stops paying at either end; it *halves* it when the top
move's contribution to the plan falls below half of what it is in the case; it
*reorders* it when another move of the plan contributes more than the top move.
The rows, sorted by the swing of the plan's net value, are the data of a
tornado chart; each input is named in words (``label``) and by its field
(``parameter``).

**Monte Carlo**: ``draws`` draws, each input drawn uniformly over its range
from ``numpy.random.default_rng(seed)`` (the seed is in the output: same seed,
same numbers); reported: for each move of the plan, the share of draws in which
it still pays, and the distribution of the plan's net value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import numpy as np

from leveltwo.engine.execution import Runner, Serial, batches
from leveltwo.model import fields
from leveltwo.model.case import Case, Category, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.strategies.evaluate import context
from leveltwo.strategies.joint import candidate_pool
from leveltwo.strategies.move import Move, Strategy
from leveltwo.strategies.ops import State, evolve, rebuild
from leveltwo.strategies.planner import settings_for, start_state
from leveltwo.strategies.planresult import Plan
from leveltwo.strategies.registry import REGISTRY, strategy
from leveltwo.strategies.search import Search, Settings
from leveltwo.strategies.stakeholders import members, name_of, params
from leveltwo.strategies.uncertainty import (
    HIGH,
    LOW,
    Setter,
    Uncertain,
    clip,
)

DEFAULT_DRAWS = 200
DEFAULT_SEED = 0
#: Reservations of binding stakeholders range over ± σ, or ± this when σ = 0.
RESERVATION_SPREAD = 0.05
#: Binding stakeholders whose reservations are varied in the sensitivity.
MAX_RESERVATIONS = 6
#: The stakeholder parameters scaled one by one, declared in leveltwo.model.fields.
SCALED = fields.SCALED
#: Each stakeholder parameter in words (credits are scaled all together).
WORDS = {**fields.WORDS, "credits": f"{fields.WORDS['credits']} (all scaled)"}


def _scale_param(key: str, name: str) -> Setter:
    """Set ``key``'s parameter to ``value``, scaling its blocs by the same factor."""

    def fn(case: Case, value: float) -> Case:
        top = params(case.stakeholder(key))
        base = getattr(top, name)
        factor = value / base if base else 1.0

        def apply(st: Stakeholder) -> Stakeholder:
            p = params(st)
            change: dict[str, Any] = {name: clip(getattr(p, name) * factor)}
            new = replace(p, **change)
            return evolve(st, level2=new)

        return rebuild(case, {m.key: apply for m in members(case, key)})

    return fn


def _scale_credits(key: str) -> Setter:
    def fn(case: Case, factor: float) -> Case:
        def apply(st: Stakeholder) -> Stakeholder:
            p = params(st)
            credits = tuple((s, c * factor) for s, c in p.credits)
            return evolve(st, level2=replace(p, credits=credits))

        return rebuild(case, {m.key: apply for m in members(case, key)})

    return fn


def _reservation(key: str) -> Setter:
    def fn(case: Case, value: float) -> Case:
        def apply(st: Stakeholder) -> Stakeholder:
            return evolve(st, reservation=value)

        return rebuild(case, {key: apply})

    return fn


#: Categories whose inputs come first, in this order: the order in which the seeded
#: Monte Carlo has always drawn them (each input is one column of the draws), so the
#: published numbers stay the same. Every other category's ``uncertain_inputs`` hook
#: follows, in registry order: a new category needs no entry here.
SAMPLE_ORDER = (
    Category.AGREEMENT_FORM,
    Category.OUTSIDE_PRESSURE,
    Category.COMPENSATION,
    Category.THWART_OPPONENTS,
)


def _sample_order() -> tuple[Strategy, ...]:
    first = [strategy(c) for c in SAMPLE_ORDER]
    return (*first, *(s for s in REGISTRY if s.category not in SAMPLE_ORDER))


def uncertain_inputs(case: Case, deal: Deal) -> tuple[Uncertain, ...]:
    """Every uncertain input of the case (see the module docstring), in a fixed order."""
    out: list[Uncertain] = []
    for st in case.stakeholders():
        if st.key.is_bloc:
            continue  # blocs scale with their constituency
        p = params(st)
        for name in SCALED:
            v = getattr(p, name)
            if v > 0:
                out.append(
                    Uncertain(
                        f"{st.key}.{name}",
                        v,
                        clip(LOW * v),
                        clip(HIGH * v),
                        _scale_param(st.key, name),
                        label=f"{name_of(case, st.key)}: {WORDS[name]}",
                    )
                )
        if p.credits:
            out.append(
                Uncertain(
                    f"{st.key}.credits (×)",
                    1.0,
                    LOW,
                    HIGH,
                    _scale_credits(st.key),
                    label=f"{name_of(case, st.key)}: {WORDS['credits']}",
                )
            )
    for s in _sample_order():  # each category's own inputs (its hook)
        out.extend(s.uncertain_inputs(case))
    ctx = context(State(case, deal))
    for key in ctx.binding[:MAX_RESERVATIONS]:
        st = case.stakeholder(key)
        if getattr(st, "blocs", ()):
            continue
        spread = st.uncertainty if st.uncertainty > 0 else RESERVATION_SPREAD
        res = st.reservation
        out.append(
            Uncertain(
                f"{key}.reservation",
                res,
                res - spread,
                res + spread,
                _reservation(key),
                False,
                label=f"{name_of(case, key)}: {WORDS['reservation']}",
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------
class Verdict(StrEnum):
    """What varying one input over its range does to the plan's top move."""

    FLIPS = "flips"  # the top move stops paying at one end
    HALVES = "halves"  # its gain falls below half
    REORDERS = "reorders"  # another move leads at one end
    STABLE = "stable"


@dataclass(frozen=True)
class Sensitivity:
    """One input at both ends of its range: the top move and the plan's net value."""

    parameter: str
    label: str
    base: float
    low: float
    high: float
    top_low: str | None
    top_high: str | None
    gain_low: float
    gain_high: float
    value_low: float
    value_high: float
    verdict: Verdict

    def to_json(self) -> dict[str, object]:
        return {
            "parameter": self.parameter,
            "label": self.label,
            "base": self.base,
            "low": self.low,
            "high": self.high,
            "top_move_low": self.top_low,
            "top_move_high": self.top_high,
            "top_gain_low": self.gain_low,
            "top_gain_high": self.gain_high,
            "net_value_low": self.value_low,
            "net_value_high": self.value_high,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class Robustness:
    """Sensitivity rows (widest swing first) and Monte Carlo frequencies."""

    top: str | None
    top_gain: float
    net_value: float
    sensitivity: tuple[Sensitivity, ...]
    seed: int
    draws: int
    frequency: tuple[tuple[str, float], ...]
    value_mean: float
    value_p05: float
    value_p95: float

    def to_json(self) -> dict[str, object]:
        return {
            "top_move": self.top,
            "top_gain": self.top_gain,
            "net_value": self.net_value,
            "sensitivity": [s.to_json() for s in self.sensitivity],
            "tornado": [
                {
                    "parameter": s.parameter,
                    "label": s.label,
                    "low": s.value_low - self.net_value,
                    "high": s.value_high - self.net_value,
                }
                for s in self.sensitivity
            ],
            "monte_carlo": {
                "seed": self.seed,
                "draws": self.draws,
                "frequency": [{"move": k, "share": f} for k, f in self.frequency],
                "net_value": {
                    "mean": self.value_mean,
                    "p05": self.value_p05,
                    "p95": self.value_p95,
                },
            },
        }


def _remade(case: Case, deal: Deal, settings: Settings, plan: tuple[Move, ...]) -> _Tested:
    """The plan's own moves made again in ``case`` (each regenerated from its inputs)."""
    search = Search(State(case, deal), settings)
    ctx = context(search.base)
    pool = {m.key: m for m in candidate_pool(ctx, settings.allowed)}
    moves = tuple(pool.get(m.key, m) for m in plan)
    return _Tested(search, moves)


@dataclass
class _Tested:
    search: Search
    moves: tuple[Move, ...]

    @property
    def value(self) -> float:
        return self.search.value(self.moves).value

    def contribution(self, key: str | None) -> float:
        """What the move adds to the plan here (its value minus the plan without it)."""
        if key is None:
            return 0.0
        rest = tuple(m for m in self.moves if m.key != key)
        return self.value - self.search.value(rest).value

    def leader(self) -> str | None:
        """The move of the plan that contributes most here, if any still pays."""
        scored = [(self.contribution(m.key), m.key) for m in self.moves]
        paying = [x for x in scored if x[0] > 0]
        return max(paying, key=lambda x: (x[0], x[1]))[1] if paying else None


def robustness(
    case: Case,
    plan: Plan,
    deal: Deal | None = None,
    *,
    seed: int = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
    runner: Runner | None = None,
) -> Robustness:
    """Sensitivity and Monte Carlo for the plan of ``case`` (see the module docstring)."""
    start = start_state(case, deal)
    settings = settings_for(case, budget=plan.budget, allowed=_categories(plan))
    top = plan.chosen[0].key if plan.chosen else None
    base = _Tested(Search(start, settings), plan.chosen)
    top_gain = base.contribution(top)
    inputs = uncertain_inputs(case, start.deal)

    rows = []
    for u in inputs:
        ends = []
        for x in (u.low, u.high):
            t = _remade(u.setter(case, x), start.deal, settings, plan.chosen)
            ends.append((t.leader(), t.contribution(top), t.value))
        (tl, gl, vl), (th, gh, vh) = ends
        if top is not None and min(gl, gh) <= 0:
            verdict = Verdict.FLIPS
        elif top is not None and top_gain > 0 and min(gl, gh) < 0.5 * top_gain:
            verdict = Verdict.HALVES
        elif tl != top or th != top:
            verdict = Verdict.REORDERS
        else:
            verdict = Verdict.STABLE
        rows.append(
            Sensitivity(
                u.parameter,
                u.label or u.parameter,
                u.base,
                u.low,
                u.high,
                tl,
                th,
                gl,
                gh,
                vl,
                vh,
                verdict,
            )
        )
    rows.sort(key=lambda s: (-abs(s.value_high - s.value_low), s.parameter))

    rng = np.random.default_rng(seed)
    samples = rng.uniform(0.0, 1.0, size=(draws, sum(u.monte_carlo for u in inputs)))
    counts: Counter[str] = Counter()
    values = np.empty(draws)
    # the draws run on ``runner`` (engine/execution.py) in batches; all drawn above
    runner = runner or Serial()
    parts = batches(range(draws), runner.workers * 4)
    tasks = [(case, start.deal, settings, plan.chosen, samples[p[0] : p[-1] + 1]) for p in parts]
    for part, out in zip(parts, runner.map(_draw_batch, tasks), strict=True):
        for d, (paying, value) in zip(part, out, strict=True):
            counts.update(paying)
            values[d] = value
    order = {m.key: k for k, m in enumerate(plan.chosen)}
    frequency = tuple((m.key, counts[m.key] / draws) for m in plan.chosen)
    frequency = tuple(sorted(frequency, key=lambda kf: (-kf[1], order[kf[0]])))
    return Robustness(
        top=top,
        top_gain=top_gain,
        net_value=base.value,
        sensitivity=tuple(rows),
        seed=seed,
        draws=draws,
        frequency=frequency,
        value_mean=float(values.mean()),
        value_p05=float(np.quantile(values, 0.05)),
        value_p95=float(np.quantile(values, 0.95)),
    )


DrawTask = tuple[Case, Deal, Settings, tuple[Move, ...], np.ndarray]


def _draw_batch(task: DrawTask) -> list[tuple[tuple[str, ...], float]]:
    """The plan's moves made again for a batch of Monte Carlo draws: the keys of those
    that still pay, and the plan's value (module level: any runner can ship it)."""
    case, deal, settings, chosen, samples = task
    drawn = [u for u in uncertain_inputs(case, deal) if u.monte_carlo]
    out = []
    for row in samples:
        c = case
        for u, q in zip(drawn, row, strict=True):
            c = u.setter(c, u.low + float(q) * (u.high - u.low))
        t = _remade(c, deal, settings, chosen)
        out.append((tuple(m.key for m in t.moves if t.contribution(m.key) > 0), t.value))
    return out


def _categories(plan: Plan) -> tuple[Category, ...]:
    return tuple(Category(c) for c in plan.allowed)
