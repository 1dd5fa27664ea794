"""The two-level case model: frozen domain objects the engine computes on.

A :class:`Case` holds the issues, the two sides, their negotiators and
constituencies, and optionally a proposal. Preferences are stored aligned with
``case.issues`` (weights normalised to sum to 1; values per option in [0, 1]),
so the engine never looks anything up by name. Build cases with
:func:`leveltwo.model.build.build_case` (which validates) and change them with
:func:`dataclasses.replace` or the ``with_*`` helpers: nothing here mutates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from leveltwo.model.deal import Deal
from leveltwo.model.fields import DEFAULT_CREDIT as _DEFAULT_CREDIT
from leveltwo.model.fields import default_of
from leveltwo.model.keys import StakeholderKey

if TYPE_CHECKING:  # their modules hold pydantic file models too: not needed at start-up
    from leveltwo.model.bargaining import Bargaining
    from leveltwo.model.constraints import Constraint
    from leveltwo.model.money import Money


class Power(StrEnum):
    """How a constituency affects the deal (docs/model.md §5)."""

    RATIFY = "ratify"
    BLOCK = "block"
    INFLUENCE = "influence"


@dataclass(frozen=True)
class Issue:
    """A thing to be decided: a finite, ordered list of options."""

    id: str
    name: str
    options: tuple[str, ...]

    def index(self, option: str) -> int:
        """Position of ``option`` in the list (raises ``ValueError`` if absent)."""
        return self.options.index(option)


@dataclass(frozen=True)
class Preferences:
    """Additive utility u(d) = Σ_i w_i · v_i(d_i), aligned with the case's issues."""

    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]

    def utility(self, deal: Deal) -> float:
        """Utility of one deal (docs/model.md §2)."""
        return float(
            sum(w * v[c] for w, v, c in zip(self.weights, self.values, deal.choices, strict=True))
        )

    def relevant_issues(self) -> tuple[int, ...]:
        """Indices of the issues with positive weight."""
        return tuple(i for i, w in enumerate(self.weights) if w > 0)


class Signal(StrEnum):
    """Process and table signals a stakeholder may credit (docs/strategies.md)."""

    HARD_BARGAINING = "hard_bargaining"
    REPRESENTATIVES = "representatives"
    MEDIATOR = "mediator"
    VENUE = "venue"
    SEQUENCING = "sequencing"
    RESTRAINT = "restraint"
    STAGED_WIN = "staged_win"


#: Credit (utility) of a signal a stakeholder lists without a number (declared with the field).
DEFAULT_CREDIT = _DEFAULT_CREDIT

#: Cost to us (utility, whether or not the deal happens) of sending each signal,
#: unless the case's ``level2.signal_costs`` says otherwise.
DEFAULT_SIGNAL_COSTS: dict[Signal, float] = {
    Signal.HARD_BARGAINING: 0.01,
    Signal.REPRESENTATIVES: 0.0,
    Signal.MEDIATOR: 0.005,
    Signal.VENUE: 0.002,
    Signal.SEQUENCING: 0.0,
    Signal.RESTRAINT: 0.0,
    Signal.STAGED_WIN: 0.0,
}


class StatementKind(StrEnum):
    """How a statement lands with the stakeholders it touches."""

    INFLAMMATORY = "inflammatory"
    REASSURING = "reassuring"


@dataclass(frozen=True)
class Level2Params:
    """Level II move parameters of a stakeholder (documented in docs/strategies.md).

    Each is declared once, with its meaning, bounds and default, in
    :data:`leveltwo.model.fields.STAKEHOLDER_FIELDS`; all default to values that
    leave the baseline model unchanged. ``credits`` holds (signal, credit in
    utility) pairs in signal order.
    """

    audience_cost: float = default_of("audience_cost")
    framing: float = default_of("framing")
    hostility: float = default_of("hostility")
    reassurance: float = default_of("reassurance")
    pressure: float = default_of("pressure")
    victory: float = default_of("victory")
    credits: tuple[tuple[Signal, float], ...] = ()
    #: Parameters the case file left to their default (the plan states them as assumptions).
    assumed: tuple[str, ...] = field(default=(), compare=False)

    def credit(self, signal: Signal) -> float:
        """The credit it gives ``signal`` (0 when it does not list it)."""
        return dict(self.credits).get(signal, 0.0)


