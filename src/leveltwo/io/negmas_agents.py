"""The NegMAS bridge: NegMAS's negotiating agents bargain over a case, with ratification.

NegMAS (https://github.com/yasserfarouk/negmas) is the field's standard Python
library for automated negotiation. It is AGPL-3.0 licensed, so leveltwo uses it
only as the optional extra ``negmas`` (``pip install 'leveltwo[negmas]'``), and
this is the only module that imports it.

The bridge turns a case into a NegMAS scenario: one NegMAS issue per case issue
(its option labels as values), and for each side a utility function that is
*ratification-aware*: a negotiator values a deal at its expected value
EV_s(d) = P(d)·u_s(d) + (1 − P(d))·x_s (the baseline model, from
:class:`~leveltwo.engine.evaluator.Evaluator`), with its no-deal value x_s as
reserved value. It then runs NegMAS's stepwise alternating-offers mechanism
(``SAOMechanism``) between built-in negotiators — a time-based Boulware
(``BoulwareTBNegotiator``), a time-based conceder (``ConcederTBNegotiator``) and
an aspiration negotiator (``AspirationNegotiator``) — for N seeded runs. In run
k, each side's negotiator is drawn from :data:`AGENTS` with a generator seeded
by ``seed + k`` (NegMAS's own use of Python's ``random`` is seeded the same way
and restored afterwards); the side that proposes first is added first; an
agreement reached at step t is then put to ratification (success with
probability P, drawn with the same generator). One offer is one step
(``one_offer_per_step``), as one offer is one round of :mod:`leveltwo.engine.bargaining`.
A run's expected value for side
s is x_s + δ_s^t·P(d)·(u_s(d) − x_s): the agents stop at the first agreement,
so a failed ratification ends the run with no deal.

The deadline is the case's ``max_rounds``, else :data:`DEFAULT_STEPS` steps.
"""

from __future__ import annotations

import random
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from leveltwo.engine.constraints import Feasibility
from leveltwo.engine.evaluator import Evaluator
from leveltwo.errors import LeveltwoError
from leveltwo.model.bargaining import Bargaining
from leveltwo.model.case import Case

#: The built-in NegMAS negotiators a run draws from (NegMAS class names).
AGENTS: tuple[str, ...] = ("BoulwareTBNegotiator", "ConcederTBNegotiator", "AspirationNegotiator")
#: Steps of a negotiation when the case sets no ``max_rounds``.
DEFAULT_STEPS = 100
#: Deal spaces larger than this are refused (NegMAS's agents enumerate the outcomes).
MAX_OUTCOMES = 100_000
#: Most runs in one simulation.
MAX_RUNS = 10_000
INSTALL_HINT = (
    "the agent simulation needs NegMAS, an optional extra (AGPL-3.0): "
    "pip install 'leveltwo[negmas]'"
)


def available() -> bool:
    """Whether NegMAS can be imported."""
    try:
        import negmas  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Run:
    """One negotiation between two NegMAS agents."""

    seed: int
    agents: tuple[str, str]  # per side, in case order
    agreement: int | None  # deal index
    steps: int
    success_probability: float
    ratified: bool
    expected_value: tuple[float, float]

    def to_json(self, case: Case) -> dict[str, object]:
        return {
            "seed": self.seed,
            "agents": {s.id: a for s, a in zip(case.sides, self.agents, strict=True)},
            "agreement": None
            if self.agreement is None
            else case.deal_labels(case.deal_from_index(self.agreement)),
            "steps": self.steps,
            "success_probability": self.success_probability,
            "ratified": self.ratified,
            "expected_value": {
                s.id: v for s, v in zip(case.sides, self.expected_value, strict=True)
            },
        }


@dataclass(frozen=True)
class Simulation:
    """N seeded runs of NegMAS agents on a case, and their distribution."""

    case: Case
    seed: int
    steps: int
    first_proposer: str
    runs: tuple[Run, ...]

    @property
    def agreement_rate(self) -> float:
        return sum(r.agreement is not None for r in self.runs) / len(self.runs)

    @property
    def ratification_failure_rate(self) -> float | None:
        """Of the runs that reached an agreement, the share whose ratification failed."""
        agreed = [r for r in self.runs if r.agreement is not None]
        if not agreed:
            return None
        return sum(not r.ratified for r in agreed) / len(agreed)

    def mean_expected_value(self) -> tuple[float, float]:
        evs = np.array([r.expected_value for r in self.runs])
        return float(evs[:, 0].mean()), float(evs[:, 1].mean())

    def mean_success_probability(self) -> float | None:
        ps = [r.success_probability for r in self.runs if r.agreement is not None]
        return float(np.mean(ps)) if ps else None

    def agreements(self) -> list[tuple[int, int]]:
        """(deal index, runs) of every agreement reached, most frequent first."""
        counts = Counter(r.agreement for r in self.runs if r.agreement is not None)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def to_json(self) -> dict[str, object]:
        case = self.case
        mean = self.mean_expected_value()
        return {
            "engine": "negmas",
            "mechanism": "SAOMechanism",
            "agents": list(AGENTS),
            "runs": len(self.runs),
            "seed": self.seed,
            "steps": self.steps,
            "first_proposer": self.first_proposer,
            "agreement_rate": self.agreement_rate,
            "ratification_failure_rate": self.ratification_failure_rate,
            "mean_success_probability": self.mean_success_probability(),
            "mean_expected_value": {s.id: v for s, v in zip(case.sides, mean, strict=True)},
            "agreements": [
                {
                    "deal": case.deal_labels(case.deal_from_index(index)),
                    "runs": n,
                    "share": n / len(self.runs),
                }
                for index, n in self.agreements()
            ],
            "outcomes": [r.to_json(case) for r in self.runs],
        }


