"""How sure is the plan? Sensitivity of the top move, and a seeded Monte Carlo.

**Uncertain inputs** (documented ranges):

- every Level II input the case gives a non-zero value: a stakeholder's
  audience cost, framing, hostility, reassurance, pressure, victory (each
  scaled by 0.5 … 1.5, clipped to [0, 1]; a constituency's blocs scale with
  it) and its credits (all scaled together); a third party's strength and
  backlash, an offer's values and cost, a rule change's legitimacy risk
  (× 0.5 … 1.5); the tacit enforceability (± 0.15, clipped to [0, 1]);
- for the sensitivity only, the reservation of each stakeholder that binds
  (± its uncertainty σ, or ± 0.05 when σ = 0): the Monte Carlo leaves
  reservations alone, since σ is already priced into every approval.

**Re-making the plan**: with an input changed, the plan is re-made by local
search starting from the plan's own moves (as generated in the changed case):
moves that stop paying are dropped, rivals swapped in, new moves added —
over the plan's moves and the :data:`SHORTLIST` best other candidates. So a
move "stays in the plan" exactly when it still pays there.

**Sensitivity**: each input at the low and the high end of its range, the
others as in the case. An input *flips* the recommendation when the top move
drops out of the re-made plan at either end; it *halves* it when the top
move's own gain (its net value alone, minus doing nothing) falls below half
of what it is in the case; it *reorders* it when the top move stays but
another move ranks first. The rows, sorted by the swing of the plan's net
value, are the data of a tornado chart.

**Monte Carlo**: ``draws`` draws, each input drawn uniformly over its range
from ``numpy.random.default_rng(seed)`` (the seed is in the output: same seed,
same numbers); the plan is re-made for each draw; reported: how often each
move is in the plan, and the distribution of the plan's net value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from leveltwo.engine.execution import Runner, Serial, batches
from leveltwo.model.case import Case, CaseLevel2, Category, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.strategies.evaluate import context
from leveltwo.strategies.findout import regenerate
from leveltwo.strategies.move import Move
from leveltwo.strategies.ops import State, evolve, rebuild
from leveltwo.strategies.plan import Plan
from leveltwo.strategies.planner import settings_for, start_state
from leveltwo.strategies.search import Search, Settings
from leveltwo.strategies.stakeholders import members, params

DEFAULT_DRAWS = 200
DEFAULT_SEED = 0
#: Scaled inputs range over [LOW, HIGH] × their value.
LOW, HIGH = 0.5, 1.5
#: The tacit enforceability ranges over ± this.
ENFORCEABILITY_SPREAD = 0.15
#: Reservations of binding stakeholders range over ± σ, or ± this when σ = 0.
RESERVATION_SPREAD = 0.05
#: Candidates besides the plan's own that re-planning considers.
SHORTLIST = 8
#: Binding stakeholders whose reservations are varied in the sensitivity.
MAX_RESERVATIONS = 6
SCALED = ("audience_cost", "framing", "hostility", "reassurance", "pressure", "victory")

Setter = Callable[[Case, float], Case]


@dataclass(frozen=True)
class Uncertain:
    """One uncertain input: its value in the case, its range, how to set it."""

    parameter: str
    base: float
    low: float
    high: float
    setter: Setter
    monte_carlo: bool = True


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def _scale_param(key: str, name: str) -> Setter:
    """Set ``key``'s parameter to ``value``, scaling its blocs by the same factor."""

    def fn(case: Case, value: float) -> Case:
        top = params(case.stakeholder(key))
        base = getattr(top, name)
        factor = value / base if base else 1.0

        def apply(st: Stakeholder) -> Stakeholder:
            p = params(st)
            change: dict[str, Any] = {name: _clip(getattr(p, name) * factor)}
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


def _level2(update: Callable[[Case, float], CaseLevel2]) -> Setter:
    def fn(case: Case, value: float) -> Case:
        return replace(case, level2=update(case, value))

    return fn


