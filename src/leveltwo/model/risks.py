"""Implementation risks: ``implementation_risks:`` on a side of a case file.

::

    sides:
      - id: union
        implementation_risks:
          - {id: tacit_defection, name: Risk that the tacit understanding is not honoured,
             probability: 0.3}

An implementation risk is a chance π that the side does not carry out a deal
it ratified, whoever approves of it: it multiplies the side's implementation
probability by 1 − π (:mod:`leveltwo.engine.powers`, docs/model.md §5). The
planner adds one when it proposes a tacit understanding (honoured with the
case's ``level2.tacit_enforceability``), and an adopted plan writes it here.
The frozen element is :class:`leveltwo.model.case.ImplementationRisk`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from leveltwo.model.case import ImplementationRisk
from leveltwo.model.fielddoc import NAME
from leveltwo.model.keys import ID_REGEX


class ImplementationRiskFile(BaseModel):
    """One entry of a side's ``implementation_risks:`` as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(
        pattern=ID_REGEX,
        description="Unique among the side's implementation risks.",
    )
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    probability: float = Field(
        ge=0.0,
        le=1.0,
        description="π: the chance the side does not implement the deal; its implementation "
        "probability is multiplied by 1 − π.",
    )


def risks_from_file(entries: Sequence[ImplementationRiskFile]) -> tuple[ImplementationRisk, ...]:
    """The frozen risks of a side."""
    return tuple(ImplementationRisk(r.id, r.name or r.id, r.probability) for r in entries)


def risk_data(risk: ImplementationRisk) -> dict[str, object]:
    """One risk as case-file data (the name left out when it is the id)."""
    out: dict[str, object] = {"id": risk.id}
    if risk.name != risk.id:
        out["name"] = risk.name
    out["probability"] = risk.probability
    return out
