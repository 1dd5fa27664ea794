"""The primitive changes a move makes to a case: every move is a list of these.

A move never computes a number itself: it transforms the frozen
:class:`~leveltwo.model.case.Case` (and the deal on the table), and the engine
assesses the result. The primitives are:

- :class:`SetOption` — put another option of an issue on the table;
- :class:`AddOption` — add a new option to an issue (valued by each
  stakeholder as a mix of existing options, or as given) and put it on the table;
- :class:`SetRule` — change a constituency's power, quota or blocker strength;
- :class:`AddRisk` — add an implementation risk to a side
  (:class:`~leveltwo.model.case.ImplementationRisk`): it multiplies the side's
  implementation probability by 1 − its probability;
- :class:`Reframe` — move a stakeholder's perceived weights toward the issues
  where the deal serves it: w' = (1 − f)·w + f·w*, w*_i ∝ w_i·v_i(d_i);
- :class:`ClaimVictory` — lower a stakeholder's reservation by
  λ·max(0, u(d) − u(reference)): the credit for what the deal won;
- :class:`ShiftReservation` — raise or lower a stakeholder's reservation.

Lowering a reservation by c is exactly a credit of c in perceived utility:
Φ((u + c − r)/σ) = Φ((u − (r − c))/σ). Shifting a negotiator's reservation
never moves its side's no-deal value x_s (it is pinned to its current value).

Primitives apply in phases — deal terms, then rules, then perceptions, then
credits, then reservation shifts — so a plan's result does not depend on the
order in which its moves were chosen, and perception moves see the final terms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any, TypeVar

from leveltwo.model.case import (
    Bloc,
    Case,
    Constituency,
    ImplementationRisk,
    Issue,
    Negotiator,
    Power,
    Preferences,
    Side,
    Stakeholder,
)
from leveltwo.model.deal import Deal
from leveltwo.model.keys import StakeholderKey

#: The id of the implementation risk a tacit agreement adds (see ``agreement_form``).
TACIT_RISK_ID = "tacit_defection"


def tacit_hidden(case: Case, key: str) -> tuple[int, ...]:
    """The issues a tacit understanding keeps out of the public speech to ``key``'s side:
    those a stakeholder of the other side with an audience cost weighs (the concessions
    it is spared making in public must not be claimed in public by the other side)."""
    side = StakeholderKey(key).side
    out: set[int] = set()
    for st in case.stakeholders():
        if st.key.belongs_to(side):
            continue
        params = getattr(st, "level2", None)
        if params is None or params.audience_cost <= 0:
            continue
        out.update(i for i, w in enumerate(st.preferences.weights) if w > 0)
    return tuple(sorted(out))


class Phase(IntEnum):
    """The order in which primitives apply."""

    DEAL = 0
    RULE = 1
    PERCEPTION = 2
    CREDIT = 3
    THRESHOLD = 4


@dataclass(frozen=True)
class State:
    """A case and the deal on the table."""

    case: Case
    deal: Deal


StakeholderFn = Callable[[Stakeholder], Stakeholder]
T = TypeVar("T")


def evolve(obj: T, **changes: Any) -> T:
    """:func:`dataclasses.replace` for the model's plain frozen dataclasses, without
    re-running ``__init__`` (they have no ``__post_init__``): a few times faster,
    and the planner does it hundreds of thousands of times."""
    new = object.__new__(type(obj))
    fields = dict(obj.__dict__)
    fields.update(changes)
    new.__dict__.update(fields)
    return new


def rebuild(case: Case, fns: Mapping[str, StakeholderFn]) -> Case:
    """A copy of ``case`` with each stakeholder whose key is in ``fns`` replaced by
    ``fns[key](stakeholder)`` (blocs first, then their constituency). Untouched
    parts are shared with ``case``, not copied."""
    if not fns:
        return case
    touched = {StakeholderKey(k).side for k in fns}
    sides: list[Side] = []
    for side in case.sides:
        if side.id not in touched:
            sides.append(side)
            continue
        neg = side.negotiator
        no_deal = side.no_deal
        if neg.key in fns:
            new_neg = fns[neg.key](neg)
            assert isinstance(new_neg, Negotiator)
            if new_neg.reservation != neg.reservation and no_deal is None:
                no_deal = side.no_deal_value  # x_s stays where it was
            neg = new_neg
        cons: list[Constituency] = []
        for c in side.constituencies:
            if c.blocs:
                blocs = tuple(_apply_bloc(b, fns) for b in c.blocs)
                if any(x is not y for x, y in zip(blocs, c.blocs, strict=True)):
                    c = evolve(c, blocs=blocs)
            if c.key in fns:
                new_c = fns[c.key](c)
                assert isinstance(new_c, Constituency)
                c = new_c
            cons.append(c)
        sides.append(evolve(side, negotiator=neg, constituencies=tuple(cons), no_deal=no_deal))
    return evolve(case, sides=(sides[0], sides[1]))


def _apply_bloc(b: Bloc, fns: Mapping[str, StakeholderFn]) -> Bloc:
    if b.key not in fns:
        return b
    out = fns[b.key](b)
    assert isinstance(out, Bloc)
    return out


def shift(delta: float) -> StakeholderFn:
    def fn(st: Stakeholder) -> Stakeholder:
        return evolve(st, reservation=st.reservation + delta)

    return fn


# ---------------------------------------------------------------------------
# the primitives
@dataclass(frozen=True)
class SetOption:
    """Put ``option`` of ``issue`` on the table."""

    issue: str
    option: str
    phase: Phase = Phase.DEAL

    def apply(self, state: State) -> State:
        i = next(k for k, x in enumerate(state.case.issues) if x.id == self.issue)
        return State(state.case, state.deal.with_choice(i, state.case.issues[i].index(self.option)))


@dataclass(frozen=True)
class AddOption:
    """Add option ``label`` to ``issue`` and put it on the table.

    Each stakeholder values it at Σ_k weight_k·v(option_k) over ``mix``
    (option label → weight, weights summing to 1), except those listed in
    ``values`` (key → value; a constituency's value applies to its blocs unless
    the bloc is listed too). Adding an option that exists already only puts it
    on the table.
    """

    issue: str
    label: str
    mix: tuple[tuple[str, float], ...]
    values: tuple[tuple[str, float], ...] = ()
    phase: Phase = Phase.DEAL

    def apply(self, state: State) -> State:
        case = state.case
        i = next(k for k, x in enumerate(case.issues) if x.id == self.issue)
        issue = case.issues[i]
        if self.label in issue.options:
            return State(case, state.deal.with_choice(i, issue.index(self.label)))
        mix = tuple((issue.index(label), w) for label, w in self.mix)
        given = dict(self.values)
        new_issue = Issue(issue.id, issue.name, (*issue.options, self.label))
        issues = tuple(new_issue if k == i else x for k, x in enumerate(case.issues))

        def extend(parent: str | None) -> StakeholderFn:
            def fn(st: Stakeholder) -> Stakeholder:
                own = st.preferences.values[i]
                value = given.get(st.key, given.get(parent or ""))
                if value is None:
                    value = sum(w * own[k] for k, w in mix)
                values = tuple(
                    (*v, float(value)) if k == i else v for k, v in enumerate(st.preferences.values)
                )
                return evolve(st, preferences=Preferences(st.preferences.weights, values))

            return fn

        fns: dict[str, StakeholderFn] = {}
        for st in case.stakeholders():
            parent = st.key.parent
            fns[st.key] = extend(parent)
        new_case = rebuild(replace(case, issues=issues), fns)
        return State(new_case, state.deal.with_choice(i, len(issue.options)))


@dataclass(frozen=True)
class SetRule:
    """Change how constituency ``key`` decides (None leaves a field as it is)."""

    key: str
    power: Power | None = None
    quota: float | None = None
    strength: float | None = None
    phase: Phase = Phase.RULE

    def fn(self, deal: Deal) -> StakeholderFn:
        def fn(st: Stakeholder) -> Stakeholder:
            assert isinstance(st, Constituency)
            return replace(
                st,
                power=st.power if self.power is None else self.power,
                quota=st.quota if self.quota is None else self.quota,
                strength=st.strength if self.strength is None else self.strength,
            )

        return fn

    def apply(self, state: State) -> State:
        return State(rebuild(state.case, {self.key: self.fn(state.deal)}), state.deal)


@dataclass(frozen=True)
class AddRisk:
    """Add to side ``side`` the implementation risk ``id`` of ``probability``.

    It multiplies the side's implementation probability by 1 − ``probability``
    (:mod:`leveltwo.engine.powers`). A risk of the same id already on the side
    is replaced.
    """

    side: str
    id: str
    name: str
    probability: float
    phase: Phase = Phase.RULE

    def apply(self, state: State) -> State:
        case = state.case
        side = case.side(self.side)
        risk = ImplementationRisk(self.id, self.name, self.probability)
        risks = (*(r for r in side.risks if r.id != self.id), risk)
        return State(case.with_side(replace(side, risks=risks)), state.deal)


@dataclass(frozen=True)
class Reframe:
    """Move ``key``'s perceived weights toward the issues where the deal serves it."""

    key: str
    receptivity: float
    phase: Phase = Phase.PERCEPTION

    def fn(self, deal: Deal) -> StakeholderFn:
        f = self.receptivity

        def fn(st: Stakeholder) -> Stakeholder:
            return evolve(st, preferences=reframed(st.preferences, deal, f))

        return fn

    def apply(self, state: State) -> State:
        return State(rebuild(state.case, {self.key: self.fn(state.deal)}), state.deal)


