"""What to find out: the inputs the case lacks, and what each could be worth.

Each registered category names the inputs it would need for the stakeholders
that bind (an audience cost, a framing receptivity, whether a third party
reaches them, ...), each with documented plausible values θ_k and weights
w_k. The knowledge lever adds, for binding stakeholders whose reservation is
uncertain (σ > 0), the value of learning it: θ_k = r + z_k·σ with the
three-point Gauss–Hermite rule for a normal (z = −√3, 0, √3; weights 1/6,
2/3, 1/6) and σ = 0 once known.

For each input, with the case changed to θ_k, the planner re-plans, starting
from the current plan (so it can only keep or improve it), and

    value of information = Σ_k w_k · (V*(θ_k) − V_plan(θ_k))

where V_plan(θ_k) is the current plan's net value in that case (its moves
regenerated with the input at θ_k) and V*(θ_k) the re-planned one. This is
the expected gain of planning with the input known rather than ignoring it;
it is never negative. ``unlocks`` names the moves the re-planned searches add.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from leveltwo.model.case import Case, Constituency, Stakeholder
from leveltwo.strategies.evaluate import context
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Move, Unknown
from leveltwo.strategies.ops import State, rebuild
from leveltwo.strategies.planresult import FindOut
from leveltwo.strategies.registry import REGISTRY
from leveltwo.strategies.search import Search
from leveltwo.strategies.stakeholders import name_of

#: At most this many inputs are priced (most important stakeholders first).
MAX_UNKNOWNS = 14
#: Inputs worth less than this are not listed.
MIN_VALUE = 5e-4
#: Three-point Gauss–Hermite rule for a standard normal.
GAUSS_HERMITE = ((-math.sqrt(3.0), 1 / 6), (0.0, 2 / 3), (math.sqrt(3.0), 1 / 6))


def _knowing(key: str) -> Callable[[Case, float], Case]:
    def fn(case: Case, value: float) -> Case:
        def pin(st: Stakeholder) -> Stakeholder:
            return replace(st, reservation=value, uncertainty=0.0)

        return rebuild(case, {key: pin})

    return fn


def knowledge_unknowns(binding: tuple[str, ...], case: Case) -> list[Unknown]:
    """The value of pinning down the reservations of uncertain binding stakeholders."""
    out = []
    for key in binding:
        st = case.stakeholder(key)
        if isinstance(st, Constituency) and st.blocs:
            continue
        if st.uncertainty <= 0:
            continue
        r, s = st.reservation, st.uncertainty
        out.append(
            Unknown(
                parameter=f"{key}.reservation",
                question=(
                    f"What is the real bar of {name_of(case, key)}? (the case has {r:.3f} ± "
                    f"{s:.3f})"
                ),
                category=next(iter(REGISTRY)).category,
                lever=Lever.KNOWLEDGE,
                plausible=tuple(r + z * s for z, _ in GAUSS_HERMITE),
                weights=tuple(w for _, w in GAUSS_HERMITE),
                basis="normal around the case's reservation with its uncertainty (3-point rule)",
                setter=_knowing(key),
                about=key,
            )
        )
    return out


def regenerate(search: Search, plan: tuple[Move, ...]) -> tuple[Move, ...]:
    """The plan's moves as generated in ``search``'s case (same keys; a move no longer
    generated there is kept as it was), in plan order."""
    out: list[Move] = []
    first = {c.key: c for c in search.pool(())}
    for m in plan:
        match = first.get(m.key) or next((c for c in search.pool(out) if c.key == m.key), m)
        out.append(match)
    return tuple(out)


def find_out(search: Search, plan: tuple[Move, ...]) -> tuple[FindOut, ...]:
    """Inputs worth finding out, most valuable first."""
    base = search.base
    final = search.value(plan).state
    allowed = search.settings.allowed
    ranked: dict[str, tuple[int, int, Unknown]] = {}
    for ctx in (context(base), context(final, base)):
        found: list[Unknown] = []
        for strategy in REGISTRY:
            if strategy.category in allowed:
                found.extend(strategy.unknowns(ctx))
        found.extend(knowledge_unknowns(ctx.binding[:3], base.case))
        order = {k: i for i, k in enumerate(ctx.binding)}
        for n, u in enumerate(found):
            priority = (order.get(u.about, len(order)) if u.about else -1, n)
            if u.parameter not in ranked or priority < ranked[u.parameter][:2]:
                ranked[u.parameter] = (*priority, u)
    unknowns = [u for _, _, u in sorted(ranked.values(), key=lambda x: (x[0], x[1]))]
    settings = replace(search.settings, beam=0)
    keys = {m.key for m in plan}
    out = []
    for u in unknowns[:MAX_UNKNOWNS]:
        total = 0.0
        unlocked: list[str] = []
        for theta, w in zip(u.plausible, u.weights, strict=True):
            probe = Search(State(u.setter(base.case, theta), base.deal), settings)
            current = regenerate(probe, plan)
            best = probe.best(current, use_beam=False, ranked=False, swaps=False)
            gain = probe.value(best).value - probe.value(current).value
            total += w * max(0.0, gain)
            unlocked.extend(m.key for m in best if m.key not in keys and m.key not in unlocked)
        if total < MIN_VALUE:
            continue
        out.append(
            FindOut(
                parameter=u.parameter,
                question=u.question,
                category=None if u.lever is Lever.KNOWLEDGE else u.category,
                lever=u.lever,
                plausible_values=u.plausible,
                weights=u.weights,
                basis=u.basis,
                value_of_information=total,
                unlocks=tuple(unlocked),
            )
        )
    out.sort(key=lambda f: (-f.value_of_information, f.parameter))
    return tuple(out)