def _negmas() -> Any:
    try:
        import negmas  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as exc:
        raise LeveltwoError(INSTALL_HINT) from exc
    return negmas


def simulate(
    case: Case,
    runs: int,
    seed: int = 0,
    first: str | None = None,
    settings: Bargaining | None = None,
) -> Simulation:
    """``runs`` seeded NegMAS negotiations over the case (see the module docstring)."""
    if not 1 <= runs <= MAX_RUNS:
        raise LeveltwoError(f"--simulate: expected 1 to {MAX_RUNS:,} runs, found {runs}")
    if case.size > MAX_OUTCOMES:
        raise LeveltwoError(
            f"the agent simulation handles at most {MAX_OUTCOMES:,} deals; this case has "
            f"{case.size:,}"
        )
    negmas = _negmas()
    from negmas.preferences import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        MappingUtilityFunction,
    )

    settings = settings or case.bargaining or Bargaining()
    first = first or settings.first_proposer or case.us
    steps = settings.max_rounds or DEFAULT_STEPS
    ev = Evaluator(case)
    r = ev.evaluate_range(0, case.size)
    kept = list(range(case.size))
    feasibility = Feasibility(case)
    if feasibility.active:  # deals that break a linked option are not on the table
        kept = [int(k) for k in np.flatnonzero(feasibility.mask(ev.space.digits(r.indices)))]
    labels = [tuple(case.deal_labels(case.deal_from_index(k)).values()) for k in kept]
    index = dict(zip(labels, kept, strict=True))
    issues = [negmas.make_issue(list(i.options), name=i.id) for i in case.issues]
    tables = [
        {o: float(r.expected_value[s, k]) for o, k in zip(labels, kept, strict=True)}
        for s in range(2)
    ]
    space: dict[str, Any] = {"outcomes": labels} if feasibility.active else {"issues": issues}
    discount = [settings.discount(s.id) for s in case.sides]
    order = [case.side_index(first), 1 - case.side_index(first)]
    agents: dict[str, Callable[..., Any]] = {name: getattr(negmas.sao, name) for name in AGENTS}

    out = []
    saved = random.getstate()
    try:
        for k in range(runs):
            rng = np.random.default_rng(seed + k)
            picks = (AGENTS[int(rng.integers(len(AGENTS)))], AGENTS[int(rng.integers(len(AGENTS)))])
            random.seed(seed + k)
            mechanism = negmas.SAOMechanism(**space, n_steps=steps, one_offer_per_step=True)
            for s in order:
                ufun = MappingUtilityFunction(
                    tables[s],
                    reserved_value=float(ev.no_deal[s]),
                    outcome_space=mechanism.outcome_space,
                )
                mechanism.add(agents[picks[s]](name=case.sides[s].id), preferences=ufun)
            with warnings.catch_warnings():  # NegMAS's own numeric noise (presorting)
                warnings.simplefilter("ignore", RuntimeWarning)
                state = mechanism.run()
            agreement = None if state.agreement is None else index[tuple(state.agreement)]
            t = int(state.step)
            if agreement is None:
                p, ratified = 0.0, False
                values = (float(ev.no_deal[0]), float(ev.no_deal[1]))
            else:
                p = float(r.success[agreement])
                ratified = bool(rng.random() < p)
                values = tuple(
                    float(
                        ev.no_deal[s]
                        + discount[s] ** t * (r.expected_value[s, agreement] - ev.no_deal[s])
                    )
                    for s in range(2)
                )  # type: ignore[assignment]
            out.append(Run(seed + k, picks, agreement, t, p, ratified, (values[0], values[1])))
    finally:
        random.setstate(saved)
    return Simulation(case, seed, steps, first, tuple(out))
