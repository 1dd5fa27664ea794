"""Search for the set of moves that maximises our net value under a budget.

The objective is V(M) of :mod:`leveltwo.strategies.evaluate`: our risk-adjusted
expected value net of payments and fixed costs, every number from the engine
on the changed case. Moves on the same stakeholder interact through the case
(two reservation shifts feed one Φ; a frame changes what a later term is
worth), never by adding effects.

1. **Candidates** come from every registered category the user allows, for
   the stakeholders that bind or nearly bind on either side; they are
   regenerated after each move (a term change can make another stakeholder
   bind).
2. **Greedy with re-evaluation**: add the move that raises V most, re-evaluate
   every remaining candidate on the changed case, repeat until nothing helps.
3. **Beam search** over sets (width ``beam``), which finds pairs of moves that
   only pay together (a costly term plus the frame that sells it).
4. Each result is improved by **local search** — drop a move that no longer
   adds value, extend greedily, or swap a move for a rival it excludes (another
   option for the same issue, the other form of agreement) — until nothing
   helps; the better one is **ranked** by marginal value.

Constraints: a set of moves may change the deal's terms only into a deal that
keeps the case's linked options (``constraints:``, checked by the engine's
:func:`~leveltwo.engine.constraints.feasible_deal`); moves sharing a group
exclude each other (two options for one issue, two forms of agreement); at
most :data:`~leveltwo.strategies.evaluate.MAX_RISKY` risky moves; each move's
own cost and the plan's total cost within the budget.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from leveltwo.engine.constraints import feasible_deal
from leveltwo.model.case import DEFAULT_ALLOWED, Category
from leveltwo.strategies.evaluate import (
    MAX_RISKY,
    ApprovalCache,
    Outcome,
    apply_moves,
    context,
    outcome,
)
from leveltwo.strategies.move import Move
from leveltwo.strategies.ops import Memo, State
from leveltwo.strategies.registry import candidates

#: A move must add at least this much to our net value (utility) to enter a plan.
MIN_GAIN = 1e-4
#: A step worth less than this share of what it and the next step are worth together
#: is reported as a package with that step.
PACKAGE_SHARE = 0.1
#: Slack when comparing a cost with the budget.
BUDGET_SLACK = 1e-12


@dataclass(frozen=True)
class Settings:
    """How the search runs: budget (None: unlimited), allowed categories, effort."""

    budget: float | None = None
    allowed: frozenset[Category] = frozenset(DEFAULT_ALLOWED)
    beam: int = 4
    max_moves: int = 10
    min_gain: float = MIN_GAIN
    #: When given, only candidates with these keys, generated once from the base state.
    keys: frozenset[str] | None = None


class Search:
    """Evaluations of move sets from one base state, cached."""

    def __init__(self, base: State, settings: Settings) -> None:
        self.base = base
        self.settings = settings
        self._values: dict[frozenset[Move], Outcome] = {}
        self._alone: dict[Move, float] = {}
        self._pools: dict[frozenset[Move], tuple[Move, ...]] = {}
        self._approvals: ApprovalCache = {}
        self._memo = Memo()
        self.evaluations = 0

    # ---- evaluation --------------------------------------------------------
    def value(self, moves: Iterable[Move]) -> Outcome:
        key = frozenset(moves)
        if key not in self._values:
            self.evaluations += 1
            self._values[key] = outcome(self.base, tuple(key), self._approvals, self._memo)
        return self._values[key]

    def own_cost(self, move: Move) -> float:
        """The nominal cost of a move on its own (terms, payment, fixed)."""
        if move not in self._alone:
            self._alone[move] = self.value((move,)).cost
        return self._alone[move]

    def pool(self, moves: Iterable[Move]) -> tuple[Move, ...]:
        """Candidates for the state after ``moves`` (allowed categories only)."""
        key = frozenset(moves)
        if self.settings.keys is not None and key:
            return self.pool(())
        if key not in self._pools:
            state = apply_moves(self.base, tuple(key)) if key else self.base
            ctx = context(state, self.base)
            pool = candidates(ctx, self.settings.allowed)
            if self.settings.keys is not None:
                pool = self._keyed(pool, self.settings.keys)
            self._pools[key] = pool
        return self._pools[key]

    def _keyed(self, pool: tuple[Move, ...], keys: frozenset[str]) -> tuple[Move, ...]:
        """The candidates with the given keys; keys only generated once some of them
        are applied (a term that makes another stakeholder bind) are looked for there."""
        found = [m for m in pool if m.key in keys]
        missing = keys - {m.key for m in found}
        if missing and found:
            applied: list[Move] = []
            for m in found:
                if self.compatible(applied, m):
                    applied.append(m)
            ctx = context(apply_moves(self.base, tuple(applied)), self.base)
            found.extend(m for m in candidates(ctx, self.settings.allowed) if m.key in missing)
        return tuple(found)

    def pools(self) -> tuple[tuple[Move, ...], ...]:
        """Every candidate pool generated so far."""
        return tuple(self._pools.values())

    def affordable(self, cost: float) -> bool:
        budget = self.settings.budget
        return budget is None or cost <= budget + BUDGET_SLACK

    def admissible(self, o: Outcome) -> bool:
        """Whether the deal after the moves keeps the case's constraints (a deal left as
        it was is always admissible: the plan did not choose it)."""
        deal = o.state.deal
        return deal == self.base.deal or feasible_deal(o.state.case, deal)

    def compatible(self, chosen: Sequence[Move], m: Move) -> bool:
        if any(c.key == m.key for c in chosen):
            return False
        groups = {g for c in chosen for g in c.groups}
        if groups.intersection(m.groups):
            return False
        if m.risk is not None and sum(c.risk is not None for c in chosen) >= MAX_RISKY:
            return False
        return self.affordable(self.own_cost(m))

    def extensions(self, chosen: Sequence[Move]) -> list[tuple[Move, Outcome]]:
        """Every compatible, affordable one-move extension that adds value."""
        here = self.value(chosen).value
        out = []
        seen: set[str] = set()
        for m in self.pool(chosen):
            if m.key in seen or not self.compatible(chosen, m):
                continue
            seen.add(m.key)
            o = self.value((*chosen, m))
            if (
                o.value > here + self.settings.min_gain
                and self.affordable(o.cost)
                and self.admissible(o)
            ):
                out.append((m, o))
        return out

    # ---- strategies -------------------------------------------------------
    def greedy(self, start: Sequence[Move] = ()) -> tuple[Move, ...]:
        chosen = list(start)
        while len(chosen) < self.settings.max_moves:
            options = self.extensions(chosen)
            if not options:
                break
            m, _ = max(options, key=lambda mo: (mo[1].value, _tiebreak(mo[0])))
            chosen.append(m)
        return tuple(chosen)

    def beam(self) -> tuple[Move, ...]:
        frontier: list[tuple[Move, ...]] = [()]
        best: tuple[Move, ...] = ()
        for _ in range(self.settings.max_moves):
            found: dict[frozenset[Move], tuple[tuple[Move, ...], float]] = {}
            for chosen in frontier:
                for m, o in self.extensions(chosen):
                    ext = (*chosen, m)
                    found.setdefault(frozenset(ext), (ext, o.value))
            if not found:
                break
            ranked = sorted(found.values(), key=lambda x: (-x[1], len(x[0]), _keys(x[0])))
            frontier = [x[0] for x in ranked[: self.settings.beam]]
            if self.value(frontier[0]).value > self.value(best).value + self.settings.min_gain:
                best = frontier[0]
        return best

    def prune(self, moves: Sequence[Move]) -> tuple[Move, ...]:
        """Drop moves that no longer add value (least useful first)."""
        chosen = list(moves)
        changed = True
        while changed and chosen:
            changed = False
            full = self.value(chosen).value
            drops = []
            for m in chosen:
                rest = [c for c in chosen if c is not m]
                o = self.value(rest)
                if (
                    o.value >= full - self.settings.min_gain
                    and self.affordable(o.cost)
                    and self.admissible(o)
                ):
                    drops.append((o.value, m))
            if drops:
                _, worst = max(drops, key=lambda d: (d[0], _tiebreak(d[1])))
                chosen.remove(worst)
                changed = True
        return tuple(chosen)

    def improve(
        self, moves: Sequence[Move], rounds: int = 5, *, swaps: bool = True
    ) -> tuple[Move, ...]:
        """Local search: prune, extend greedily, and (``swaps``) swap a move for a rival
        it excludes (another option for the same issue, the other form of agreement),
        until none of these helps."""
        current = self.prune(moves)
        for _ in range(rounds):
            candidates = [self.prune(self.greedy(current))]
            if swaps:
                candidates.append(self.prune(self.greedy(self.swap(current))))
            best = max(candidates, key=lambda c: (self.value(c).value, -len(c)))
            if self.value(best).value <= self.value(current).value + self.settings.min_gain:
                break
            current = best
        return current

    def swap(self, moves: Sequence[Move]) -> tuple[Move, ...]:
        """The best set obtained by replacing one move with a rival from its groups."""
        best = tuple(moves)
        best_value = self.value(best).value
        rivals = {c.key: c for c in (*self.pool(()), *self.pool(moves))}
        for m in moves:
            rest = [c for c in moves if c is not m]
            for r in rivals.values():
                if r.key == m.key or not set(r.groups).intersection(m.groups):
                    continue
                if not self.compatible(rest, r):
                    continue
                o = self.value((*rest, r))
                if (
                    o.value > best_value + self.settings.min_gain
                    and self.affordable(o.cost)
                    and self.admissible(o)
                ):
                    best, best_value = (*rest, r), o.value
        return best

    def rank(self, moves: Sequence[Move]) -> tuple[Move, ...]:
        """Order a set of moves by marginal value: best first, each given those before it.

        When no single move adds value at some point but a pair does (a costly
        term and what it buys), the pair is placed next, its better half first;
        :meth:`partners` then names them as a package.
        """
        left = list(moves)
        order: list[Move] = []
        while left:
            here = self.value(order).value
            m = max(left, key=lambda x: (self.value((*order, x)).value, _tiebreak(x)))
            if self.value((*order, m)).value < here - self.settings.min_gain and len(left) > 1:
                pairs = [(a, b) for a in left for b in left if a is not b]
                a, b = max(
                    pairs,
                    key=lambda ab: (
                        self.value((*order, *ab)).value,
                        self.value((*order, ab[0])).value,
                        _tiebreak(ab[0]),
                        _tiebreak(ab[1]),
                    ),
                )
                order.extend((a, b))
                left.remove(a)
                left.remove(b)
                continue
            order.append(m)
            left.remove(m)
        return tuple(order)

    def partners(self, order: Sequence[Move]) -> dict[str, tuple[str, ...]]:
        """For each step worth little or nothing on its own where it is ranked (less
        than :data:`PACKAGE_SHARE` of what it is worth with the next step), the next
        step it pays together with (and that step, the one before it)."""
        out: dict[str, tuple[str, ...]] = {}
        for k in range(len(order) - 1):
            before = self.value(order[:k]).value
            alone = self.value(order[: k + 1]).value
            together = self.value(order[: k + 2]).value
            pair = together - before
            if pair > self.settings.min_gain and alone - before < PACKAGE_SHARE * pair:
                out[order[k].key] = (order[k + 1].key,)
                out[order[k + 1].key] = (*out.get(order[k + 1].key, ()), order[k].key)
        return out

    def best(
        self,
        start: Sequence[Move] = (),
        *,
        use_beam: bool = True,
        ranked: bool = True,
        swaps: bool = True,
    ) -> tuple[Move, ...]:
        """The best set found (greedy from ``start``, and beam search), improved by local
        search, and ranked unless ``ranked`` is false (then in the order found)."""
        sets = [self.improve(self.greedy(start), swaps=swaps)]
        if use_beam and self.settings.beam > 0:
            sets.append(self.improve(self.beam(), swaps=swaps))
        best = max(sets, key=lambda s: (self.value(s).value, -len(s)))
        return self.rank(best) if ranked else best


def _tiebreak(m: Move) -> tuple[int, str]:
    """Deterministic preference among equal values: fewer risks first, then the key."""
    return (-(m.risk is not None), _neg(m.key))


def _neg(key: str) -> str:
    # max() with a string key picks the largest; invert so the smallest key wins ties
    return "".join(chr(0x10FFFF - ord(c)) for c in key)


def _keys(moves: Sequence[Move]) -> tuple[str, ...]:
    return tuple(sorted(m.key for m in moves))