def reframed(prefs: Preferences, deal: Deal, f: float) -> Preferences:
    """w' = (1 − f)·w + f·w*, with w*_i = w_i·v_i(d_i) / Σ_j w_j·v_j(d_j)."""
    a = [w * v[c] for w, v, c in zip(prefs.weights, prefs.values, deal.choices, strict=True)]
    total = sum(a)
    if total <= 0 or f <= 0:
        return prefs
    weights = tuple((1 - f) * w + f * x / total for w, x in zip(prefs.weights, a, strict=True))
    return Preferences(weights, prefs.values)


@dataclass(frozen=True)
class ClaimVictory:
    """Lower ``key``'s reservation by λ·max(0, Σ_{i ∉ hidden} w_i·(v_i(deal) − v_i(reference))):
    the credit for what the deal won, claimed in public on every issue but the
    ``hidden`` ones (those a tacit understanding keeps out of the public deal)."""

    key: str
    receptivity: float
    reference: Deal
    phase: Phase = Phase.CREDIT
    hidden: tuple[int, ...] = ()

    def fn(self, deal: Deal) -> StakeholderFn:
        lam = self.receptivity
        ref = self.reference
        hidden = set(self.hidden)

        def fn(st: Stakeholder) -> Stakeholder:
            if hidden:
                p = st.preferences
                gain = sum(
                    w * (v[c] - v[r])
                    for i, (w, v, c, r) in enumerate(
                        zip(p.weights, p.values, deal.choices, ref.choices, strict=True)
                    )
                    if i not in hidden
                )
            else:
                gain = st.preferences.utility(deal) - st.preferences.utility(ref)
            return evolve(st, reservation=st.reservation - lam * max(0.0, gain))

        return fn

    def apply(self, state: State) -> State:
        return State(rebuild(state.case, {self.key: self.fn(state.deal)}), state.deal)


