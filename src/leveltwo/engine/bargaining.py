"""Bargaining at the table: alternating offers with ratification (docs/bargaining.md).

The game (Rubinstein 1982; Osborne and Rubinstein 1990, ch. 3; with a Level II
ratification stage after Putnam 1988, Iida 1993, Tarar 2001): in round
t = 0, 1, … one side proposes a deal d of the case's finite deal space, the
other accepts or rejects. An accepted deal goes to ratification and succeeds
with the baseline probability P(d) of :mod:`leveltwo.engine.evaluator`. A
success ends the game with utilities u_s(d); a rejection, or a failed
ratification under ``on_ratification_failure: continue``, passes the turn to
the other side one round later; a failure under ``breakdown`` ends it with no
deal (x_s). Delay discounts gains over no deal: an outcome worth u at round t
is worth x_s + δ_s^t·(u − x_s) now.

With G_s the gain over x_s that side s expects at the start of a round, and
R_s = δ_s·G'_s the value of passing to the next round (G' its start values;
0 after the last round), for each deal

    Acc_s(d) = P(d)·(u_s(d) − x_s) + (1 − P(d))·F_s,   F_s = R_s (continue) or 0 (breakdown)
    a(d)     = 1[Acc_j(d) ≥ R_j]            (responder j's σ = 0)
               Φ((Acc_j(d) − R_j) / σ_j)    (σ_j > 0: its bar at the table is uncertain)
    Π_s(d)   = a(d)·Acc_s(d) + (1 − a(d))·R_s

and the proposer i offers argmax Π_i (ties: larger Π_j, larger P, the earlier
deal), or makes no serious offer when every deal gives it less than R_i. The
round's start values are G = Π(d*). With ``max_rounds`` the game is solved by
backward induction from the deadline (its unique subgame-perfect equilibrium
up to ties); without one, the stationary equilibrium is the fixed point of the
same map on the two proposers' start values, reached by iterating it from G = 0
(the limit of ever longer deadline games; the map contracts by δ_A·δ_B per two
rounds, so both discount factors equal to 1 without a deadline are refused).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr

from leveltwo.engine.approval import STEP_TOLERANCE
from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.evaluator import Evaluator
from leveltwo.engine.results import DealPoint
from leveltwo.engine.winsets import TIE, analyze_space, pick_on_grid
from leveltwo.errors import CaseError, InfeasibleError, LeveltwoError, Problem
from leveltwo.model.bargaining import Bargaining, OnFailure
from leveltwo.model.case import Case

FloatArray = NDArray[np.float64]

#: Deals the equilibrium is computed over at most (every deal is kept in memory).
MAX_DEALS = 1_000_000
#: Rounds × deals evaluated at most (a deadline game, or the fixed-point iteration).
MAX_WORK = 400_000_000
#: Below this, a probability of agreement counts as none.
NO_AGREEMENT = 1e-12


@dataclass(frozen=True)
class RoundOffer:
    """One round's equilibrium offer (``deal`` None: no serious offer; the proposer waits)."""

    round: int
    proposer: str
    deal: DealPoint | None
    acceptance_probability: float

    def to_json(self) -> dict[str, object]:
        return {
            "round": self.round,
            "proposer": self.proposer,
            "deal": None if self.deal is None else dict(self.deal.labels),
            "acceptance_probability": self.acceptance_probability,
            "success_probability": None if self.deal is None else self.deal.success_probability,
        }


