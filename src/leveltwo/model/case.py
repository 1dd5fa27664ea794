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

from leveltwo.model.deal import Deal


class Power(StrEnum):
    """How a constituency affects the deal (DESIGN §2)."""

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
        """Utility of one deal (DESIGN §3)."""
        return float(
            sum(w * v[c] for w, v, c in zip(self.weights, self.values, deal.choices, strict=True))
        )

    def relevant_issues(self) -> tuple[int, ...]:
        """Indices of the issues with positive weight."""
        return tuple(i for i, w in enumerate(self.weights) if w > 0)


@dataclass(frozen=True)
class Stakeholder:
    """Anyone whose approval counts: a negotiator, a constituency or a bloc.

    ``key`` is the stakeholder's qualified id, unique in the case:
    ``side.negotiator``, ``side.constituency`` or ``side.constituency.bloc``.
    """

    key: str
    id: str
    name: str
    preferences: Preferences
    reservation: float
    uncertainty: float


@dataclass(frozen=True)
class Bloc(Stakeholder):
    """A voting part of a constituency that decides by quota."""

    share: float = 1.0


@dataclass(frozen=True)
class Level2Params:
    """Level II move parameters of a stakeholder (documented in docs/strategies.md).

    All default to values that leave the baseline model unchanged.
    """

    audience_cost: float = 0.0
    framing: float = 0.0
    hostility: float = 0.0
    reassurance: float = 0.0
    pressure: float = 0.0
    credits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Constituency(Stakeholder):
    """A Level II stakeholder of a side: a single actor or a set of voting blocs."""

    power: Power = Power.RATIFY
    quota: float = 0.5
    strength: float = 1.0
    blocs: tuple[Bloc, ...] = ()
    level2: Level2Params = field(default_factory=Level2Params)

    @property
    def has_blocs(self) -> bool:
        return bool(self.blocs)


@dataclass(frozen=True)
class Negotiator(Stakeholder):
    """The Level I agent of a side; always among its ratifiers."""

    level2: Level2Params = field(default_factory=Level2Params)


@dataclass(frozen=True)
class Side:
    """A party at the table with its negotiator and constituencies."""

    id: str
    name: str
    negotiator: Negotiator
    constituencies: tuple[Constituency, ...] = ()
    no_deal: float | None = None

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
    extensions: tuple[tuple[str, object], ...] = ()

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

    def opening_deal(self) -> Deal:
        """Our opening position: the case's ``opening``, else our negotiator's best deal."""
        if self.opening is not None:
            return self.opening
        prefs = self.our_side.negotiator.preferences
        return Deal(tuple(max(range(len(v)), key=v.__getitem__) for v in prefs.values))

    def with_side(self, side: Side) -> Case:
        """A copy with the side of the same id replaced."""
        sides = tuple(side if s.id == side.id else s for s in self.sides)
        return replace(self, sides=(sides[0], sides[1]))
