"""The joint space the exact planner searches: deal terms × subsets of Level II moves.

A plan is a deal d and a set S of Level II moves; its value is the planner's
objective V(d, S) of :mod:`leveltwo.strategies.evaluate` (our expected value,
risks priced as branches, payments and fixed costs subtracted). Here:

- **deal terms** are every option of every issue, plus the new options the case
  offers (``level2.compensation`` entries with ``issue``, ``level2.process_terms``),
  added once to an *extended case*; with ``compensation`` not allowed the terms
  stay those on the table except where a move sets them;
- **Level II moves** are the candidates of every allowed category, generated
  once for any deal (a frame or a speech is a candidate even where it gains
  nothing at the proposal); a move that sets a term (a staged win, a process
  agreement) *forces* that term;
- constraints: a deal must keep the case's linked options (``constraints:``,
  the engine's :class:`~leveltwo.engine.constraints.Feasibility` mask; the deal
  on the table d₀ is always allowed, as it is the plan's starting point); moves
  sharing a group exclude each other, at most
  :data:`~leveltwo.strategies.evaluate.MAX_RISKY` risky moves, and the nominal
  cost max(0, u_us(d₀) − u_us(d)) + payments + fixed costs within the budget.

:meth:`JointSpace.evaluate` gives, for a set I of moves decided in and a set U
still undecided, over every deal at once (the engine's vectorised evaluator):

- the exact value V(d, I) of every deal, so the best deal for I;
- an upper bound on V(d, S) for every I ⊆ S ⊆ I ∪ U (docs/strategies.md, "Why
  the bound holds"): each risk branb of I gets the probability P⁺_b(d) of the
  case with I applied and every move of U relaxed to its most favourable form
  (only the reservation cuts of either of its outcomes, its rule change as if
  the constituency had no say, no added implementation risk, its frame and
  speech each taken or not, whichever gives the larger effective utility); then
  V(d, S) ≤ Σ_b π_b·(x + P⁺_b(d)·max(0, u(d) − x − pay_I)) − fixed_I.

With common factors (``factors:``) every P is the engine's weighted sum over the
factor nodes, P = Σ_k w_k P₀(d | z_k) Π_units f(d | z_k): the stakeholders no frame
or speech acts on through :meth:`~leveltwo.engine.correlation.JointModel.node_success`,
each perceived unit by its members' approvals given the same node; every relaxation
raises each node's product, so the bound holds node by node (docs/strategies.md,
"Common factors").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.correlation import Memo, conditional_approval, joint_model
from leveltwo.engine.evaluator import Evaluator
from leveltwo.engine.factors import utility_of
from leveltwo.engine.influence import resolve
from leveltwo.engine.space import DEFAULT_CHUNK, OutcomeSpace, check_enumerable
from leveltwo.model.case import Case, Category, Power, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.strategies.evaluate import MAX_RISKY, context
from leveltwo.strategies.move import Context, Move
from leveltwo.strategies.moves import compensation
from leveltwo.strategies.ops import (
    AddOption,
    ClaimVictory,
    Op,
    Reframe,
    SetOption,
    SetRule,
    ShiftReservation,
    State,
    apply_ops,
    evolve,
    tacit_hidden,
)
from leveltwo.strategies.perceived import (
    Perception,
    Speech,
    combine,
    effective_members,
    unit_factor,
    unit_of,
)
from leveltwo.strategies.registry import REGISTRY

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: The key of the tacit form of agreement (its speech interaction: ``ops.tacit_hidden``).
TACIT_KEY = "agreement_form:tacit"
#: Slack when comparing a cost with the budget.
BUDGET_SLACK = 1e-12
#: Models (case and perception primitives) kept for re-use in one search.
MODEL_CACHE = 4096
#: Perceived factors kept, in floats (8 bytes each).
FACTOR_FLOATS = 1 << 25
#: Deals whose exact values are this close count as tied (the fewest changed terms wins).
TIE = 1e-12


@dataclass(frozen=True)
class Lifted:
    """A Level II move split for the joint space: the terms it forces, its deal-independent
    primitives (and those of its realised risk), its perception primitives."""

    move: Move
    forced: tuple[tuple[int, int], ...]
    fixed: tuple[Op, ...]
    realised: tuple[Op, ...]
    perception: tuple[Reframe | ClaimVictory, ...]

    @property
    def risky(self) -> bool:
        return self.move.risk is not None

    def relaxed(self) -> tuple[Op, ...]:
        """Its most favourable form for the bound: only reservation cuts (of either
        outcome), rule changes as if the constituency had no say, no added risk."""
        out: list[Op] = []
        for op in (*self.fixed, *self.realised):
            if isinstance(op, ShiftReservation) and op.delta < 0:
                out.append(op)
            elif isinstance(op, SetRule):
                out.append(SetRule(op.key, power=Power.INFLUENCE))
        return tuple(out)


@dataclass
class JointSpace:
    """The joint space of one base state (see the module docstring)."""

    base: State
    allowed: frozenset[Category]
    budget: float | None
    ext: Case = field(init=False)
    moves: tuple[Lifted, ...] = field(init=False)
    option_moves: dict[tuple[int, int], Move] = field(init=False)

    def __post_init__(self) -> None:
        ext_state = self.base
        pool = candidate_pool(context(self.base), self.allowed)
        term_options: dict[tuple[int, int], Move] = {}
        lifted: list[Lifted] = []
        for m in pool:
            if m.key.startswith("compensation:term:"):
                continue  # deal terms are searched as the deal itself
            adds = [op for op in m.ops if isinstance(op, AddOption)]
            for op in adds:
                ext_state = State(op.apply(ext_state).case, self.base.deal)
            if m.key.startswith("compensation:new:"):
                for op in adds:
                    i = _issue(ext_state.case, op.issue)
                    term_options[(i, ext_state.case.issues[i].index(op.label))] = m
                continue
            lifted.append(self._lift(ext_state.case, m))
        self.ext = ext_state.case
        check_enumerable(self.ext.size, "the exact planner (every deal with its new options)")
        self.feasibility = Feasibility(self.ext)
        self.moves = tuple(lifted)
        self.option_moves = term_options
        self.space = OutcomeSpace(self.ext.shape)
        self.us = self.ext.side_index(self.ext.us)
        self.no_deal = self.ext.our_side.no_deal_value
        self.d0 = self.base.deal
        self.u0 = self.ext.our_side.negotiator.preferences.utility(self.d0)
        self._free_terms = Category.COMPENSATION in self.allowed
        self._models: dict[tuple[object, ...], _Model] = {}
        self._factors: FactorCache = {}
        self._memo: Memo = {}  # conditional factors under common factors (engine/correlation.py)
        self._exact: dict[frozenset[str], tuple[Deal | None, float]] = {}
        self._digits: list[tuple[int, int, list[IntArray]]] | None = None

    def _lift(self, ext: Case, m: Move) -> Lifted:
        forced = []
        fixed: list[Op] = []
        perception: list[Reframe | ClaimVictory] = []
        for op in m.ops:
            if isinstance(op, SetOption | AddOption):
                i = _issue(ext, op.issue)
                label = op.option if isinstance(op, SetOption) else op.label
                forced.append((i, ext.issues[i].index(label)))
            elif isinstance(op, Reframe | ClaimVictory):
                perception.append(op)
            else:
                fixed.append(op)
        realised = tuple(m.risk.ops) if m.risk is not None else ()
        if m.risk is not None and (forced or perception):
            raise ValueError(f"{m.key}: a risky move may only shift reservations and rules")
        return Lifted(m, tuple(forced), tuple(fixed), realised, tuple(perception))

    # ---- constraints ----------------------------------------------------------
    def monotone(self, m: Lifted) -> bool:
        """Whether ``m`` can only raise approvals, at no cost, risk or exclusion: free,
        riskless, no term forced, only reservation cuts and speeches (and frames on
        stakeholders no speech credits), and no group shared with another candidate.
        Such a move never lowers V(d, S) where u_us(d) − x − payments ≥ 0
        (docs/strategies.md, "Moves that only help")."""
        mv = m.move
        if mv.payment or mv.fixed_cost or m.risky or m.forced:
            return False
        if any(not (isinstance(op, ShiftReservation) and op.delta <= 0) for op in m.fixed):
            return False
        spoken = {op.key for c in self.moves for op in c.perception if isinstance(op, ClaimVictory)}
        if any(isinstance(op, Reframe) and op.key in spoken for op in m.perception):
            return False
        others = {g for c in self.moves if c is not m for g in c.move.groups}
        return not others.intersection(mv.groups)

    def compatible(self, chosen: Sequence[Lifted], m: Lifted) -> bool:
        groups = {g for c in chosen for g in c.move.groups}
        if groups.intersection(m.move.groups):
            return False
        if m.risky and sum(c.risky for c in chosen) >= MAX_RISKY:
            return False
        spent = sum(c.move.payment + c.move.fixed_cost for c in (*chosen, m))
        return self.budget is None or spent <= self.budget + BUDGET_SLACK

    def _allowed_options(
        self, included: Sequence[Lifted], undecided: Sequence[Lifted]
    ) -> list[NDArray[np.bool_]]:
        """Per issue, the options a deal may take with ``included`` in (and ``undecided``
        possibly in): forced terms, free terms, new options whose move may be in."""
        shape = self.ext.shape
        original = self.base.case.shape
        out = []
        for i, k in enumerate(shape):
            ok = np.zeros(k, dtype=np.bool_)
            if self._free_terms:
                ok[: original[i]] = True
                for (j, o), _ in self.option_moves.items():
                    if j == i:
                        ok[o] = True
            else:
                ok[self.d0.choices[i]] = True
            for m in undecided:
                for j, o in m.forced:
                    if j == i:
                        ok[o] = True
            out.append(ok)
        for m in included:
            for i, o in m.forced:
                keep = np.zeros_like(out[i])
                keep[o] = True
                out[i] = keep
        return out

    # ---- evaluation -------------------------------------------------------------
    def _branches(
        self, included: Sequence[Lifted], relax: Sequence[Op], perception: dict[str, Perception]
    ) -> list[tuple[float, _Model]]:
        """(π_b, the model of branch b) for every pattern of I's realised risks."""
        risky = [m for m in included if m.risky]
        out = []
        for pattern in itertools.product((False, True), repeat=len(risky)):
            prob = 1.0
            realised = set()
            for m, hit in zip(risky, pattern, strict=True):
                assert m.move.risk is not None
                q = m.move.risk.probability
                prob *= q if hit else 1.0 - q
                if hit:
                    realised.add(m.move.key)
            if prob == 0.0:
                continue
            ops: list[Op] = []
            for m in included:
                ops.extend(m.realised if m.move.key in realised else m.fixed)
            ops.extend(relax)
            out.append((prob, self._model(tuple(ops), perception)))
        return out

    def _model(self, ops: tuple[Op, ...], perception: dict[str, Perception]) -> _Model:
        key = (ops, tuple(sorted(perception.items())))
        hit = self._models.get(key)
        if hit is None:
            case = apply_ops(State(self.ext, self.d0), ops).case
            hit = _Model(case, perception, self._factors, self._memo)
            if len(self._models) < MODEL_CACHE:
                self._models[key] = hit
        return hit

    def _chunks(self) -> list[tuple[int, int, list[IntArray]]]:
        if self._digits is None:
            out = []
            for start, stop in self.space.chunks(DEFAULT_CHUNK):
                idx = np.arange(start, stop, dtype=np.int64)
                out.append((start, stop, self.space.digits(idx)))
            if self.space.size > DEFAULT_CHUNK:
                return out  # too large to keep
            self._digits = out
        return self._digits

    def _affordable(self, u: FloatArray, pay: float, fixed: float) -> NDArray[np.bool_]:
        if self.budget is None:
            return np.ones(len(u), dtype=np.bool_)
        left = self.budget - pay - fixed
        out: NDArray[np.bool_] = np.maximum(0.0, self.u0 - u) <= left + BUDGET_SLACK
        return out

    def _feasible(self, digits: list[IntArray]) -> NDArray[np.bool_]:
        """Deals that keep the case's linked options (``constraints:``), and the proposal."""
        if not self.feasibility.active:
            return np.ones(len(digits[0]), dtype=np.bool_)
        ok = self.feasibility.mask(digits)
        here = np.ones(len(digits[0]), dtype=np.bool_)
        for i, d in enumerate(digits):
            here &= d == self.d0.choices[i]
        out: NDArray[np.bool_] = ok | here
        return out

    def exact(self, included: Sequence[Lifted]) -> tuple[Deal | None, float]:
        """The best deal for exactly the moves ``included`` and its value V(d, I)
        (None, -inf when no deal is feasible). Ties: the fewest terms changed from d₀."""
        key = frozenset(m.move.key for m in included)
        if key in self._exact:
            return self._exact[key]
        pay = sum(m.move.payment for m in included)
        fixed = sum(m.move.fixed_cost for m in included)
        branches = self._branches(included, (), _perception(included, (), self.ext))
        options = self._allowed_options(included, ())
        best: tuple[float, int, int] | None = None  # value on the tie grid, -changes, -index
        best_value = -math.inf
        x = self.no_deal
        for start, stop, digits in self._chunks():
            n = stop - start
            value = np.zeros(n)
            u = np.zeros(n)
            for prob, model in branches:
                p, u = model.success(digits, n, start, stop, self.us)
                value += prob * (p * u + (1 - p) * x - p * pay)
            value -= fixed
            ok = (
                self._affordable(u, pay, fixed) & _mask(options, digits, n) & self._feasible(digits)
            )
            if not ok.any():
                continue
            changes = np.zeros(n, dtype=np.int64)
            for i, d in enumerate(digits):
                changes += d != self.d0.choices[i]
            grid = np.where(ok, np.floor(value / TIE), -np.inf)
            top = grid.max()
            cand = np.flatnonzero(grid == top)
            j = int(cand[np.argmin(changes[cand])])
            k = (float(top), -int(changes[j]), -(start + j))
            if best is None or k > best:
                best, best_value = k, float(value[j])
        out: tuple[Deal | None, float] = (None, -math.inf)
        if best is not None:
            out = (self.ext.deal_from_index(-best[2]), best_value)
        self._exact[key] = out
        return out

    def bound(self, included: Sequence[Lifted], undecided: Sequence[Lifted]) -> float:
        """An upper bound on V(d, S) over every deal and I ⊆ S ⊆ I ∪ U (module docstring)."""
        pay = sum(m.move.payment for m in included)
        fixed = sum(m.move.fixed_cost for m in included)
        relax = tuple(op for m in undecided for op in m.relaxed())
        branches = self._branches(included, relax, _perception(included, undecided, self.ext))
        options = self._allowed_options(included, undecided)
        best = -math.inf
        x = self.no_deal
        for start, stop, digits in self._chunks():
            n = stop - start
            value = np.zeros(n)
            u = np.zeros(n)
            for prob, model in branches:
                p, u = model.success(digits, n, start, stop, self.us)
                value += prob * (x + p * np.maximum(0.0, u - x - pay))
            value -= fixed
            ok = (
                self._affordable(u, pay, fixed) & _mask(options, digits, n) & self._feasible(digits)
            )
            if ok.any():
                best = max(best, float(value[ok].max()))
        return best

    # ---- solutions ---------------------------------------------------------------
    def moves_for(self, deal: Deal, included: Sequence[Lifted]) -> tuple[Move, ...]:
        """The plan's moves: the Level II moves and a move per term changed from d₀."""
        forced = {i for m in included for i, _ in m.forced}
        out = [m.move for m in included]
        ctx = None
        original = self.base.case.shape
        for i, o in enumerate(deal.choices):
            if i in forced or o == self.d0.choices[i]:
                continue
            if o >= original[i]:
                out.append(self.option_moves[(i, o)])
                continue
            if ctx is None:
                ctx = context(self.base)
            term = compensation.term_move(ctx, i, o, any_gain=True)
            assert term is not None
            out.append(term)
        return tuple(out)