@dataclass(frozen=True)
class Equilibrium:
    """The equilibrium outcome for one first proposer.

    ``deal``: the predicted agreement, the deal most likely to be implemented
    (None: no agreement is ever implemented); ``success_probability``: its P;
    ``agreement_probability``: the probability the bargaining ends with an
    implemented agreement; ``expected_value``: each side's equilibrium value,
    x_s + G_s (delay and ratification risk included); ``delay``: expected rounds
    before the agreement, given one; ``continuation_values``: each proposer's
    start-of-round values (rounds 0 and 1 with a deadline); ``offers``: the
    offers made, round by round (stationary: the two proposers' offers).
    """

    first_proposer: str
    deal: DealPoint | None
    success_probability: float
    agreement_probability: float
    expected_value: tuple[tuple[str, float], ...]
    delay: float | None
    continuation_values: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]
    offers: tuple[RoundOffer, ...]
    stationary: bool
    iterations: int

    @property
    def agreed(self) -> bool:
        return self.deal is not None

    def ev(self, side: str) -> float:
        return dict(self.expected_value)[side]

    def to_json(self) -> dict[str, object]:
        return {
            "first_proposer": self.first_proposer,
            "deal": None if self.deal is None else dict(self.deal.labels),
            "success_probability": self.success_probability,
            "agreement_probability": self.agreement_probability,
            "expected_value": dict(self.expected_value),
            "delay": self.delay,
            "deal_expected_value": None if self.deal is None else dict(self.deal.expected_value),
            "continuation_values": {p: dict(v) for p, v in self.continuation_values},
            "offers": [o.to_json() for o in self.offers],
            "stationary": self.stationary,
            "iterations": self.iterations,
        }


@dataclass(frozen=True)
class BargainingAnalysis:
    """Equilibria for the first proposers asked for, beside the one-shot best and Nash deals."""

    title: str
    us: str
    settings: Bargaining
    equilibria: tuple[Equilibrium, ...]
    one_shot_best: DealPoint
    nash_deal: DealPoint | None

    @property
    def agreed(self) -> bool:
        return all(e.agreed for e in self.equilibria)

    def to_json(self) -> dict[str, object]:
        s = self.settings
        return {
            "title": self.title,
            "us": self.us,
            "bargaining": {
                "discount": dict(s.discounts),
                "first_proposer": s.first_proposer or self.us,
                "protocol": s.protocol.value,
                "on_ratification_failure": s.on_failure.value,
                "max_rounds": s.max_rounds,
            },
            "equilibrium": [e.to_json() for e in self.equilibria],
            "one_shot_best": self.one_shot_best.to_json(),
            "nash_deal": None if self.nash_deal is None else self.nash_deal.to_json(),
        }


# ---------------------------------------------------------------------------
# the game's data over the deal space
@dataclass(frozen=True)
class Game:
    """Every deal's P and gains over no deal, with the bargaining parameters (rows: sides)."""

    case: Case
    settings: Bargaining
    deals: NDArray[np.int64]  # (N,) flat index of each deal kept (those keeping every constraint)
    success: FloatArray  # (N,)
    gain: FloatArray  # (2, N) u_s − x_s
    no_deal: FloatArray  # (2,)
    discount: FloatArray  # (2,)
    table_sigma: tuple[float, float]  # the negotiators' σ: uncertainty of acceptance

    @classmethod
    def of(cls, case: Case, settings: Bargaining | None = None) -> Game:
        if settings is None and case.bargaining is None:
            raise CaseError(
                [
                    Problem(
                        "bargaining",
                        "a bargaining: block (discount factors, first proposer, deadline: "
                        "docs/case-format.md#bargaining)",
                        "nothing",
                    )
                ]
            )
        settings = settings or case.bargaining or Bargaining()
        if case.size > MAX_DEALS:
            raise LeveltwoError(
                f"bargaining: the deal space has {case.size:,} deals; the equilibrium is "
                f"computed over at most {MAX_DEALS:,}"
            )
        discount = np.array([settings.discount(s.id) for s in case.sides])
        if settings.max_rounds is None and bool(np.all(discount >= 1.0)):
            raise CaseError(
                [
                    Problem(
                        "bargaining.discount",
                        "a discount factor below 1 for a side, or bargaining.max_rounds "
                        "(with no cost of delay and no deadline every split is an "
                        "equilibrium: Rubinstein 1982)",
                        "1 for both sides and no max_rounds",
                    )
                ]
            )
        ev = Evaluator(case)
        r = ev.evaluate_range(0, case.size)
        keep = r.indices
        success, utility = r.success, r.utility
        feasibility = Feasibility(case)
        if feasibility.active:  # linked options: deals that break one cannot be offered
            ok = feasibility.mask(ev.space.digits(r.indices))
            keep, success, utility = keep[ok], success[ok], utility[:, ok]
        return cls(
            case,
            settings,
            keep,
            success,
            utility - ev.no_deal[:, None],
            ev.no_deal,
            discount,
            (case.sides[0].negotiator.uncertainty, case.sides[1].negotiator.uncertainty),
        )

    @property
    def size(self) -> int:
        return int(self.success.shape[0])

    def __post_init__(self) -> None:
        if self.size == 0:
            raise InfeasibleError(
                f"{self.case.title}: no deal keeps every constraint (see constraints: in the "
                "case file)"
            )