@dataclass(frozen=True)
class Stakeholder:
    """Anyone whose approval counts: a negotiator, a constituency or a bloc.

    ``key`` is the stakeholder's qualified id, unique in the case:
    ``side.negotiator``, ``side.constituency`` or ``side.constituency.bloc``, as a
    :class:`~leveltwo.model.keys.StakeholderKey` (a checked ``str``).
    """

    key: StakeholderKey
    id: str
    name: str
    preferences: Preferences
    reservation: float
    uncertainty: float
    #: Level II move parameters (docs/strategies.md); every kind of stakeholder has them.
    level2: Level2Params = field(default_factory=Level2Params)


class Category(StrEnum):
    """The Level II move categories (docs/strategies.md; the ids are fixed)."""

    COMPENSATION = "compensation"
    AGREEMENT_FORM = "agreement_form"
    PROCESS_FORM = "process_form"
    STATEMENTS = "statements"
    FRAMING = "framing"
    VICTORY_SPEECH = "victory_speech"
    TABLE_CONDUCT = "table_conduct"
    OUTSIDE_PRESSURE = "outside_pressure"
    THWART_OPPONENTS = "thwart_opponents"
    #: Own-side Level II (Schelling, Putnam): make our own constraint visible.
    TIED_HANDS = "tied_hands"


#: The categories a plan may use unless the case or the user says otherwise.
DEFAULT_ALLOWED: tuple[Category, ...] = tuple(
    c for c in Category if c not in (Category.THWART_OPPONENTS, Category.TIED_HANDS)
)


@dataclass(frozen=True)
class Bloc(Stakeholder):
    """A voting part of a constituency that decides by quota."""

    share: float = 1.0


#: The name of a negotiator the case file leaves unnamed.
NEGOTIATOR_NAME = "Negotiator"


@dataclass(frozen=True)
class Constituency(Stakeholder):
    """A Level II stakeholder of a side: a single actor or a set of voting blocs."""

    power: Power = Power.RATIFY
    quota: float = default_of("quota")
    strength: float = default_of("strength")
    blocs: tuple[Bloc, ...] = ()

    @property
    def has_blocs(self) -> bool:
        return bool(self.blocs)


@dataclass(frozen=True)
class Negotiator(Stakeholder):
    """The Level I agent of a side; always among its ratifiers."""


@dataclass(frozen=True)
class ImplementationRisk:
    """A chance that a side does not carry out a deal it ratified, whoever approves it.

    It multiplies the side's implementation probability by 1 − ``probability``
    (:mod:`leveltwo.engine.powers`): for example, that an unwritten (tacit)
    understanding is not honoured. ``id`` is unique among the side's risks.
    """

    id: str
    name: str
    probability: float


@dataclass(frozen=True)
class Side:
    """A party at the table with its negotiator, constituencies and implementation risks."""

    id: str
    name: str
    negotiator: Negotiator
    constituencies: tuple[Constituency, ...] = ()
    no_deal: float | None = None
    risks: tuple[ImplementationRisk, ...] = ()

    @property
    def no_deal_value(self) -> float:
        """x_s: the side's no-deal value (default: its negotiator's reservation)."""
        return self.negotiator.reservation if self.no_deal is None else self.no_deal

    def ratifiers(self) -> tuple[Constituency, ...]:
        return tuple(c for c in self.constituencies if c.power is Power.RATIFY)

    def blockers(self) -> tuple[Constituency, ...]:
        return tuple(c for c in self.constituencies if c.power is Power.BLOCK)

    def constituency(self, cid: str) -> Constituency:
        for c in self.constituencies:
            if c.id == cid:
                return c
        raise KeyError(f"{self.id}.{cid}")

    def risk(self, rid: str) -> ImplementationRisk:
        for r in self.risks:
            if r.id == rid:
                return r
        raise KeyError(f"{self.id}.{rid}")


