"""The stakeholder fields of a case file, each declared once with its metadata.

A negotiator, a constituency and a bloc carry the same kinds of field: its
preferences and bar (``weights``, ``values``, ``reservation``,
``uncertainty``), its decision rule (``power``, ``quota``, ``strength``,
``share``) and its Level II move parameters (``audience_cost`` …
``susceptibility``). Each is a :class:`StakeholderField` here, and everything
that lists them is derived from this table:

- the pydantic fields of :mod:`leveltwo.model.schema` (bounds, default,
  description; on a bloc the inherited form) and so the JSON Schema;
- the defaults of :class:`leveltwo.model.case.Level2Params`;
- bloc inheritance, one loop in :func:`leveltwo.model.build.bloc_inputs`;
- the inputs the robustness check scales (:data:`SCALED`) and their words;
- the fields the case writer owns (:mod:`leveltwo.io.casewriter`);
- the words of :mod:`leveltwo.narrative.names`;
- the web editor's hand-laid fields (``HANDLED``);
- the tables of docs/case-format.md (:mod:`leveltwo.model.fieldtable`, checked by a test).

Fields of the case-level ``level2:`` catalogue that hold stakeholder keys are
declared once too (:data:`STAKEHOLDER_REFERENCES`): the validator checks them,
the web editor renames and forgets keys through them.

This module holds plain data only (no pydantic), so every layer may read it.
A new stakeholder field is one entry in :data:`STAKEHOLDER_FIELDS` plus its
annotated attribute in the schema (a test checks the two agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Inherit(StrEnum):
    """How a bloc takes a field its constituency gives."""

    #: Not a bloc field, or a bloc's own (``share``): nothing is inherited.
    NO = "no"
    #: The constituency's value when the bloc gives none.
    WHOLE = "whole"
    #: A mapping merged key by key: the bloc's entries over the constituency's.
    BY_KEY = "by_key"


class Held(StrEnum):
    """Where the frozen model keeps a field."""

    #: On the :class:`~leveltwo.model.case.Stakeholder` itself (preferences, bar, rule).
    STAKEHOLDER = "stakeholder"
    #: In :class:`~leveltwo.model.case.Level2Params` (the move parameters).
    LEVEL2 = "level2"
    #: In the influence network (:mod:`leveltwo.model.influence`), a case extension.
    INFLUENCE = "influence"


class Robustness(StrEnum):
    """How the robustness check (:mod:`leveltwo.strategies.robustness`) varies a field."""

    #: Not varied by the scaling of Level II inputs.
    NO = "no"
    #: Scaled × 0.5 … × 1.5 (clipped to [0, 1]); a constituency's blocs scale with it.
    SCALE = "scale"
    #: All its entries scaled together by one factor × 0.5 … × 1.5.
    SCALE_ALL = "scale_all"


#: Credit (utility) of a signal a stakeholder lists without a number.
DEFAULT_CREDIT = 0.03

#: Who may carry a field: n = negotiator, c = constituency, b = bloc.
Carriers = frozenset[str]
ALL: Carriers = frozenset("ncb")


@dataclass(frozen=True)
class StakeholderField:
    """One stakeholder field of the case file and what the tool does with it."""

    name: str
    #: (Bounds are written as the JSON Schema shows them: ``0`` or ``0.0``. The type in the
    #: docs is the schema attribute's, in words: :mod:`leveltwo.model.fieldtable`.)
    #: The schema's description (the JSON Schema and the editor's help show it).
    description: str
    #: The field in words, for a person ("receptivity to a frame").
    words: str
    #: Its default in the file (``None``: none; the docs say what absence means).
    default: float | str | None = None
    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    carriers: Carriers = ALL
    inherit: Inherit = Inherit.WHOLE
    #: A bloc's description of the inherited form, in the JSON Schema ("": the description,
    #: then that the constituency's value applies when absent; see :attr:`bloc_text`).
    bloc_description: str = ""
    held: Held = Held.STAKEHOLDER
    robustness: Robustness = Robustness.NO
    #: Left to its default, the plan states it as an assumption.
    assumed_when_absent: bool = False
    #: What its keys or values name: "issue", "option", "signal" or "" (nothing).
    references: str = ""
    #: The move categories that read it (docs).
    used_by: tuple[str, ...] = ()

    @property
    def on_bloc(self) -> bool:
        return "b" in self.carriers

    @property
    def bloc_text(self) -> str:
        """The description of the field on a bloc, where it is inherited when absent."""
        return self.bloc_description or f"{self.description} The constituency's when absent."


STAKEHOLDER_FIELDS: tuple[StakeholderField, ...] = (
    # --- preferences and bar (Level I) ----------------------------------------------
    StakeholderField(
        "weights",
        "How much each issue matters: numbers ≥ 0, at least one positive, normalised to sum "
        "1 (only their ratios matter). An issue left out has weight 0.",
        "weights",
        bloc_description="How much each issue matters. When absent, the constituency's "
        "weights, as a whole; when given, only the bloc's own weights (normalised) count.",
        references="issue",
    ),
    StakeholderField(
        "values",
        "For each issue, a table option → value in [0, 1] or a shorthand ('ascending', "
        "'descending'). Required for every issue with positive weight; on a constituency, "
        "unless every bloc that weights the issue gives its own values for it.",
        "values",
        inherit=Inherit.BY_KEY,
        bloc_description="For each issue, the bloc's own table or shorthand if it gives one, "
        "else the constituency's (inherited issue by issue).",
        references="issue",
    ),
    StakeholderField(
        "reservation",
        "r: the least utility at which it approves. On a constituency that votes by blocs, "
        "only the default of its blocs (its approval is their vote).",
        "reservation (the least it accepts)",
        default=0.0,
        bloc_description="r: the least utility at which the bloc approves; the "
        "constituency's when absent.",
    ),
    StakeholderField(
        "uncertainty",
        "σ: our uncertainty about the reservation, as a standard deviation on the utility "
        "scale. With 0, approval is certain above r and impossible below it. On a "
        "constituency that votes by blocs, only the default of its blocs.",
        "uncertainty about its bar",
        default=0.0,
        ge=0,
        bloc_description="σ: our uncertainty about the bloc's reservation; the "
        "constituency's when absent.",
    ),
    # --- decision rule ---------------------------------------------------------------
    StakeholderField(
        "power",
        "How it affects the deal. 'ratify': formal approval is needed, and its approval "
        "multiplies P_ratify. 'block': it can derail implementation informally, multiplying "
        "P_implement by 1 − β(1 − p). 'influence': it shapes others but has no veto, and "
        "does not enter P in the baseline.",
        "power",
        default="ratify",
        carriers=frozenset("c"),
        inherit=Inherit.NO,
    ),
    StakeholderField(
        "quota",
        "For a constituency with blocs: the fraction of the total share that must approve "
        "(reached when the approving share ≥ quota · total). Ignored without blocs.",
        "quota",
        default=0.5,
        gt=0,
        le=1,
        carriers=frozenset("c"),
        inherit=Inherit.NO,
    ),
    StakeholderField(
        "strength",
        "For power 'block': β, the probability that a disapproving blocker actually derails "
        "the deal. 0 means it never matters; 1 means it counts like a ratifier. Ignored for "
        "other powers.",
        "blocker strength",
        default=1.0,
        ge=0,
        le=1,
        carriers=frozenset("c"),
        inherit=Inherit.NO,
    ),
    StakeholderField(
        "share",
        "The bloc's voting share: any positive numbers, such as seats, percentages or members.",
        "share of the vote",
        gt=0,
        carriers=frozenset("b"),
        inherit=Inherit.NO,
    ),
    # --- Level II move parameters (docs/strategies.md) -------------------------------
    StakeholderField(
        "audience_cost",
        "Part of the reservation due to the visibility of an explicit, public "
        "concession; a tacit or process agreement removes it.",
        "audience cost of a visible concession",
        default=0.0,
        ge=0,
        le=1,
        held=Held.LEVEL2,
        robustness=Robustness.SCALE,
        used_by=("agreement_form",),
    ),
    StakeholderField(
        "framing",
        "Receptivity f to a frame that stresses the issues where the deal serves "
        "it: weights w → (1 − f)·w + f·w*, w* ∝ w·v(deal).",
        "receptivity to a frame",
        default=0.0,
        ge=0,
        le=1,
        held=Held.LEVEL2,
        robustness=Robustness.SCALE,
        used_by=("framing",),
    ),
    StakeholderField(
        "hostility",
        "Rise of its reservation after an inflammatory statement about it.",
        "hostility to inflammatory statements",
        default=0.0,
        ge=0,
        le=1,
        held=Held.LEVEL2,
        robustness=Robustness.SCALE,
        assumed_when_absent=True,
        used_by=("statements", "thwart_opponents"),
    ),
    StakeholderField(
        "reassurance",
        "Fall of its reservation after a reassuring statement to it.",
        "response to reassurance",
        default=0.0,
        ge=0,
        le=1,
        held=Held.LEVEL2,
        robustness=Robustness.SCALE,
        used_by=("statements",),
    ),
    StakeholderField(
        "pressure",
        "Susceptibility s to outside pressure: reservation falls by s × the "
        "third party's strength.",
        "susceptibility to outside pressure",
        default=0.0,
        ge=0,
        le=1,
        held=Held.LEVEL2,
        robustness=Robustness.SCALE,
        used_by=("outside_pressure",),
    ),
    StakeholderField(
        "victory",
        "Receptivity λ to a victory speech: reservation falls by λ × what the "
        "deal gains it over the other side's opening position.",
        "receptivity to a victory speech",
        default=0.0,
        ge=0,
        le=1,
        held=Held.LEVEL2,
        robustness=Robustness.SCALE,
        used_by=("victory_speech",),
    ),
    StakeholderField(
        "credits",
        "Process signals this stakeholder credits: a list (each worth "
        f"{DEFAULT_CREDIT} utility) or a mapping signal → credit in utility (negative: "
        "it resents the signal).",
        "credit for process signals",
        held=Held.LEVEL2,
        robustness=Robustness.SCALE_ALL,
        references="signal",
        used_by=("process_form", "table_conduct"),
    ),
    StakeholderField(
        "susceptibility",
        "Susceptibility λ in [0, 1] to influence links aimed at it: 0 keeps its own "
        "reservation, 1 takes the weighted stance of those who influence it "
        "(Friedkin–Johnsen).",
        "susceptibility to influence",
        default=0.0,
        ge=0.0,
        le=1.0,
        held=Held.INFLUENCE,
        used_by=("outside_pressure",),
    ),
)

#: Each field by name.
FIELDS: dict[str, StakeholderField] = {f.name: f for f in STAKEHOLDER_FIELDS}

#: The Level II move parameters, in file order (the fields of ``Level2Params`` but ``assumed``).
LEVEL2_PARAMS: tuple[StakeholderField, ...] = tuple(
    f for f in STAKEHOLDER_FIELDS if f.held is Held.LEVEL2
)
#: The Level II parameters that are single numbers (``credits`` is a table of signals).
LEVEL2_NUMBERS: tuple[str, ...] = tuple(f.name for f in LEVEL2_PARAMS if f.default is not None)
#: Every Level II field of a stakeholder in the file (the move parameters and susceptibility).
LEVEL2_FILE_FIELDS: tuple[StakeholderField, ...] = tuple(
    f for f in STAKEHOLDER_FIELDS if f.held is not Held.STAKEHOLDER
)
#: The fields a bloc inherits from its constituency (and how).
INHERITED: tuple[StakeholderField, ...] = tuple(
    f for f in STAKEHOLDER_FIELDS if f.on_bloc and f.inherit is not Inherit.NO
)
#: The parameters the robustness check scales one by one.
SCALED: tuple[str, ...] = tuple(f.name for f in LEVEL2_PARAMS if f.robustness is Robustness.SCALE)
#: The parameters the plan states as assumptions when a file leaves them out.
ASSUMED_WHEN_ABSENT: tuple[str, ...] = tuple(f.name for f in LEVEL2_PARAMS if f.assumed_when_absent)
#: Each field in words.
WORDS: dict[str, str] = {f.name: f.words for f in STAKEHOLDER_FIELDS}


def default_of(name: str) -> float:
    """The default of a numeric field (for the frozen model's defaults)."""
    value = FIELDS[name].default
    if not isinstance(value, float):
        raise TypeError(f"{name} has no numeric default")
    return value


# ---------------------------------------------------------------------------
# stakeholder keys in the case-level ``level2:`` catalogue
class Shape(StrEnum):
    """How a field holds stakeholder keys."""

    ONE = "one"  # a single key (``target``)
    LIST = "list"  # a list of keys (``reaches``)
    MAPPING = "mapping"  # a mapping keyed by stakeholder (``value``)


@dataclass(frozen=True)
class KeyReference:
    """A field of a ``level2:`` catalogue entry that holds stakeholder keys."""

    entries: str  # the list under ``level2:`` (``third_parties``)
    field: str
    shape: Shape
    #: The stakeholder kinds it may name (None: any).
    kinds: tuple[str, ...] | None = None
    #: Without the keys it names, the entry means nothing: removing them removes it.
    required: bool = False


STAKEHOLDER_REFERENCES: tuple[KeyReference, ...] = (
    KeyReference("compensation", "value", Shape.MAPPING),
    KeyReference("compensation", "values", Shape.MAPPING),
    KeyReference("third_parties", "reaches", Shape.LIST, required=True),
    KeyReference("statements", "touches", Shape.LIST, required=True),
    KeyReference("statements", "pleases", Shape.LIST),
    KeyReference("statements", "angers", Shape.LIST),
    KeyReference("rule_changes", "target", Shape.ONE, kinds=("constituency",), required=True),
)


def references_in(entries: str) -> tuple[KeyReference, ...]:
    """The key-holding fields of the entries of one ``level2:`` list."""
    return tuple(r for r in STAKEHOLDER_REFERENCES if r.entries == entries)
