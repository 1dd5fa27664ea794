"""The case-file schema (DESIGN §4) as pydantic models.

These models describe the *file*: field names, types, defaults and simple
bounds. They give structural validation and the JSON Schema that editors use
(``leveltwo schema``). Cross-references (issue and option ids, duplicates,
coverage of values) are checked by :mod:`leveltwo.model.build`, which also turns
a file into the frozen :class:`~leveltwo.model.case.Case` the engine uses.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from leveltwo.model.bargaining import BargainingFile
from leveltwo.model.case import DEFAULT_CREDIT, Category, Power, Signal, StatementKind
from leveltwo.model.constraints import ConstraintFile
from leveltwo.model.correlation import FactorFile
from leveltwo.model.fitted import FittedNoteFile, fitted_field
from leveltwo.model.influence import (
    InfluenceFile,
    WinOverFile,
    bloc_susceptibility_field,
    influences_field,
    susceptibility_field,
    win_over_field,
)
from leveltwo.model.keys import StakeholderKey
from leveltwo.model.labels import option_label
from leveltwo.model.money import MoneyFile
from leveltwo.model.risks import ImplementationRiskFile

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$",
        description="An id: a letter, then letters, digits, '_' or '-'.",
    ),
]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Shorthand = Literal["ascending", "descending"]
#: An option named in a value table: numbers (YAML ``{0: 0, 4: 0.2}``) read as their labels.
OptionKey = Annotated[str, BeforeValidator(option_label)]
ValueSpec = Annotated[
    Shorthand | dict[OptionKey, Unit],
    Field(
        description="Option → value in [0, 1], or 'ascending'/'descending' "
        "(linear 0 → 1 or 1 → 0 along the listed order)."
    ),
]
Weights = dict[str, Annotated[float, Field(ge=0.0)]]
Values = dict[str, ValueSpec]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptionRange(_Strict):
    """A numeric issue given as an inclusive range with a step."""

    start: float
    stop: float
    step: float = Field(gt=0)
    unit: str = Field(default="", description="Appended to each label, e.g. '%'.")


# ---------------------------------------------------------------------------
# Level II move parameters (docs/strategies.md); defaults leave the baseline as it is
NonNegative = Annotated[float, Field(ge=0.0)]
Credits = Annotated[
    list[Signal] | dict[Signal, float],
    Field(
        description="Process signals this stakeholder credits: a list (each worth "
        f"{DEFAULT_CREDIT} utility) or a mapping signal → credit in utility (negative: "
        "it resents the signal)."
    ),
]


class _Level2Stakeholder(_Strict):
    """Level II parameters of a negotiator or constituency (all optional)."""

    audience_cost: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Part of the reservation due to the visibility of an explicit, public "
        "concession; a tacit or process agreement removes it.",
    )
    framing: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Receptivity f to a frame that stresses the issues where the deal serves "
        "it: weights w → (1 − f)·w + f·w*, w* ∝ w·v(deal).",
    )
    hostility: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Rise of its reservation after an inflammatory statement about it.",
    )
    reassurance: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Fall of its reservation after a reassuring statement to it.",
    )
    pressure: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Susceptibility s to outside pressure: reservation falls by s × the "
        "third party's strength.",
    )
    victory: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Receptivity λ to a victory speech: reservation falls by λ × what the "
        "deal gains it over the other side's opening position.",
    )
    credits: Credits = Field(default_factory=list)
    susceptibility: float = susceptibility_field()


class IssueFile(_Strict):
    id: Identifier
    name: str | None = Field(default=None, description="Display name; defaults to the id.")
    options: list[str | int | float] | OptionRange = Field(
        description="The ordered options: a list of labels, or a numeric range."
    )


class BlocFile(_Strict):
    id: Identifier
    name: str | None = None
    share: float = Field(gt=0, description="Voting share (any positive number).")
    reservation: float | None = Field(default=None, description="Inherited when absent.")
    uncertainty: float | None = Field(default=None, ge=0, description="Inherited when absent.")
    weights: Weights | None = Field(default=None, description="Inherited when absent.")
    values: Values | None = Field(default=None, description="Inherited issue by issue.")
    audience_cost: float | None = Field(default=None, ge=0, le=1, description="Inherited.")
    framing: float | None = Field(default=None, ge=0, le=1, description="Inherited.")
    hostility: float | None = Field(default=None, ge=0, le=1, description="Inherited.")
    reassurance: float | None = Field(default=None, ge=0, le=1, description="Inherited.")
    pressure: float | None = Field(default=None, ge=0, le=1, description="Inherited.")
    victory: float | None = Field(default=None, ge=0, le=1, description="Inherited.")
    credits: Credits | None = Field(default=None, description="Inherited when absent.")
    susceptibility: float | None = bloc_susceptibility_field()


class NegotiatorFile(_Level2Stakeholder):
    name: str | None = None
    weights: Weights
    values: Values = Field(default_factory=dict)
    reservation: float = 0.0
    uncertainty: float = Field(default=0.0, ge=0)


class ConstituencyFile(_Level2Stakeholder):
    id: Identifier
    name: str | None = None
    power: Power = Power.RATIFY
    weights: Weights | None = Field(
        default=None, description="Required unless every bloc gives its own weights."
    )
    values: Values = Field(default_factory=dict)
    reservation: float = 0.0
    uncertainty: float = Field(default=0.0, ge=0)
    quota: float = Field(
        default=0.5, gt=0, le=1, description="Share of the total needed when voting by blocs."
    )
    strength: float = Field(
        default=1.0,
        ge=0,
        le=1,
        description="For power 'block': probability a disapproving blocker derails the deal.",
    )
    blocs: list[BlocFile] = Field(default_factory=list)
    influences: list[InfluenceFile] = influences_field()
    win_over: WinOverFile | None = win_over_field()
    total_share: float | None = Field(
        default=None, gt=0, description="What the blocs' shares should add up to (warned if not)."
    )


class SideFile(_Strict):
    id: Identifier
    name: str | None = None
    negotiator: NegotiatorFile
    no_deal: float | None = Field(
        default=None, description="No-deal value x_s; defaults to the negotiator's reservation."
    )
    constituencies: list[ConstituencyFile] = Field(default_factory=list)
    implementation_risks: list[ImplementationRiskFile] = Field(default_factory=list)


class OfferFile(_Strict):
    """Compensation on offer: a side payment / new term (``value``, ``cost``), or a new
    option on an existing issue (``issue``, ``like``, ``values``)."""

    id: Identifier
    name: str | None = None
    value: dict[StakeholderKey, float] | None = Field(
        default=None,
        description="Side payment: stakeholder key → utility it gives them (negative: "
        "they dislike it).",
    )
    cost: float | None = Field(
        default=None,
        ge=0,
        description="Side payment: our utility given up if the deal is implemented.",
    )
    issue: Identifier | None = Field(
        default=None, description="New option: the issue it is added to."
    )
    like: str | int | float | None = Field(
        default=None,
        description="New option: the existing option every stakeholder not listed in "
        "`values` values it like.",
    )
    values: dict[StakeholderKey, Unit] | None = Field(
        default=None, description="New option: stakeholder key → its value in [0, 1]."
    )


class ProcessTermFile(_Strict):
    id: Identifier
    name: str | None = None
    issue: Identifier
    outcomes: dict[str, Unit] = Field(
        description="Option → probability that the agreed procedure ends there (sum 1)."
    )


class ThirdPartyFile(_Strict):
    id: Identifier
    name: str | None = None
    reaches: list[StakeholderKey] = Field(min_length=1)
    strength: Unit = Field(description="Utility a fully susceptible stakeholder's bar falls by.")
    backlash: Unit = Field(default=0.0, description="Probability the pressure backfires.")
    cost: NonNegative = Field(default=0.0, description="Our utility spent on coordinating it.")


class StatementFile(_Strict):
    id: Identifier
    text: str
    kind: StatementKind
    touches: list[StakeholderKey] = Field(min_length=1)
    pleases: list[StakeholderKey] = Field(default_factory=list)
    angers: list[StakeholderKey] = Field(default_factory=list)


class RuleChangeFile(_Strict):
    id: Identifier
    name: str | None = None
    target: StakeholderKey = Field(description="The constituency whose rule changes.")
    power: Power | None = None
    quota: float | None = Field(default=None, gt=0, le=1)
    strength: Unit | None = None
    legitimacy_risk: Unit = Field(
        default=0.0, description="Probability the measure is exposed and fails."
    )
    cost: NonNegative = 0.0


class Level2File(_Strict):
    """Case-level Level II inputs (docs/strategies.md)."""

    allowed: list[Category] | None = Field(
        default=None,
        description="Move categories the plan may use "
        "(default: all but thwart_opponents and tied_hands).",
    )
    budget: NonNegative | None = Field(
        default=None, description="Most utility the plan may spend (default: no limit)."
    )
    tacit_enforceability: Unit | None = Field(
        default=None,
        description="Probability a tacit (unwritten) agreement is honoured; unknown when absent.",
    )
    compensation: list[OfferFile] = Field(default_factory=list)
    process_terms: list[ProcessTermFile] = Field(default_factory=list)
    third_parties: list[ThirdPartyFile] = Field(default_factory=list)
    statements: list[StatementFile] = Field(default_factory=list)
    rule_changes: list[RuleChangeFile] = Field(default_factory=list)
    signal_costs: dict[Signal, NonNegative] = Field(
        default_factory=dict, description="Our cost of sending each process signal (utility)."
    )


class CaseFile(_Strict):
    """A leveltwo case file, version 1."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="leveltwo case",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    leveltwo: Literal[1] = Field(description="File format version.")
    title: str
    description: str = ""
    us: Identifier | None = Field(default=None, description="The side we advise (default: first).")
    issues: list[IssueFile] = Field(min_length=1)
    sides: list[SideFile] = Field(min_length=2, max_length=2)
    proposal: dict[str, str | int | float] | None = None
    opening: dict[str, str | int | float] | None = Field(
        default=None,
        description="Our opening position (issue id → option); used to show what the "
        "counterpart won. Default: the deal our negotiator likes best.",
    )
    level2: Level2File | None = Field(
        default=None, description="Level II move inputs (docs/strategies.md)."
    )
    factors: list[FactorFile] | None = Field(
        default=None, description="Common factors of the reservation shocks (docs/model.md)."
    )
    fitted: dict[str, dict[str, FittedNoteFile]] | None = fitted_field()
    bargaining: BargainingFile | None = Field(
        default=None, description="Bargaining at the table (docs/bargaining.md)."
    )
    constraints: list[ConstraintFile] = Field(
        default_factory=list, description="Linked options (docs/case-format.md)."
    )
    money: MoneyFile | None = Field(default=None, description="Utility in money.")


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema of case files, generated from the models above."""
    return CaseFile.model_json_schema()


def case_json_schema_text() -> str:
    return json.dumps(case_json_schema(), indent=2, sort_keys=False) + "\n"