KeyValues = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Offer:
    """Compensation on offer outside the issues: a side payment or a new term.

    ``value``: stakeholder key → utility it gives them (a constituency's value
    applies to its blocs unless a bloc is listed itself; negative values are
    allowed, e.g. our own board disliking the expense); ``cost``: our
    negotiator's utility given up if the deal is implemented.
    """

    id: str
    name: str
    value: KeyValues
    cost: float = 0.0
    #: Fields the case file left to their default (the plan states them as assumptions).
    assumed: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class NewTerm:
    """A new option we could add to an existing issue.

    It is valued like the existing option ``like`` by every stakeholder, except
    those listed in ``values`` (key → value in [0, 1]; a constituency's value
    applies to its blocs unless a bloc is listed itself).
    """

    id: str
    name: str
    issue: str
    like: str
    values: KeyValues = ()


@dataclass(frozen=True)
class ProcessTerm:
    """A process agreement on one issue: agree on a procedure, not on the term.

    ``outcomes``: option label → probability that the procedure ends there
    (summing to 1). Every stakeholder values the process at the expected value
    of its outcomes.
    """

    id: str
    name: str
    issue: str
    outcomes: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ThirdParty:
    """Someone outside the table who could press the stakeholders it reaches.

    A reached stakeholder with susceptibility s sees its reservation fall by
    s × ``strength``; with probability ``backlash`` the pressure backfires and
    it rises by as much instead. ``cost``: our utility spent on coordinating it.
    """

    id: str
    name: str
    reaches: tuple[str, ...]
    strength: float
    backlash: float = 0.0
    cost: float = 0.0
    #: Fields the case file left to their default (the plan states them as assumptions).
    assumed: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Statement:
    """A public statement under consideration.

    ``touches``: whom it is about (their reservation rises by their hostility
    if it is inflammatory, falls by their reassurance if reassuring);
    ``pleases`` / ``angers``: side effects, e.g. on our own hawks (reservation
    falls by reassurance / rises by hostility).
    """

    id: str
    text: str
    kind: StatementKind
    touches: tuple[str, ...]
    pleases: tuple[str, ...] = ()
    angers: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleChange:
    """An extraordinary measure, designed with the counterpart, that changes how a
    constituency decides: its power, its quota, or its strength as a blocker.

    ``legitimacy_risk``: probability the measure is exposed and fails, leaving
    the rule as it was and the target's reservation raised by its hostility.
    """

    id: str
    name: str
    target: str
    power: Power | None = None
    quota: float | None = None
    strength: float | None = None
    legitimacy_risk: float = 0.0
    cost: float = 0.0
    #: Fields the case file left to their default (the plan states them as assumptions).
    assumed: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class CaseLevel2:
    """The case-level Level II inputs (docs/strategies.md); empty by default."""

    allowed: tuple[Category, ...] = DEFAULT_ALLOWED
    budget: float | None = None
    tacit_enforceability: float | None = None
    offers: tuple[Offer, ...] = ()
    new_terms: tuple[NewTerm, ...] = ()
    process_terms: tuple[ProcessTerm, ...] = ()
    third_parties: tuple[ThirdParty, ...] = ()
    statements: tuple[Statement, ...] = ()
    rule_changes: tuple[RuleChange, ...] = ()
    signal_costs: tuple[tuple[Signal, float], ...] = ()

    def signal_cost(self, signal: Signal) -> float:
        """What sending ``signal`` costs us (the case's figure, else the default)."""
        return dict(self.signal_costs).get(signal, DEFAULT_SIGNAL_COSTS[signal])


