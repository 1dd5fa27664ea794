"""What a move is, what a category of moves is, and what a move needs to know.

- :class:`Move`: one concrete move — its category, lever, targets, the
  primitive changes it makes to the case (:mod:`leveltwo.strategies.ops`), its
  cost to us (a payment if the deal is implemented, a fixed cost either way),
  an optional named :class:`Risk` with a probability and what happens instead
  when it is realised, and a plain-language reason tied to the target's
  interests. Its effect is never stored: it is the engine's assessment of the
  changed case.
- :class:`Strategy`: one registered category (Axelrod-style small unit): the
  lever it pulls, its mechanism, the inputs it reads, its cost and
  preconditions, a generator of candidate moves and a generator of the
  :class:`Unknown` inputs that would unlock moves.
- :class:`Context`: what generators see — the state, who binds, the approvals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from leveltwo.model.case import Case, Category
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.ops import Op, State
from leveltwo.strategies.uncertainty import UncertainFinder, no_uncertain_inputs


@dataclass(frozen=True)
class Risk:
    """A named risk of a move: with ``probability``, ``ops`` happen instead of the move's."""

    name: str
    probability: float
    ops: tuple[Op, ...]
    description: str


@dataclass(frozen=True)
class Move:
    """One concrete Level II move."""

    key: str
    category: Category
    lever: Lever
    title: str
    targets: tuple[str, ...]
    ops: tuple[Op, ...]
    why: str
    payment: float = 0.0
    fixed_cost: float = 0.0
    risk: Risk | None = None
    groups: tuple[str, ...] = ()
    extraordinary: bool = False
    #: Defaults the move relies on where the case file is silent, each with the field
    #: that would set it ("assumes no backlash: set `level2.third_parties[0].backlash`").
    assumptions: tuple[str, ...] = ()

    @property
    def target(self) -> str:
        """The primary target's key."""
        return self.targets[0] if self.targets else ""

    def ops_for(self, realised: bool) -> tuple[Op, ...]:
        """Its primitives, or its risk's when the risk is realised."""
        if realised and self.risk is not None:
            return self.risk.ops
        return self.ops


@dataclass(frozen=True)
class Context:
    """What a move generator sees.

    ``binding``: keys of the stakeholders that bind or nearly bind in
    ``state`` (either side, blocs included), most costly first;
    ``approval``: every stakeholder's approval probability in ``state``;
    ``factor``: what each negotiator or constituency multiplies its side's P by.
    """

    state: State
    base: State
    binding: tuple[str, ...]
    approval: Mapping[str, float]
    factor: Mapping[str, float]

    @property
    def case(self) -> Case:
        return self.state.case


@dataclass(frozen=True)
class Unknown:
    """An input the case lacks that could unlock or change a move.

    ``plausible``: documented values it might take, with ``weights`` (summing
    to 1); ``setter`` returns the case with the input at one of them;
    ``about``: the stakeholder it concerns ("" for a case-level input).
    """

    parameter: str
    question: str
    category: Category
    lever: Lever
    plausible: tuple[float, ...]
    weights: tuple[float, ...]
    basis: str
    setter: Callable[[Case, float], Case] = field(compare=False, repr=False)
    about: str = ""


Generator = Callable[[Context], tuple[Move, ...]]
UnknownFinder = Callable[[Context], tuple[Unknown, ...]]


def no_unknowns(ctx: Context) -> tuple[Unknown, ...]:
    return ()


@dataclass(frozen=True)
class Strategy:
    """One registered move category."""

    category: Category
    lever: Lever
    title: str
    mechanism: str
    parameters: tuple[str, ...]
    cost: str
    preconditions: str
    sources: tuple[str, ...]
    generate: Generator = field(compare=False, repr=False)
    unknowns: UnknownFinder = field(default=no_unknowns, compare=False, repr=False)
    #: Optional hooks, read by the planner's helpers instead of lists of categories:
    #: ``is_signal``: its moves are signals (statements, process, conduct, pressure,
    #: framing), not concessions: what to avoid is looked for among them
    #: (:mod:`leveltwo.strategies.avoid`); ``alternatives``: its moves are alternative
    #: forms of the agreement, of which a plan takes at most one and each of which is
    #: compared with the plan (:mod:`leveltwo.strategies.forms`); ``uncertain_inputs``:
    #: the case-level inputs its moves rely on, each with its documented range (from 0
    #: for a risk or cost left at its default of 0), which the robustness analysis
    #: varies (:mod:`leveltwo.strategies.robustness`, ranges from
    #: :mod:`leveltwo.strategies.uncertainty`); ``generate_any_deal``: the candidates for
    #: a search over every deal (the exact planner), for a category whose ``generate``
    #: keeps only the moves that gain at the deal on the table (default: ``generate``).
    is_signal: bool = False
    alternatives: bool = False
    uncertain_inputs: UncertainFinder = field(
        default=no_uncertain_inputs, compare=False, repr=False
    )
    generate_any_deal: Generator | None = field(default=None, compare=False, repr=False)

    def candidates(self, ctx: Context) -> tuple[Move, ...]:
        """Its candidate moves for a search over every deal (see ``generate_any_deal``)."""
        return (self.generate_any_deal or self.generate)(ctx)

    def to_json(self) -> dict[str, object]:
        return {
            "category": self.category.value,
            "lever": self.lever.value,
            "title": self.title,
            "mechanism": self.mechanism,
            "parameters": list(self.parameters),
            "cost": self.cost,
            "preconditions": self.preconditions,
            "sources": list(self.sources),
        }
