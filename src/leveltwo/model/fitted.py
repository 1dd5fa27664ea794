"""Provenance of fitted inputs: the top-level ``fitted:`` block.

``leveltwo fit`` estimates a stakeholder's reservation and uncertainty (and
optionally its weights) from past ballots and writes them into the case; each
fitted field gets a note here, keyed by stakeholder key and field name::

    fitted:
      union.members.senior:
        reservation: {value: 0.512, standard_error: 0.011, ci_low: 0.49, ci_high: 0.534,
                      method: probit MLE, source: votes.csv, ballots: 14}

The notes are information only: the engine reads the fields themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from leveltwo.errors import Problem

#: The key of the notes in :attr:`leveltwo.model.case.Case.extensions`.
EXTENSION = "fitted"

#: The fields a note may be about (``weights.ISSUE`` for a fitted weight).
FITTED_FIELDS = ("reservation", "uncertainty")


class FittedNoteFile(BaseModel):
    """Where one fitted number came from."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: float = Field(description="The fitted value.")
    standard_error: float = Field(ge=0.0, description="Its standard error.")
    ci_low: float = Field(description="Lower end of its 95% confidence interval.")
    ci_high: float = Field(description="Upper end of its 95% confidence interval.")
    method: str = Field(default="probit MLE", description="How it was estimated.")
    source: str = Field(default="", description="The ballots file it was estimated from.")
    ballots: int = Field(ge=0, description="How many ballots it rests on.")
    mcfadden_r2: float | None = Field(default=None, description="McFadden's pseudo-R².")


def fitted_field() -> Any:
    """The top-level ``fitted`` field."""
    return Field(
        default=None,
        description="Provenance of fitted inputs (leveltwo fit): stakeholder key → field "
        "(reservation, uncertainty, weights.ISSUE) → note.",
    )


@dataclass(frozen=True)
class FittedNote:
    key: str
    field: str
    value: float
    standard_error: float
    ci_low: float
    ci_high: float
    method: str
    source: str
    ballots: int
    mcfadden_r2: float | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "value": self.value,
            "standard_error": self.standard_error,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "method": self.method,
            "source": self.source,
            "ballots": self.ballots,
        }
        if self.mcfadden_r2 is not None:
            out["mcfadden_r2"] = self.mcfadden_r2
        return out


@dataclass(frozen=True)
class FittedNotes:
    notes: tuple[FittedNote, ...]

    def to_json(self) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for n in self.notes:
            out.setdefault(n.key, {})[n.field] = n.to_json()
        return out


def notes_of(case: Any) -> FittedNotes | None:
    found = dict(case.extensions).get(EXTENSION)
    return found if isinstance(found, FittedNotes) else None


def fitted_block(case: Any, like: Any = None) -> dict[str, dict[str, object]] | None:
    """The ``fitted:`` block as a file writes it, or None."""
    notes = notes_of(case)
    return None if notes is None or not notes.notes else notes.to_json()


def notes_from_file(
    block: Mapping[str, Mapping[str, FittedNoteFile]] | None,
) -> tuple[tuple[str, object], ...]:
    if not block:
        return ()
    notes = tuple(
        FittedNote(key, field, **note.model_dump())
        for key, fields in block.items()
        for field, note in fields.items()
    )
    return ((EXTENSION, FittedNotes(notes)),)


def check_fitted(data: Mapping[str, Any], keys: Mapping[str, str], issues: Any) -> list[Problem]:
    """Notes about unknown stakeholders or fields."""
    block = data.get("fitted")
    if not isinstance(block, Mapping):
        return []
    problems = []
    for key, fields in block.items():
        if str(key) not in keys:
            problems.append(Problem(f"fitted.{key}", "a stakeholder key", repr(key)))
            continue
        for field in fields if isinstance(fields, Mapping) else ():
            ok = field in FITTED_FIELDS or (
                isinstance(field, str)
                and field.startswith("weights.")
                and field.removeprefix("weights.") in issues
            )
            if not ok:
                problems.append(
                    Problem(
                        f"fitted.{key}.{field}",
                        "reservation, uncertainty or weights.ISSUE",
                        repr(field),
                    )
                )
    return problems