FactorCache = dict[tuple[object, ...], FloatArray]


def candidate_pool(ctx: Context, allowed: frozenset[Category]) -> tuple[Move, ...]:
    """Every candidate of the allowed categories for any deal: each strategy's
    ``candidates`` (frames and speeches whether or not they gain at the deal in ``ctx``)."""
    pool: list[Move] = []
    for s in REGISTRY:
        if s.category in allowed:
            pool.extend(s.candidates(ctx))
    return tuple(pool)


class _Model:
    """A case and the perception primitives acting on it, evaluated over deals; results
    are kept per chunk (small spaces) and the perceived factors shared between models."""

    def __init__(
        self,
        case: Case,
        perception: dict[str, Perception],
        factors: FactorCache,
        memo: Memo | None = None,
    ) -> None:
        case = resolve(case)  # influence links at their fixed point (engine/influence.py)
        self.case = case
        self.perception = perception
        self.units = tuple(dict.fromkeys(unit_of(k) for k in perception))
        self.evaluator = Evaluator(_neutralised(case, self.units))
        self.factors = factors
        self.results: dict[int, tuple[FloatArray, FloatArray]] = {}
        # common factors: every stakeholder conditioned on the same nodes (module docstring)
        self.joint = joint_model(self.evaluator.case) if self.units else None
        self.memo = memo

    def success(
        self, digits: list[IntArray], n: int, start: int, stop: int, us: int
    ) -> tuple[FloatArray, FloatArray]:
        """(P, our negotiator's utility) for the deals ``start .. stop - 1``."""
        hit = self.results.get(start)
        if hit is not None:
            return hit
        if self.joint is not None:
            out = self._joint_success(digits, n, start, us)
            if n <= DEFAULT_CHUNK:
                self.results[start] = out
            return out
        r = self.evaluator.evaluate_range(start, stop)
        p = r.success.copy()
        for key in self.units:
            unit = self.case.stakeholder(key)
            mine = tuple(
                (k, how) for k, how in sorted(self.perception.items()) if unit_of(k) == key
            )
            fkey = (unit, mine, start)
            f = self.factors.get(fkey)
            if f is None:
                f = unit_factor(unit, digits, n, self.perception)
                if n * len(self.factors) < FACTOR_FLOATS:
                    self.factors[fkey] = f
            p *= f
        out = (p, r.utility[us])
        if n <= DEFAULT_CHUNK:
            self.results[start] = out
        return out

    def _joint_success(
        self, digits: list[IntArray], n: int, start: int, us: int
    ) -> tuple[FloatArray, FloatArray]:
        """(P, our utility) under common factors: P = Σ_k w_k P₀(d | z_k) Π_units f(d | z_k),
        with P₀ the engine's conditional product for the other stakeholders and f each
        perceived unit's factor given the node (its members' approvals conditioned on
        z_k at their effective utilities: docs/strategies.md, "Common factors")."""
        joint = self.joint
        assert joint is not None
        units = [self.case.stakeholder(key) for key in self.units]
        members: dict[str, tuple[tuple[Stakeholder, FloatArray], ...]] = {}

        def factor(unit: Stakeholder, z: FloatArray) -> FloatArray:
            if unit.key not in members:  # computed once, and only when not kept
                members[unit.key] = effective_members(unit, digits, n, self.perception)
            rows = [
                conditional_approval(st, joint.correlation, e, z) for st, e in members[unit.key]
            ]
            return combine(unit, [np.array(r) for r in rows], n)

        p = np.zeros(n)
        block = 0  # the first node of the block
        for z, w, base in joint.node_success(digits, tag=("deals", start, n), memo=self.memo):
            for unit in units:
                if len(w) * n * len(self.factors) < FACTOR_FLOATS:
                    # keep the unit's factor on this block of nodes, as the baseline does
                    mine = tuple(
                        (k, how)
                        for k, how in sorted(self.perception.items())
                        if unit_of(k) == unit.key
                    )
                    fkey = (unit, mine, start, "nodes", block)
                    f = self.factors.get(fkey)
                    if f is None:
                        f = self.factors[fkey] = factor(unit, z)
                else:
                    f = factor(unit, z)
                base = base * f
            p += w @ base
            block += len(w)
        neg = self.evaluator.case.sides[us].negotiator
        return np.clip(p, 0.0, 1.0), utility_of(neg.preferences, digits)