@dataclass(frozen=True)
class _Round:
    deal: int  # -1: no serious offer
    acceptance: float
    start: FloatArray  # (2,) gains at the start of the round


def play_round(game: Game, proposer: int, after: FloatArray) -> _Round:
    """The proposer's best offer when passing to the next round is worth ``after`` (R)."""
    i, j = proposer, 1 - proposer
    p = game.success
    fail = after if game.settings.on_failure is OnFailure.CONTINUE else np.zeros(2)
    acc = p * game.gain + (1.0 - p) * fail[:, None]
    sigma = game.table_sigma[j]
    if sigma > 0:
        a = ndtr((acc[j] - after[j]) / sigma)
    else:
        a = (acc[j] >= after[j] - STEP_TOLERANCE).astype(np.float64)
    pi = a * acc + (1.0 - a) * after[:, None]
    k = pick_on_grid((pi[i], pi[j], p))
    if pi[i, k] < after[i] - TIE or a[k] <= 0.0 or p[k] <= 0.0:
        return _Round(-1, 0.0, after.copy())
    return _Round(k, float(a[k]), pi[:, k].copy())


# ---------------------------------------------------------------------------
# solving
def _same(x: _Round, y: _Round) -> bool:
    return x.deal == y.deal and bool(np.all(np.abs(x.start - y.start) <= TIE))


def _budget(game: Game, rounds: int) -> None:
    if rounds * game.size > MAX_WORK:
        raise LeveltwoError(
            f"bargaining: {rounds:,} rounds over {game.size:,} deals is more work than "
            f"{MAX_WORK:,} deal evaluations (lower max_rounds or a discount factor)"
        )


def stationary(game: Game) -> tuple[tuple[_Round, _Round], int]:
    """The stationary equilibrium: each proposer's round (see :func:`_iterate`).

    Both proposers' start values are updated together from G = 0. That is two
    backward inductions at once, the games with an even and with an odd
    deadline; when they settle on the same values, that is the equilibrium.
    On a finite deal space they can settle on two different stationary
    equilibria instead (the rounding of offers to the nearest deal leaves a
    band of them, favouring one side or the other like the last proposer of a
    deadline game): then the iteration restarts, one proposer after the other,
    from the midpoint of the two, and reports the equilibrium it reaches.
    """
    zero = np.zeros(2)
    rounds = (play_round(game, 0, zero), play_round(game, 1, zero))
    before: tuple[_Round, _Round] | None = None
    limit = _iteration_limit(game)
    for it in range(1, limit + 1):
        new = (
            play_round(game, 0, game.discount * rounds[1].start),
            play_round(game, 1, game.discount * rounds[0].start),
        )
        if _same(new[0], rounds[0]) and _same(new[1], rounds[1]):
            return new, it
        if before is not None and _same(new[0], before[0]) and _same(new[1], before[1]):
            middle = (rounds[1].start + new[1].start) / 2
            settled, more = _one_after_the_other(game, middle, limit)
            return settled, it + more
        before, rounds = rounds, new
    raise _unsettled(limit)


