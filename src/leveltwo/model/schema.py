"""The case-file schema (DESIGN §4) as pydantic models.

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
from leveltwo.model.case import DEFAULT_SIGNAL_COSTS, Category, Power, Signal, StatementKind
from leveltwo.model.constraints import ConstraintFile
from leveltwo.model.correlation import FactorFile
from leveltwo.model.fielddoc import (
    ISSUE,
    NAME,
    OPTION,
    SIDE,
    Doc,
    IssueId,
    KeyText,
    OptionText,
    absent,
)
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
IssueRef = Annotated[Identifier, ISSUE]
SideRef = Annotated[Identifier, SIDE]
Shorthand = Literal["ascending", "descending"]
#: An option named in a value table: numbers (YAML ``{0: 0, 4: 0.2}``) read as their labels.
OptionKey = Annotated[str, BeforeValidator(option_label), OPTION]
ValueSpec = Annotated[
    Shorthand | dict[OptionKey, Unit],
    Field(
        description="Option → value in [0, 1], or 'ascending'/'descending' "
        "(linear 0 → 1 or 1 → 0 along the listed order)."
    ),
]
Weights = dict[IssueId, Annotated[float, Field(ge=0.0)]]
Values = dict[IssueId, ValueSpec]
#: A deal as a file names it: issue id → option.
DealSpec = dict[IssueId, OptionText]


class _Strict(BaseModel):
    # Validators are built on first use, all at once for CaseFile (start-up, issue 7).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class OptionRange(_Strict):
    """A numeric issue given as an inclusive range with a step."""

    start: float = Field(description="The first option.")
    stop: float = Field(description="The last option, included when it falls on the grid.")
    step: float = Field(gt=0, description="The distance between options.")
    unit: str = Field(default="", description="Appended to every label, e.g. '%' or ' M€'.")


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
    return Field(default=None, description=spec.bloc_text, ge=spec.ge, le=spec.le, gt=spec.gt)


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
    id: Identifier = Field(description="Unique among the issues.")
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    options: list[str | int | float] | OptionRange = Field(
        description="The ordered options: a list of labels, or a numeric range. At least one, "
        "with unique labels. The order matters: the `ascending` and `descending` shorthands "
        "run along it."
    )


class BlocFile(_Strict):
    id: Identifier = Field(description="Unique within the constituency.")
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
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
    name: Annotated[str | None, absent('`"Negotiator"`')] = Field(
        default=None, description="Display name."
    )
    weights: Weights = own("weights", required=True)
    values: Values = own("values")
    reservation: float = own("reservation")
    uncertainty: float = own("uncertainty")


class ConstituencyFile(_Level2Stakeholder):
    id: Identifier = Field(
        description="Unique within the side; not `negotiator`. The same id on both sides is fine."
    )
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    power: Power = Field(default=Power.RATIFY, description=FIELDS["power"].description)
    weights: Annotated[Weights | None, absent("required unless every bloc has its own")] = Field(
        default=None, description=FIELDS["weights"].description
    )
    values: Values = own("values")
    reservation: float = own("reservation")
    uncertainty: float = own("uncertainty")
    quota: float = own("quota")
    strength: float = own("strength")
    blocs: list[BlocFile] = Field(
        default_factory=list,
        description="When given, the constituency decides by a vote of its blocs, and its "
        "approval is the exact probability that the vote reaches the quota.",
    )
    influences: list[InfluenceFile] = influences_field()
    win_over: WinOverFile | None = win_over_field()
    total_share: float | None = Field(
        default=None,
        gt=0,
        description="What the blocs' shares should add up to (100 for percentages, the seats "
        "of a chamber). Only checked: shares that add up to something else get a warning.",
    )


class SideFile(_Strict):
    id: Identifier = Field(
        description="Unique among the sides. It is the first part of every stakeholder key."
    )
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    negotiator: NegotiatorFile = Field(description="The side's Level I agent.")
    no_deal: Annotated[float | None, absent("the negotiator's `reservation`")] = Field(
        default=None,
        description="x_s, the side's value of no agreement, on its negotiator's utility scale. "
        "It is used in expected values and the Nash deal.",
    )
    constituencies: list[ConstituencyFile] = Field(
        default_factory=list, description="The side's Level II stakeholders."
    )
    implementation_risks: list[ImplementationRiskFile] = Field(
        default_factory=list,
        description="Chances that the side does not carry out a deal it ratified, whoever "
        "approves.",
    )


class OfferFile(_Strict):
    """Compensation on offer: a side payment / new term (``value``, ``cost``), or a new
    option on an existing issue (``issue``, ``like``, ``values``)."""

    id: Identifier = Field(description="Unique among the compensation entries.")
    name: Annotated[str | None, NAME] = Field(
        default=None, description="Display name; for a new option, its label on the issue."
    )
    value: dict[StakeholderKey, float] | None = Field(
        default=None,
        description="Side payment: stakeholder key → utility it gives them (negative: "
        "they dislike it). A constituency's value applies to its blocs unless a bloc is listed.",
    )
    cost: float | None = Field(
        default=None,
        ge=0,
        description="Side payment: our utility given up if the deal is implemented.",
    )
    issue: IssueRef | None = Field(
        default=None, description="New option: the issue it is added to."
    )
    like: Annotated[str | int | float | None, OPTION] = Field(
        default=None,
        description="New option: the existing option every stakeholder not listed in "
        "`values` values it like.",
    )
    values: dict[StakeholderKey, Unit] | None = Field(
        default=None, description="New option: stakeholder key → its value in [0, 1]."
    )


class ProcessTermFile(_Strict):
    id: Identifier = Field(description="Unique among the process terms.")
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    issue: IssueRef = Field(description="The issue the procedure decides instead of a term.")
    outcomes: dict[Annotated[str, OPTION], Unit] = Field(
        description="Option → probability that the agreed procedure ends there (sum 1)."
    )


class ThirdPartyFile(_Strict):
    id: Identifier = Field(description="Unique among the third parties.")
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    reaches: list[StakeholderKey] = Field(
        min_length=1, description="The stakeholders it can press."
    )
    strength: Unit = Field(
        description="t: utility a fully susceptible stakeholder's reservation falls by."
    )
    backlash: Unit = Field(default=0.0, description="Probability the pressure backfires.")
    cost: NonNegative = Field(default=0.0, description="Our utility spent on coordinating it.")


class StatementFile(_Strict):
    id: Identifier = Field(description="Unique among the statements.")
    text: str = Field(description="What would be said, in words.")
    kind: StatementKind = Field(
        description="'inflammatory': the reservation of each stakeholder it touches rises by "
        "its hostility; 'reassuring': it falls by its reassurance."
    )
    touches: list[StakeholderKey] = Field(
        min_length=1, description="The stakeholders the statement is about or addressed to."
    )
    pleases: list[StakeholderKey] = Field(
        default_factory=list,
        description="Side effect: stakeholders whose reservation falls by their reassurance.",
    )
    angers: list[StakeholderKey] = Field(
        default_factory=list,
        description="Side effect: stakeholders whose reservation rises by their hostility.",
    )


class RuleChangeFile(_Strict):
    id: Identifier = Field(description="Unique among the rule changes.")
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    target: StakeholderKey = Field(description="The constituency whose rule changes.")
    power: Power | None = Field(
        default=None, description="Its power after the change (default: unchanged)."
    )
    quota: float | None = Field(
        default=None, gt=0, le=1, description="Its quota after the change (default: unchanged)."
    )
    strength: Unit | None = Field(
        default=None, description="Its blocker strength after the change (default: unchanged)."
    )
    legitimacy_risk: Unit = Field(
        default=0.0, description="Probability the measure is exposed and fails."
    )
    cost: NonNegative = Field(default=0.0, description="Our utility spent on the measure.")


#: The default signal costs in words (those that are not 0).
_SIGNAL_COSTS = (
    ", ".join(f"`{k}` {v:g}" for k, v in DEFAULT_SIGNAL_COSTS.items() if v) + ", others 0"
)


class Level2File(_Strict):
    """Case-level Level II inputs (docs/strategies.md)."""

    allowed: Annotated[
        list[Category] | None, absent("every category but `thwart_opponents` and `tied_hands`")
    ] = Field(
        default=None,
        description="Move categories the plan may use (`--allow` overrides).",
    )
    budget: Annotated[NonNegative | None, absent("no limit")] = Field(
        default=None, description="Most utility the plan may spend (`--budget` overrides)."
    )
    tacit_enforceability: Annotated[Unit | None, absent("unknown")] = Field(
        default=None,
        description="Probability a tacit (unwritten) agreement is honoured. Without it the "
        "tacit form is not planned, only priced in the plan's find-out and forms.",
    )
    compensation: list[OfferFile] = Field(
        default_factory=list, description="Compensation on offer."
    )
    process_terms: list[ProcessTermFile] = Field(
        default_factory=list, description="Process agreements available."
    )
    third_parties: list[ThirdPartyFile] = Field(
        default_factory=list, description="Who could apply outside pressure."
    )
    statements: list[StatementFile] = Field(
        default_factory=list, description="Public statements under consideration."
    )
    rule_changes: list[RuleChangeFile] = Field(
        default_factory=list, description="Extraordinary measures."
    )
    signal_costs: Annotated[dict[Signal, NonNegative], absent(_SIGNAL_COSTS)] = Field(
        default_factory=dict,
        description="Our cost of sending each process signal (utility, paid whether or not "
        "the deal happens); a signal not listed costs its default, 0 for most.",
    )


class CaseFile(_Strict):
    """A leveltwo case file, version 1."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="leveltwo case",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    leveltwo: Literal[1] = Field(description="File format version; must be 1.")
    title: str = Field(description="The case's title.")
    description: str = Field(
        default="",
        description="A short narrative. Its first line is the one-line summary in "
        "`leveltwo cases`.",
    )
    us: Annotated[SideRef | None, absent("the first side's id")] = Field(
        default=None, description="The side the user advises: one of the sides' ids."
    )
    issues: list[IssueFile] = Field(min_length=1, description="The issues on the table.")
    sides: list[SideFile] = Field(
        min_length=2, max_length=2, description="The two sides, each with its stakeholders."
    )
    proposal: DealSpec | None = Field(
        default=None,
        description="The deal analysed when none is given (`leveltwo analyze` without "
        "`--deal`). It must name every issue once, each with one of its options.",
    )
    opening: Annotated[DealSpec | None, absent("our negotiator's best deal")] = Field(
        default=None,
        description="Our opening position, checked like `proposal`. The victory speech uses "
        "it to show what the counterpart won against it. When absent, it is the option our "
        "negotiator values most on each issue (the first one on a tie).",
    )
    their_opening: Annotated[DealSpec | None, absent("their negotiator's best deal")] = Field(
        default=None,
        description="Their opening position, checked like `proposal`. Our own victory speech "
        "(to our constituents) shows what we won against it, and the plan credits our "
        "receptive constituents for that gain. When absent, it is the option their "
        "negotiator values most on each issue (the first one on a tie), and the plan names "
        "that as an assumption. To measure from the terms in force today (a status quo), "
        "write them here.",
    )
    level2: Level2File | None = Field(
        default=None, description="Level II move inputs (docs/strategies.md)."
    )
    factors: list[FactorFile] | None = Field(
        default=None,
        description="Common factors that move reservation shocks together (correlated "
        "uncertainty, docs/model.md §11).",
    )
    fitted: dict[KeyText, dict[Annotated[str, Doc("field")], FittedNoteFile]] | None = (
        fitted_field()
    )
    bargaining: BargainingFile | None = Field(
        default=None,
        description="How the sides bargain at the table (`leveltwo bargain`, docs/bargaining.md).",
    )
    constraints: list[ConstraintFile] = Field(
        default_factory=list,
        description="Linked options: combinations of options that cannot be agreed.",
    )
    money: MoneyFile | None = Field(
        default=None, description="Our utility in money, for display (no number changes)."
    )


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema of case files, generated from the models above."""
    return CaseFile.model_json_schema()


def case_json_schema_text() -> str:
    return json.dumps(case_json_schema(), indent=2, sort_keys=False) + "\n"