def _neutralised(case: Case, units: Sequence[str]) -> Case:
    """The case with these negotiators and constituencies out of the engine's product
    (factor 1): their factors are computed with their perception primitives instead."""
    if not units:
        return case
    wanted = set(units)
    sides = []
    for side in case.sides:
        neg = side.negotiator
        no_deal = side.no_deal_value
        if neg.key in wanted:
            neg = evolve(neg, reservation=-math.inf)
        cons = tuple(
            evolve(c, power=Power.INFLUENCE) if c.key in wanted else c for c in side.constituencies
        )
        sides.append(evolve(side, negotiator=neg, constituencies=cons, no_deal=no_deal))
    return evolve(case, sides=(sides[0], sides[1]))


def _perception(
    included: Sequence[Lifted], undecided: Sequence[Lifted], case: Case | None = None
) -> dict[str, Perception]:
    """Per stakeholder key, the frames and speeches to try: those of ``included`` always,
    those of ``undecided`` as an option (taken or not). A speech keeps out of public what a
    tacit understanding hides (:func:`~leveltwo.strategies.ops.tacit_hidden`) when the
    tacit form is in, and may or may not while it is undecided."""
    tacit_in = any(m.move.key == TACIT_KEY for m in included)
    tacit_open = any(m.move.key == TACIT_KEY for m in undecided)

    def variants(op: ClaimVictory) -> list[Speech]:
        plain = (op.receptivity, op.reference, ())
        if case is None or not (tacit_in or tacit_open):
            return [plain]
        hidden = (op.receptivity, op.reference, tacit_hidden(case, op.key))
        return [hidden] if tacit_in else [plain, hidden]

    frames: dict[str, set[float]] = {}
    speeches: dict[str, set[Speech]] = {}
    fixed_f: dict[str, float] = {}
    fixed_s: dict[str, list[Speech]] = {}
    for m in included:
        for op in m.perception:
            if isinstance(op, Reframe):
                fixed_f[op.key] = op.receptivity
            else:
                fixed_s[op.key] = variants(op)
    keys = set(fixed_f) | set(fixed_s)
    for m in undecided:
        for op in m.perception:
            keys.add(op.key)
            if isinstance(op, Reframe):
                frames.setdefault(op.key, set()).add(op.receptivity)
            else:
                speeches.setdefault(op.key, set()).update(variants(op))
    out = {}
    for k in sorted(keys):
        f = (fixed_f[k],) if k in fixed_f else (0.0, *sorted(frames.get(k, ())))
        order = lambda x: (x[0], x[1].choices, x[2])  # noqa: E731
        if k in fixed_s:
            s: tuple[Speech | None, ...] = tuple(sorted(fixed_s[k], key=order))
        else:
            s = (None, *sorted(speeches.get(k, set()), key=order))
        out[k] = Perception(f, s)
    return out


def _mask(options: list[NDArray[np.bool_]], digits: list[IntArray], n: int) -> NDArray[np.bool_]:
    ok = np.ones(n, dtype=np.bool_)
    for allowed, d in zip(options, digits, strict=True):
        if not allowed.all():
            ok &= allowed[d]
    return ok


def _issue(case: Case, iid: str) -> int:
    return next(k for k, x in enumerate(case.issues) if x.id == iid)