def _one_after_the_other(
    game: Game, second_start: FloatArray, limit: int
) -> tuple[tuple[_Round, _Round], int]:
    """Iterate A's best offer against B's start values, then B's against A's, until fixed."""
    last: tuple[_Round, _Round] | None = None
    start = second_start
    for it in range(1, limit + 1):
        first = play_round(game, 0, game.discount * start)
        second = play_round(game, 1, game.discount * first.start)
        if last is not None and _same(first, last[0]) and _same(second, last[1]):
            return (first, second), it
        last, start = (first, second), second.start
    raise _unsettled(limit)


def _iteration_limit(game: Game) -> int:
    limit = int(min(MAX_WORK // max(game.size, 1), 200_000))
    contraction = float(np.prod(game.discount))
    if contraction < 1:
        # enough iterations for the values to settle within TIE, with a margin
        needed = int(np.ceil(np.log(TIE) / np.log(contraction))) * 2 + 10
        limit = min(limit, max(needed, 50))
    return limit


def _unsettled(limit: int) -> LeveltwoError:
    return LeveltwoError(
        f"bargaining: the stationary equilibrium did not settle in {limit:,} iterations "
        "(set bargaining.max_rounds, or lower a discount factor)"
    )


def deadline(game: Game, first: int, max_rounds: int) -> list[_Round]:
    """The rounds of the deadline game by backward induction (round 0 first).

    Once two consecutive pairs of rounds repeat exactly, every earlier pair repeats
    too (the map of one pair depends only on the start values after it).
    """
    _budget(game, min(max_rounds, 10_000))
    rounds: list[_Round] = []
    start = np.zeros(2)
    for t in reversed(range(max_rounds)):
        proposer = first if t % 2 == 0 else 1 - first
        if len(rounds) >= 4 and _same(rounds[-1], rounds[-3]) and _same(rounds[-2], rounds[-4]):
            rounds.append(rounds[-2])
        else:
            if len(rounds) >= 10_000:
                _budget(game, max_rounds)
            rounds.append(play_round(game, proposer, game.discount * start))
        start = rounds[-1].start
    rounds.reverse()
    return rounds


@dataclass(frozen=True)
class _Path:
    agreement: dict[int, float]  # deal index → probability it is implemented
    total: float
    delay: float | None


def _path(game: Game, rounds: list[_Round], cycle: bool) -> _Path:
    """Where the equilibrium play leads: the distribution of implemented deals and delay.

    ``cycle``: the rounds repeat forever (stationary play); else the game ends after them.
    """
    go_on = game.settings.on_failure is OnFailure.CONTINUE
    mass = 1.0
    agree: dict[int, float] = {}
    weighted = 0.0  # Σ round · probability of agreement in that round (first cycle)
    for t, r in enumerate(rounds):
        if r.deal >= 0:
            p = float(game.success[r.deal])
            q = mass * r.acceptance * p
            agree[r.deal] = agree.get(r.deal, 0.0) + q
            weighted += t * q
            mass *= (1.0 - r.acceptance) + (r.acceptance * (1.0 - p) if go_on else 0.0)
        if mass <= 0.0:
            break
    first_cycle = sum(agree.values())
    if cycle and mass > 0.0:
        if mass >= 1.0 - 1e-15:  # the play never ends: every cycle returns to its start
            return _Path({}, 0.0, None)
        length = len(rounds)
        scale = 1.0 / (1.0 - mass)
        agree = {d: q * scale for d, q in agree.items()}
        weighted = weighted * scale + first_cycle * length * mass * scale * scale
    total = sum(agree.values())
    if total <= NO_AGREEMENT:
        return _Path({}, 0.0, None)
    return _Path(agree, total, weighted / total)


def equilibrium(game: Game, first: str) -> Equilibrium:
    """The equilibrium when side ``first`` makes the first offer."""
    case = game.case
    f = case.side_index(first)
    max_rounds = game.settings.max_rounds
    if max_rounds is None:
        pair, iterations = stationary(game)
        rounds = [pair[f], pair[1 - f]]
        cycle = True
        starts = {case.sides[f].id: pair[f].start, case.sides[1 - f].id: pair[1 - f].start}
    else:
        rounds = deadline(game, f, max_rounds)
        iterations = len(rounds)
        cycle = False
        starts = {case.sides[f].id: rounds[0].start}
        if len(rounds) > 1:
            starts[case.sides[1 - f].id] = rounds[1].start
    path = _path(game, rounds, cycle)
    shown = rounds if cycle else _reached(game, rounds)
    offers = tuple(
        RoundOffer(
            t,
            case.sides[f if t % 2 == 0 else 1 - f].id,
            None if r.deal < 0 else _point(game, r.deal),
            r.acceptance,
        )
        for t, r in enumerate(shown)
    )
    deal = None
    if path.agreement:
        best = max(path.agreement.items(), key=lambda kv: (kv[1], -kv[0]))[0]
        deal = _point(game, best)
    values = game.no_deal + rounds[0].start
    return Equilibrium(
        first_proposer=first,
        deal=deal,
        success_probability=0.0 if deal is None else deal.success_probability,
        agreement_probability=path.total,
        expected_value=tuple((s.id, float(v)) for s, v in zip(case.sides, values, strict=True)),
        delay=path.delay,
        continuation_values=tuple(
            (
                sid,
                tuple((s.id, float(v)) for s, v in zip(case.sides, game.no_deal + st, strict=True)),
            )
            for sid, st in starts.items()
        ),
        offers=offers,
        stationary=cycle,
        iterations=iterations,
    )


def _reached(game: Game, rounds: list[_Round]) -> list[_Round]:
    """The rounds play can reach (it stops at the first offer surely accepted and ratified
    or, under breakdown, surely accepted)."""
    go_on = game.settings.on_failure is OnFailure.CONTINUE
    out = []
    for r in rounds:
        out.append(r)
        sure = r.deal >= 0 and r.acceptance >= 1.0
        if sure and (not go_on or float(game.success[r.deal]) >= 1.0):
            break
    return out


def _point(game: Game, k: int) -> DealPoint:
    """The k-th deal of the game (``game.deals[k]`` in the whole space)."""
    p = float(game.success[k])
    evs = game.no_deal + p * game.gain[:, k]
    deal = game.case.deal_from_index(int(game.deals[k]))
    return DealPoint.of(game.case, deal, p, (evs[0], evs[1]))


def proposer_ids(case: Case, first: str | None = None) -> tuple[str, ...]:
    """The first proposers asked for: a side id, ``us``, ``them`` or ``both``; default the
    case's ``first_proposer`` (else us)."""
    if first is None:
        settings = case.bargaining or Bargaining()
        return (settings.first_proposer or case.us,)
    if first == "both":
        return tuple(s.id for s in case.sides)
    if first == "us":
        return (case.us,)
    if first == "them":
        return (case.their_side.id,)
    ids = [s.id for s in case.sides]
    if first not in ids:
        raise LeveltwoError(
            f"--first: expected a side id {ids}, 'us', 'them' or 'both', found {first!r}"
        )
    return (first,)


def bargain(
    case: Case, first: str | None = None, settings: Bargaining | None = None
) -> BargainingAnalysis:
    """The equilibrium for each first proposer asked for, with the one-shot comparisons."""
    game = Game.of(case, settings)
    equilibria = tuple(equilibrium(game, sid) for sid in proposer_ids(case, first))
    space = analyze_space(case)
    return BargainingAnalysis(
        title=case.title,
        us=case.us,
        settings=game.settings,
        equilibria=equilibria,
        one_shot_best=space.best_deal,
        nash_deal=space.nash_deal,
    )


def no_agreement_error(result: BargainingAnalysis) -> InfeasibleError:
    """The exit-1 report of an equilibrium without agreement."""
    who = ", ".join(e.first_proposer for e in result.equilibria if not e.agreed)
    return InfeasibleError(
        f"no agreement: in equilibrium no deal is ever implemented (first proposer {who}); "
        "no deal is both acceptable at the table and ratifiable (see `leveltwo winsets`)"
    )