@dataclass(frozen=True)
class ShiftReservation:
    """Raise (delta > 0) or lower (delta < 0) ``key``'s reservation."""

    key: str
    delta: float
    phase: Phase = Phase.THRESHOLD

    def apply(self, state: State) -> State:
        return State(rebuild(state.case, {self.key: shift(self.delta)}), state.deal)


Op = SetOption | AddOption | SetRule | AddRisk | Reframe | ClaimVictory | ShiftReservation


class Memo:
    """Results of primitives already applied, so a search re-uses them.

    Keys hold the ``id`` of the input object, and values keep the input alive
    so the id cannot be re-used while the entry exists. With a memo, the same
    stakeholder transformed the same way is the same object, which lets the
    evaluator's approval cache (keyed by object) hit.
    """

    def __init__(self) -> None:
        self.states: dict[tuple[int, tuple[int, ...], Op], tuple[Case, State]] = {}
        self.stakeholders: dict[tuple[object, ...], tuple[Stakeholder, Stakeholder]] = {}

    def structural(self, state: State, op: SetOption | AddOption | AddRisk) -> State:
        key = (id(state.case), state.deal.choices, op)
        hit = self.states.get(key)
        if hit is None:
            hit = (state.case, op.apply(state))
            self.states[key] = hit
        return hit[1]

    def stakeholder_fn(
        self, ops: tuple[Op, ...], delta: float, deal: Deal, fn: StakeholderFn
    ) -> StakeholderFn:
        def memo_fn(st: Stakeholder) -> Stakeholder:
            key = (id(st), deal.choices, ops, delta)
            hit = self.stakeholders.get(key)
            if hit is None:
                hit = (st, fn(st))
                self.stakeholders[key] = hit
            return hit[1]

        return memo_fn