def uncertain_inputs(case: Case, deal: Deal) -> tuple[Uncertain, ...]:
    """Every uncertain input of the case (see the module docstring), in a fixed order."""
    out: list[Uncertain] = []
    for st in case.stakeholders():
        if st.key.count(".") != 1:
            continue  # blocs scale with their constituency
        p = params(st)
        for name in SCALED:
            v = getattr(p, name)
            if v > 0:
                out.append(
                    Uncertain(
                        f"{st.key}.{name}",
                        v,
                        _clip(LOW * v),
                        _clip(HIGH * v),
                        _scale_param(st.key, name),
                    )
                )
        if p.credits:
            out.append(Uncertain(f"{st.key}.credits (×)", 1.0, LOW, HIGH, _scale_credits(st.key)))
    l2 = case.level2
    if l2.tacit_enforceability is not None:
        e = l2.tacit_enforceability
        out.append(
            Uncertain(
                "level2.tacit_enforceability",
                e,
                _clip(e - ENFORCEABILITY_SPREAD),
                _clip(e + ENFORCEABILITY_SPREAD),
                _level2(lambda c, v: replace(c.level2, tacit_enforceability=v)),
            )
        )
    for k, t in enumerate(l2.third_parties):
        for name in ("strength", "backlash"):
            v = getattr(t, name)
            if v > 0:
                out.append(
                    Uncertain(
                        f"level2.third_parties.{t.id}.{name}",
                        v,
                        _clip(LOW * v),
                        _clip(HIGH * v),
                        _level2(_set_item("third_parties", k, name)),
                    )
                )
    for k, o in enumerate(l2.offers):
        out.append(
            Uncertain(
                f"level2.compensation.{o.id}.value (×)",
                1.0,
                LOW,
                HIGH,
                _level2(_scale_offer(k)),
            )
        )
    for k, r in enumerate(l2.rule_changes):
        if r.legitimacy_risk > 0:
            v = r.legitimacy_risk
            out.append(
                Uncertain(
                    f"level2.rule_changes.{r.id}.legitimacy_risk",
                    v,
                    _clip(LOW * v),
                    _clip(HIGH * v),
                    _level2(_set_item("rule_changes", k, "legitimacy_risk")),
                )
            )
    ctx = context(State(case, deal))
    for key in ctx.binding[:MAX_RESERVATIONS]:
        st = case.stakeholder(key)
        if getattr(st, "blocs", ()):
            continue
        spread = st.uncertainty if st.uncertainty > 0 else RESERVATION_SPREAD
        res = st.reservation
        out.append(
            Uncertain(
                f"{key}.reservation", res, res - spread, res + spread, _reservation(key), False
            )
        )
    return tuple(out)


def _set_item(field: str, index: int, name: str) -> Callable[[Case, float], CaseLevel2]:
    def fn(case: Case, value: float) -> CaseLevel2:
        items = list(getattr(case.level2, field))
        change: dict[str, Any] = {name: value}
        items[index] = replace(items[index], **change)
        update: dict[str, Any] = {field: tuple(items)}
        return replace(case.level2, **update)

    return fn


def _scale_offer(index: int) -> Callable[[Case, float], CaseLevel2]:
    def fn(case: Case, factor: float) -> CaseLevel2:
        offers = list(case.level2.offers)
        o = offers[index]
        offers[index] = replace(
            o, value=tuple((k, v * factor) for k, v in o.value), cost=o.cost * factor
        )
        return replace(case.level2, offers=tuple(offers))

    return fn


# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Sensitivity:
    """One input at both ends of its range: the top move and the plan's net value."""

    parameter: str
    base: float
    low: float
    high: float
    top_low: str | None
    top_high: str | None
    gain_low: float
    gain_high: float
    value_low: float
    value_high: float
    verdict: str

    def to_json(self) -> dict[str, object]:
        return {
            "parameter": self.parameter,
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


def _replan(
    case: Case, deal: Deal, settings: Settings, plan: tuple[Move, ...], ranked: bool = True
) -> tuple[Search, tuple[Move, ...]]:
    """Re-make the plan in ``case``: local search starting from the plan's moves (as
    generated in this case), so a move leaves the plan only if it stops paying."""
    search = Search(State(case, deal), settings)
    start = regenerate(search, plan)
    return search, search.best(start, use_beam=False, ranked=ranked)


def _gain(search: Search, move: Move | None) -> float:
    if move is None:
        return 0.0
    return search.value((move,)).value - search.value(()).value


def _find(search: Search, key: str | None) -> Move | None:
    if key is None:
        return None
    return next((m for m in search.pool(()) if m.key == key), None)


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
    settings = replace(settings_for(case, budget=plan.budget, allowed=_categories(plan)), beam=0)
    top = plan.chosen[0].key if plan.chosen else None
    settings = replace(settings, keys=_shortlist(case, start, settings, plan))
    base_search, base_best = _replan(case, start.deal, settings, plan.chosen)
    top_gain = _gain(base_search, _find(base_search, top))
    inputs = uncertain_inputs(case, start.deal)

    rows = []
    for u in inputs:
        ends = []
        for x in (u.low, u.high):
            search, best = _replan(u.setter(case, x), start.deal, settings, plan.chosen)
            keys = [m.key for m in best]
            ends.append((keys, _gain(search, _find(search, top)), search.value(best).value))
        (kl, gl, vl), (kh, gh, vh) = ends
        tl, th = (kl[0] if kl else None), (kh[0] if kh else None)
        if top is not None and (top not in kl or top not in kh):
            verdict = "flips"
        elif top is not None and top_gain > 0 and min(gl, gh) < 0.5 * top_gain:
            verdict = "halves"
        elif tl != top or th != top:
            verdict = "reorders"
        else:
            verdict = "stable"
        rows.append(
            Sensitivity(u.parameter, u.base, u.low, u.high, tl, th, gl, gh, vl, vh, verdict)
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
        for d, (drawn_keys, value) in zip(part, out, strict=True):
            counts.update(drawn_keys)
            values[d] = value
    frequency = tuple(
        sorted(((k, n / draws) for k, n in counts.items()), key=lambda kf: (-kf[1], kf[0]))
    )
    return Robustness(
        top=top,
        top_gain=top_gain,
        net_value=base_search.value(base_best).value,
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
    """Re-make the plan for a batch of Monte Carlo draws (module level: runners ship it)."""
    case, deal, settings, chosen, samples = task
    drawn = [u for u in uncertain_inputs(case, deal) if u.monte_carlo]
    out = []
    for row in samples:
        c = case
        for u, q in zip(drawn, row, strict=True):
            c = u.setter(c, u.low + float(q) * (u.high - u.low))
        search, best = _replan(c, deal, settings, chosen, ranked=False)
        out.append((tuple(m.key for m in best), search.value(best).value))
    return out


def _categories(plan: Plan) -> tuple[Category, ...]:
    return tuple(Category(c) for c in plan.allowed)


def _shortlist(case: Case, start: State, settings: Settings, plan: Plan) -> frozenset[str]:
    """The candidates re-planning considers: the plan's moves, and the
    :data:`SHORTLIST` others that add most net value on their own or on top of the plan."""
    search = Search(start, settings)
    here = search.value(plan.chosen).value
    nothing = search.value(()).value
    scored: dict[str, float] = {}
    for pool in (search.pool(()), search.pool(plan.chosen)):
        for m in pool:
            if m in plan.chosen:
                continue
            alone = search.value((m,)).value - nothing
            extra = (
                search.value((*plan.chosen, m)).value - here
                if search.compatible(plan.chosen, m)
                else -1.0
            )
            scored[m.key] = max(scored.get(m.key, -1.0), alone, extra)
    others = sorted(scored, key=lambda k: (-scored[k], k))[:SHORTLIST]
    return frozenset({m.key for m in plan.chosen} | set(others))
