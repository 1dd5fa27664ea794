"""Anytime best-first branch and bound: maximise over a tree of nodes with an admissible bound.

A problem gives, for every node, an *evaluation*: an upper bound on the value
of every solution below the node (admissible: never below the true best
there), optionally one solution of the node with its exact value (an
incumbent), and whether the node is a leaf (its bound is its exact value). The
search keeps the open nodes in a priority queue by bound and always expands the
most promising one (best first, Land and Doig 1960; Lawler and Wood 1966):

- a node whose bound is within ``tolerance`` of the incumbent is pruned: no
  solution below it can beat the incumbent by more than the tolerance;
- when the queue is empty the incumbent is optimal (within the tolerance);
- when the time limit is reached the search stops and reports the incumbent,
  the best upper bound still open (the largest bound in the queue, or the
  incumbent if larger) and the gap between them. The bound of the whole
  problem is the root's, tightened as nodes are expanded: the maximum over any
  set of open nodes that covers the remaining solutions is an upper bound.

The driver knows nothing about what a node is: the planner searches subsets of
Level II moves with it (:mod:`leveltwo.strategies.exact`), and
:mod:`leveltwo.engine.dealsearch` searches partial deals of huge deal spaces.
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

N = TypeVar("N")
S = TypeVar("S")

#: Two values closer than this count as equal when pruning (utility scale).
TOLERANCE = 1e-9

#: ``optimal``: proved (for the model as computed: with common factors, over the
#: quadrature's nodes); ``time_limit``: stopped at the time limit, not proved.
Status = Literal["optimal", "time_limit"]


@dataclass(frozen=True)
class Evaluation(Generic[S]):
    """What the problem knows about one node (see the module docstring)."""

    bound: float
    solution: S | None = None
    value: float = -math.inf
    leaf: bool = False


@dataclass(frozen=True)
class Optimality:
    """Whether the answer is proved optimal: the best value found, the best upper
    bound on the optimum, and the gap between them (0 when proved optimal)."""

    status: Status
    value: float
    upper_bound: float
    nodes: int
    seconds: float = field(default=0.0, compare=False)  # wall time: not part of the answer
    #: What the proof is over when the numbers are themselves computed approximately
    #: (common factors: the quadrature's nodes), for the human sentence; "" otherwise.
    model: str = ""

    @property
    def gap(self) -> float:
        return max(0.0, self.upper_bound - self.value)

    def to_json(self) -> dict[str, object]:
        return {"status": self.status, "upper_bound": self.upper_bound, "gap": self.gap}

    def text(self) -> str:
        """One sentence for human output."""
        if self.status == "optimal":
            basis = f" It is optimal for the model as computed: {self.model}." if self.model else ""
            return (
                f"optimal (proved: nothing over these candidates beats it; upper bound "
                f"{self.upper_bound:.4f}, gap {self.gap:.4f}; {self.nodes} nodes searched)." + basis
            )
        return (
            f"time_limit (not proved optimal: the search stopped at its time limit after "
            f"{self.nodes} nodes; the optimum is at most {self.upper_bound:.4f}, "
            f"gap {self.gap:.4f})."
        )


@dataclass(frozen=True)
class Result(Generic[S]):
    """The best solution found (None if no node offered one) and its optimality."""

    solution: S | None
    optimality: Optimality


def computed_model(nodes: int, method: str) -> str:
    """The ``model`` note of a proof over a case with common factors."""
    how = "Gauss–Hermite quadrature" if method == "quadrature" else "seeded Monte Carlo draws"
    return (
        f"every probability is the {nodes}-node {how} over the common factors, and the "
        'proof is over those same nodes (docs/strategies.md, "Common factors")'
    )


def maximise(
    root: N,
    evaluate: Callable[[N], Evaluation[S]],
    children: Callable[[N], Iterable[N]],
    *,
    time_limit: float | None = None,
    tolerance: float = TOLERANCE,
    incumbent: tuple[S, float] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Result[S]:
    """Best-first branch and bound from ``root`` (see the module docstring).

    ``incumbent``: a known solution and its value to start from. ``time_limit``
    (seconds; None: no limit) is checked before every node evaluation, so the
    search overruns it by at most one evaluation.
    """
    start = clock()
    best, best_value = (None, -math.inf) if incumbent is None else incumbent
    order = itertools.count()  # first in, first out among equal bounds: deterministic
    nodes = 0

    def out_of_time() -> bool:
        return time_limit is not None and clock() - start > time_limit

    def look(node: N) -> Evaluation[S]:
        nonlocal best, best_value, nodes
        nodes += 1
        e = evaluate(node)
        if e.solution is not None and e.value > best_value:
            best, best_value = e.solution, e.value
        return e

    queue: list[tuple[float, int, N]] = []
    root_eval = look(root)
    if not root_eval.leaf:
        heapq.heappush(queue, (-root_eval.bound, next(order), root))
    open_bound = -math.inf
    timed_out = False
    while queue:
        neg, _, node = queue[0]
        if -neg <= best_value + tolerance:
            queue.clear()  # every open node is within the tolerance of the incumbent
            break
        if out_of_time():
            timed_out = True
            break
        heapq.heappop(queue)
        pending = list(children(node))
        for child in pending:
            if out_of_time():
                timed_out = True
                open_bound = max(open_bound, -neg)  # the unexpanded rest lies below it
                break
            e = look(child)
            if not e.leaf and e.bound > best_value + tolerance:
                heapq.heappush(queue, (-e.bound, next(order), child))
        if timed_out:
            break
    if timed_out:
        open_bound = max([open_bound, *(-q[0] for q in queue)])
    upper = max(best_value, open_bound)
    status: Status = "time_limit" if timed_out and upper > best_value + tolerance else "optimal"
    if status == "optimal":
        upper = best_value  # within the tolerance
    return Result(best, Optimality(status, best_value, upper, nodes, clock() - start))
