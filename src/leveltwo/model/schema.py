"""The case-file schema (docs/case-format.md) as pydantic models.

These models describe the *file*: field names, types, defaults and simple
bounds. They give structural validation and the JSON Schema that editors use
(``leveltwo schema``). Cross-references (issue and option ids, duplicates,
coverage of values) are checked by :mod:`leveltwo.model.build`, which also turns
a file into the frozen :class:`~leveltwo.model.case.Case` the engine uses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from leveltwo.model.bargaining import BargainingFile
from leveltwo.model.case import Category, Power, Signal, StatementKind
from leveltwo.model.constraints import ConstraintFile
from leveltwo.model.correlation import FactorFile
from leveltwo.model.fields import FIELDS
from leveltwo.model.fitted import FittedNoteFile, fitted_field
from leveltwo.model.influence import (
    InfluenceFile,
    WinOverFile,
    influences_field,
    win_over_field,
)
from leveltwo.model.keys import ID_REGEX, StakeholderKey
from leveltwo.model.labels import option_label
from leveltwo.model.money import MoneyFile
from leveltwo.model.risks import ImplementationRiskFile

Identifier = Annotated[
    str,
    Field(
        pattern=ID_REGEX,
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
    # Validators are built on first use, all at once for CaseFile (start-up, issue 7).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class OptionRange(_Strict):
    """A numeric issue given as an inclusive range with a step."""

    start: float
    stop: float
    step: float = Field(gt=0)
    unit: str = Field(default="", description="Appended to each label, e.g. '%'.")


# ---------------------------------------------------------------------------
# Stakeholder fields: each declared in leveltwo.model.fields; the attributes below keep
# their static types (for mypy) and take bounds, default and description from there.
NonNegative = Annotated[float, Field(ge=0.0)]
Credits = Annotated[
    list[Signal] | dict[Signal, float],
    Field(description=FIELDS["credits"].description),
]


def own(name: str, *, required: bool = False) -> Any:
    """The pydantic field of a negotiator's or constituency's own ``name``."""
    spec = FIELDS[name]
    text = spec.description
    if required:
        return Field(description=text, ge=spec.ge, le=spec.le, gt=spec.gt)
    if spec.default is None:
        factory: Callable[[], object] = list if name == "credits" else dict
        return Field(default_factory=factory, description=text, ge=spec.ge, le=spec.le, gt=spec.gt)
    return Field(default=spec.default, description=text, ge=spec.ge, le=spec.le, gt=spec.gt)


def inherited(name: str) -> Any:
    """The pydantic field of a bloc's ``name``: absent (None) means its constituency's."""
    spec = FIELDS[name]
    return Field(
        default=None, description=spec.bloc_description, ge=spec.ge, le=spec.le, gt=spec.gt
    )


class _Level2Stakeholder(_Strict):
    """Level II parameters of a negotiator or constituency (all optional)."""

    audience_cost: float = own("audience_cost")
    framing: float = own("framing")
    hostility: float = own("hostility")
    reassurance: float = own("reassurance")
    pressure: float = own("pressure")
    victory: float = own("victory")
    credits: Credits = own("credits")
    susceptibility: float = own("susceptibility")


class IssueFile(_Strict):
    id: Identifier
    name: str | None = Field(default=None, description="Display name; defaults to the id.")
    options: list[str | int | float] | OptionRange = Field(
        description="The ordered options: a list of labels, or a numeric range."
    )


class BlocFile(_Strict):
    id: Identifier
    name: str | None = None
    share: float = own("share", required=True)
    reservation: float | None = inherited("reservation")
    uncertainty: float | None = inherited("uncertainty")
    weights: Weights | None = inherited("weights")
    values: Values | None = inherited("values")
    audience_cost: float | None = inherited("audience_cost")
    framing: float | None = inherited("framing")
    hostility: float | None = inherited("hostility")
    reassurance: float | None = inherited("reassurance")
    pressure: float | None = inherited("pressure")
    victory: float | None = inherited("victory")
    credits: Credits | None = inherited("credits")
    susceptibility: float | None = inherited("susceptibility")


class NegotiatorFile(_Level2Stakeholder):
    name: str | None = None
    weights: Weights = own("weights", required=True)
    values: Values = own("values")
    reservation: float = own("reservation")
    uncertainty: float = own("uncertainty")


class ConstituencyFile(_Level2Stakeholder):
    id: Identifier
    name: str | None = None
    power: Power = Power.RATIFY
    weights: Weights | None = Field(
        default=None, description="Required unless every bloc gives its own weights."
    )
    values: Values = own("values")
    reservation: float = own("reservation")
    uncertainty: float = own("uncertainty")
    quota: float = own("quota")
    strength: float = own("strength")
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
    their_opening: dict[str, str | int | float] | None = Field(
        default=None,
        description="Their opening position (issue id → option); our own victory speech "
        "shows what we won against it. Default: the deal their negotiator likes best.",
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