def apply_ops(state: State, ops: Iterable[Op], memo: Memo | None = None) -> State:
    """Apply primitives phase by phase (stable within a phase).

    Structural primitives (deal terms, added risks) apply one by one; the
    others are per-stakeholder functions, composed per stakeholder in phase
    order and applied in one pass. Reservation shifts are summed per
    stakeholder and added last.
    """
    ops = list(ops)
    if any(isinstance(op, AddRisk) and op.id == TACIT_RISK_ID for op in ops):
        # with a tacit understanding, a public speech does not claim what it hides
        ops = [
            replace(op, hidden=tacit_hidden(state.case, op.key))
            if isinstance(op, ClaimVictory) and not op.hidden
            else op
            for op in ops
        ]
    staged = sorted(ops, key=lambda op: op.phase)
    shifts: dict[str, float] = {}
    per_key: dict[str, list[Op]] = {}
    for op in staged:
        if isinstance(op, ShiftReservation):
            shifts[op.key] = shifts.get(op.key, 0.0) + op.delta
        elif isinstance(op, SetOption | AddOption | AddRisk):
            state = op.apply(state) if memo is None else memo.structural(state, op)
        else:
            per_key.setdefault(op.key, []).append(op)
    keys = list(per_key) + [k for k in shifts if k not in per_key]
    if not keys:
        return state
    deal = state.deal
    fns: dict[str, StakeholderFn] = {}
    for k in keys:
        k_ops = tuple(per_key.get(k, ()))
        delta = shifts.get(k, 0.0)
        steps = [op.fn(deal) for op in k_ops]  # type: ignore[union-attr]
        if k in shifts:
            steps.append(shift(delta))
        fn = _compose(steps)
        fns[k] = fn if memo is None else memo.stakeholder_fn(k_ops, delta, deal, fn)
    return State(rebuild(state.case, fns), deal)


def _compose(fns: list[StakeholderFn]) -> StakeholderFn:
    if len(fns) == 1:
        return fns[0]

    def fn(st: Stakeholder) -> Stakeholder:
        for f in fns:
            st = f(st)
        return st

    return fn


def shift_ops(deltas: Sequence[tuple[str, float]]) -> tuple[ShiftReservation, ...]:
    """One :class:`ShiftReservation` per (key, delta), skipping zero deltas."""
    return tuple(ShiftReservation(k, d) for k, d in deltas if d != 0.0)
