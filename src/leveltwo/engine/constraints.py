"""Feasibility of deals under the case's linked options (``constraints:``), vectorised.

Each constraint of :mod:`leveltwo.model.constraints` is compiled once into
boolean tables over each issue's options, so a batch of deals (their option
indices, as :meth:`~leveltwo.engine.space.OutcomeSpace.digits` gives them)
is checked with one table look-up per literal:

- ``excludes``: feasible ⇔ ¬(∧ when) ∨ ¬(∨ then);
- ``requires``: feasible ⇔ ¬(∧ when) ∨ (∧ then);
- ``at_most_one``: feasible ⇔ Σ [then_k holds] ≤ 1.

A deal is feasible when it satisfies every constraint. With no constraints
every deal is feasible and nothing is computed, so the baseline's numbers are
untouched. Every whole-space answer (win-sets, agreement zone, frontier, best
and Nash deals), the diagnosis's fixes, the planner's term changes and the
deal builder use this mask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from leveltwo.model.case import Case
from leveltwo.model.constraints import Constraint, ConstraintKind, Literal_
from leveltwo.model.deal import Deal

BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]
Digits = Sequence[IntArray]

#: (issue index, table option index → holds)
_Compiled = tuple[int, BoolArray]


@dataclass(frozen=True)
class _Rule:
    constraint: Constraint
    when: tuple[_Compiled, ...]
    then: tuple[_Compiled, ...]


class Feasibility:
    """The constraints of one case, compiled for batches of deals."""

    def __init__(self, case: Case) -> None:
        self.case = case
        index = {issue.id: i for i, issue in enumerate(case.issues)}

        def compile_(lit: Literal_) -> _Compiled:
            i = index[lit[0]]
            options = case.issues[i].options
            return i, np.array([o in lit[1] for o in options], dtype=np.bool_)

        self._rules = tuple(
            _Rule(c, tuple(map(compile_, c.when)), tuple(map(compile_, c.then)))
            for c in case.constraints
        )

    @property
    def active(self) -> bool:
        """Whether any deal can be infeasible (the case has constraints)."""
        return bool(self._rules)

    def _rule_mask(self, rule: _Rule, digits: Digits, n: int) -> BoolArray:
        kind = rule.constraint.kind
        if kind is ConstraintKind.AT_MOST_ONE:
            count = np.zeros(n, dtype=np.int64)
            for i, table in rule.then:
                count += table[digits[i]]
            ok: BoolArray = count <= 1
            return ok
        applies = np.ones(n, dtype=np.bool_)
        for i, table in rule.when:
            applies &= table[digits[i]]
        if kind is ConstraintKind.EXCLUDES:
            hit = np.zeros(n, dtype=np.bool_)
            for i, table in rule.then:
                hit |= table[digits[i]]
        else:
            hit = np.ones(n, dtype=np.bool_)
            for i, table in rule.then:
                hit &= table[digits[i]]
            hit = ~hit
        out: BoolArray = ~(applies & hit)
        return out

    def mask(self, digits: Digits) -> BoolArray:
        """For each deal of the batch, whether it satisfies every constraint."""
        n = len(digits[0]) if len(digits) else 1
        ok = np.ones(n, dtype=np.bool_)
        for rule in self._rules:
            ok &= self._rule_mask(rule, digits, n)
        return ok

    def broken(self, deal: Deal) -> tuple[Constraint, ...]:
        """The constraints ``deal`` breaks (empty when it is feasible)."""
        digits = [np.array([c], dtype=np.int64) for c in deal.choices]
        return tuple(
            r.constraint for r in self._rules if not bool(self._rule_mask(r, digits, 1)[0])
        )

    def allows(self, deal: Deal) -> bool:
        return not self.active or not self.broken(deal)

    def excluded_options(self, deal: Deal) -> tuple[tuple[bool, ...], ...]:
        """For each issue and option: whether putting that option in ``deal`` (the other
        issues as they are) gives an infeasible deal. The deal builder greys these out."""
        shape = self.case.shape
        rows = [(i, o) for i, k in enumerate(shape) for o in range(k)]
        batch = np.repeat(np.array(deal.choices, dtype=np.int64)[None, :], len(rows), axis=0)
        for r, (i, o) in enumerate(rows):
            batch[r, i] = o
        ok = self.mask([batch[:, i] for i in range(len(shape))])
        out: list[list[bool]] = [[] for _ in shape]
        for r, (i, _) in enumerate(rows):
            out[i].append(not bool(ok[r]))
        return tuple(tuple(x) for x in out)


def feasible(case: Case, digits: Digits) -> BoolArray:
    """Whether each deal of the batch satisfies the case's constraints."""
    return Feasibility(case).mask(digits)


def feasible_deal(case: Case, deal: Deal) -> bool:
    """Whether one deal satisfies the case's constraints."""
    return not case.constraints or Feasibility(case).allows(deal)
