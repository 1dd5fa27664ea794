"""The exact planner: branch and bound over the joint space of deal terms and move subsets.

The search tree decides the candidate Level II moves of
:class:`~leveltwo.strategies.joint.JointSpace` one at a time, in or out (moves
that help most on their own first, so good plans are found early). At every
node, with I the moves decided in and U the undecided moves compatible with them:

- the engine evaluates every deal for I exactly, and the best one (the plan
  "I, with the best deal for I") is an incumbent, its value computed again by
  the planner's own objective (:func:`leveltwo.strategies.evaluate.outcome`);
- the bound of :meth:`~leveltwo.strategies.joint.JointSpace.evaluate` caps every
  plan below the node, whatever deal it uses;
- the driver (:func:`leveltwo.engine.bnb.maximise`) expands the node with the
  largest bound first, prunes nodes that cannot beat the incumbent, and stops
  at the time limit with the best plan, the best upper bound and the gap.

The root's exact deal is the whole-space best deal with no move, so the plan is
never worth less than proposing it; and since a plan with an extra allowed move
searches a superset of plans, adding a move never lowers the optimum.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace

from leveltwo.engine.bnb import Evaluation, Optimality, computed_model, maximise
from leveltwo.engine.correlation import joint_model
from leveltwo.strategies.joint import JointSpace, Lifted
from leveltwo.strategies.move import Move
from leveltwo.strategies.search import Search

#: The planner's default time limit (seconds).
DEFAULT_TIME_LIMIT = 5.0
#: Moves are ordered by their effect on the root's bound when deals × moves is at most this.
ORDERING_WORK = 2_000_000

Node = tuple[int, tuple[int, ...]]


@dataclass(frozen=True)
class ExactPlan:
    """The best plan found, its value (the planner's objective) and its optimality."""

    moves: tuple[Move, ...]
    value: float
    optimality: Optimality
    candidates: int


def solve(search: Search, *, time_limit: float | None = DEFAULT_TIME_LIMIT) -> ExactPlan:
    """The plan maximising the planner's objective from ``search.base`` (module docstring)."""
    started = time.monotonic()
    settings = search.settings
    space = JointSpace(search.base, settings.allowed, settings.budget)
    root_value = space.exact(())[1]
    forced: list[Lifted] = []
    if root_value >= space.no_deal:  # moves that only help can be taken (docs/strategies.md)
        forced = [m for m in space.moves if space.monotone(m)]
    free = [m for m in space.moves if m not in forced]
    if space.space.size * len(free) <= ORDERING_WORK:
        full = space.bound(forced, free)
        drop = {
            m.move.key: full - space.bound(forced, [c for c in free if c is not m]) for m in free
        }
    else:  # too costly to measure: the registry's order
        drop = {m.move.key: 0.0 for m in free}
    moves = forced + sorted(free, key=lambda m: (-drop[m.move.key], m.move.key))
    if time_limit is not None:
        time_limit = max(0.0, time_limit - (time.monotonic() - started))

    def decided(node: Node) -> tuple[list[Lifted], list[Lifted]]:
        k, inc = node
        chosen = [moves[j] for j in inc]
        rest = [m for m in moves[k:] if space.compatible(chosen, m)]
        return chosen, rest

    def evaluate(node: Node) -> Evaluation[tuple[Move, ...]]:
        chosen, rest = decided(node)
        deal, _ = space.exact(chosen)
        bound = space.bound(chosen, rest) if rest else -math.inf
        if deal is None:
            return Evaluation(bound, leaf=not rest)
        plan = space.moves_for(deal, chosen)
        value = search.value(plan).value
        return Evaluation(max(bound, value), plan, value, leaf=not rest)

    def children(node: Node) -> Iterator[Node]:
        k, inc = node
        chosen = [moves[j] for j in inc]
        for j in range(k, len(moves)):
            if space.compatible(chosen, moves[j]):
                yield (j + 1, (*inc, j))
                yield (j + 1, inc)
                return

    root: Node = (len(forced), tuple(range(len(forced))))
    result = maximise(root, evaluate, children, time_limit=time_limit)
    assert result.solution is not None
    plan = _essential(search, result.solution)
    value = search.value(plan).value
    found = result.optimality
    optimality = replace(
        found,
        value=value,
        upper_bound=value if found.status == "optimal" else max(found.upper_bound, value),
    )
    joint = joint_model(search.base.case)
    if joint is not None:  # the numbers are the quadrature's: say what the proof is over
        nodes = joint.nodes
        optimality = replace(optimality, model=computed_model(len(nodes.weights), nodes.method))
    return ExactPlan(plan, value, optimality, len(space.moves) + len(space.option_moves))


def _essential(search: Search, moves: tuple[Move, ...]) -> tuple[Move, ...]:
    """The plan without moves that change nothing (their removal leaves the value equal)."""
    out = list(moves)
    value = search.value(out).value
    for m in list(out):
        rest = [c for c in out if c is not m]
        o = search.value(rest)
        if o.value >= value - 1e-12 and search.affordable(o.cost):
            out = rest
    return tuple(out)
