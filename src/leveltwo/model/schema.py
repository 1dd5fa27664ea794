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

from pydantic import BaseModel, ConfigDict, Field

from leveltwo.model.case import Power

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$",
        description="An id: a letter, then letters, digits, '_' or '-'.",
    ),
]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Shorthand = Literal["ascending", "descending"]
ValueSpec = Annotated[
    Shorthand | dict[str, Unit],
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


class NegotiatorFile(_Strict):
    name: str | None = None
    weights: Weights
    values: Values = Field(default_factory=dict)
    reservation: float = 0.0
    uncertainty: float = Field(default=0.0, ge=0)


class ConstituencyFile(_Strict):
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


class SideFile(_Strict):
    id: Identifier
    name: str | None = None
    negotiator: NegotiatorFile
    no_deal: float | None = Field(
        default=None, description="No-deal value x_s; defaults to the negotiator's reservation."
    )
    constituencies: list[ConstituencyFile] = Field(default_factory=list)


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


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema of case files, generated from the models above."""
    return CaseFile.model_json_schema()


def case_json_schema_text() -> str:
    return json.dumps(case_json_schema(), indent=2, sort_keys=False) + "\n"