@dataclass(frozen=True)
class Case:
    """One negotiation: issues, the two sides, and optionally a proposal."""

    title: str
    issues: tuple[Issue, ...]
    sides: tuple[Side, Side]
    us: str
    proposal: Deal | None = None
    description: str = ""
    opening: Deal | None = None
    their_opening: Deal | None = None  # the counterpart's opening position (our speech)
    extensions: tuple[tuple[str, object], ...] = ()
    level2: CaseLevel2 = field(default_factory=CaseLevel2)
    bargaining: Bargaining | None = None
    constraints: tuple[Constraint, ...] = ()  # linked options (model/constraints.py)
    money: Money | None = None  # utility → money (model/money.py)

    # ---- navigation -------------------------------------------------------
    @property
    def our_side(self) -> Side:
        return self.side(self.us)

    @property
    def their_side(self) -> Side:
        return next(s for s in self.sides if s.id != self.us)

    def side(self, sid: str) -> Side:
        for s in self.sides:
            if s.id == sid:
                return s
        raise KeyError(sid)

    def side_index(self, sid: str) -> int:
        return next(i for i, s in enumerate(self.sides) if s.id == sid)

    def issue(self, iid: str) -> Issue:
        for i in self.issues:
            if i.id == iid:
                return i
        raise KeyError(iid)

    def stakeholders(self) -> Iterator[Stakeholder]:
        """Every stakeholder, side by side: negotiator, constituencies, their blocs."""
        for s in self.sides:
            yield s.negotiator
            for c in s.constituencies:
                yield c
                yield from c.blocs

    def stakeholder(self, key: str) -> Stakeholder:
        """Look a stakeholder up by its qualified key (``union.members.junior``)."""
        for st in self.stakeholders():
            if st.key == key:
                return st
        raise KeyError(key)

    # ---- the deal space ---------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(i.options) for i in self.issues)

    @property
    def size(self) -> int:
        """Number of deals in the space (product of option counts)."""
        n = 1
        for k in self.shape:
            n *= k
        return n

    def deal_labels(self, deal: Deal) -> dict[str, str]:
        """The deal as issue id → option label."""
        return {i.id: i.options[c] for i, c in zip(self.issues, deal.choices, strict=True)}

    def deal_from_index(self, index: int) -> Deal:
        """The deal at a flat (mixed-radix, last issue fastest) index."""
        choices = []
        for k in reversed(self.shape):
            index, c = divmod(index, k)
            choices.append(c)
        return Deal(tuple(reversed(choices)))

    def deal_index(self, deal: Deal) -> int:
        index = 0
        for k, c in zip(self.shape, deal.choices, strict=True):
            index = index * k + c
        return index

    def default_deal(self) -> Deal:
        """The deal analysed when none is named: the proposal, else our opening position.

        The one rule every surface follows (library, CLI, web, report), so a
        case without a proposal reads the same everywhere; :meth:`default_deal_name`
        says which it is.
        """
        return self.proposal if self.proposal is not None else self.opening_deal()

    def default_deal_name(self) -> str:
        """How to name :meth:`default_deal` in a sentence."""
        if self.proposal is not None:
            return "the case's proposal"
        return "our opening position (the case has no proposal)"

    def opening_deal(self) -> Deal:
        """Our opening position: the case's ``opening``, else our negotiator's best deal."""
        if self.opening is not None:
            return self.opening
        prefs = self.our_side.negotiator.preferences
        return Deal(tuple(max(range(len(v)), key=v.__getitem__) for v in prefs.values))

    def their_opening_deal(self) -> Deal:
        """Their opening position: the case's ``their_opening``, else the deal their
        negotiator likes best (the first best option on a tie)."""
        if self.their_opening is not None:
            return self.their_opening
        prefs = self.their_side.negotiator.preferences
        return Deal(tuple(max(range(len(v)), key=v.__getitem__) for v in prefs.values))

    def with_side(self, side: Side) -> Case:
        """A copy with the side of the same id replaced."""
        sides = tuple(side if s.id == side.id else s for s in self.sides)
        return replace(self, sides=(sides[0], sides[1]))
