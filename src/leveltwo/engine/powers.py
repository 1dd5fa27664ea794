"""One rule per power kind: where a stakeholder enters its side's probability, and its factor.

A side's probability is the product of its *ratification* factors and its
*implementation* factors (docs/model.md §5):

    P_ratify(s, d)    = p_neg(d) · Π_{c ∈ R_s} p_c(d)
    P_implement(s, d) = Π_{c ∈ B_s} (1 − β_c (1 − p_c(d))) · Π_{k ∈ K_s} (1 − π_k)
    P_side(s, d)      = P_ratify · P_implement

where each constituency's power kind says where it enters and its factor as a
function of its approval p:

==========  ================  ===================
power       enters            factor
==========  ================  ===================
ratify      ratification      p
block       implementation    1 − β (1 − p)
influence   (not in P)        1
==========  ================  ===================

and each implementation risk k of the side (probability π_k,
:class:`~leveltwo.model.case.ImplementationRisk`) multiplies the
implementation probability by 1 − π_k (a blocker of strength π_k that never
approves). The negotiator always ratifies.

Every path of the engine — one deal (:mod:`leveltwo.engine.assessment`), every
deal (:mod:`leveltwo.engine.evaluator`), under common factors
(:mod:`leveltwo.engine.correlation`) — and the planner's fast path
(:func:`leveltwo.strategies.evaluate.quick`) computes a side's probabilities
with :func:`side_product` and a stakeholder's factor with :func:`factor`, so
they multiply the same numbers in the same order and agree bit for bit. The
functions take a float (one deal) or a numpy array (a batch of deals) alike.

A new power kind adds its row here (:data:`ENTRY` and :func:`factor`) and its
wording in :mod:`leveltwo.narrative.powers`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from leveltwo.model.case import Constituency, Power, Side

FloatArray = NDArray[np.float64]
#: One deal (a float) or a batch of deals (an array).
T = TypeVar("T", float, FloatArray)


class Entry(StrEnum):
    """Which product of its side a stakeholder's factor multiplies."""

    RATIFICATION = "ratification"
    IMPLEMENTATION = "implementation"


#: Where each power kind enters its side's probability (None: it does not enter P).
ENTRY: dict[Power, Entry | None] = {
    Power.RATIFY: Entry.RATIFICATION,
    Power.BLOCK: Entry.IMPLEMENTATION,
    Power.INFLUENCE: None,
}


def entry(power: Power) -> Entry | None:
    """Where a constituency of this power enters its side's probability."""
    return ENTRY[power]


def enters(power: Power) -> bool:
    """Whether a constituency of this power enters P at all."""
    return ENTRY[power] is not None


def factor(power: Power, p: T, strength: float = 1.0) -> T:
    """What a constituency with approval ``p`` multiplies its side's product by.

    ratify: p; block (strength β): 1 − β(1 − p); influence: 1.
    """
    if power is Power.RATIFY:
        return p
    if power is Power.BLOCK:
        return 1.0 - strength * (1.0 - p)
    if isinstance(p, float):
        return 1.0
    ones: FloatArray = np.ones_like(p)
    return ones


def constituency_factor(c: Constituency, p: T) -> T:
    """:func:`factor` of constituency ``c`` with approval ``p``."""
    return factor(c.power, p, c.strength)


def risk_factor(probability: float) -> float:
    """What an implementation risk of this probability multiplies P_implement by: 1 − π."""
    return 1.0 - probability


def side_product(side: Side, negotiator: T, approval: Callable[[Constituency], T]) -> tuple[T, T]:
    """(P_ratify, P_implement) of ``side``, from its negotiator's approval and each
    constituency's (``approval`` is called only for those that enter P, in order)."""
    ratify = negotiator
    implement: T = negotiator * 0.0 + 1.0  # 1, shaped like the batch
    for c in side.constituencies:
        where = ENTRY[c.power]
        if where is None:
            continue
        f = factor(c.power, approval(c), c.strength)
        if where is Entry.RATIFICATION:
            ratify = ratify * f
        else:
            implement = implement * f
    for r in side.risks:
        implement = implement * risk_factor(r.probability)
    return ratify, implement
