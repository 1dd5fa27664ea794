"""Common factors of the reservation shocks: the ``factors:`` block (docs/model.md).

The baseline treats every stakeholder's reservation shock as independent. A
common factor z_k (a public mood, a scandal, party discipline) moves several
of them together: stakeholder s with loadings λ_sk has the shock

    σ_s · (Σ_k λ_sk z_k + √(1 − Σ_k λ_sk²) · ε_s),   z, ε independent N(0, 1),

so two stakeholders loaded λ and μ on one factor have correlation λ·μ. A
positive z raises the bars of the stakeholders loaded positively on it.

In the file, ``loadings`` are keyed like the rest of the tool
(``union.members``, ``union.members.senior``). A key naming a constituency
that votes by blocs is the shorthand "every bloc of this constituency loads λ"
(party discipline); a bloc listed itself overrides it.

This module holds the file schema, its cross-reference checks and the frozen
model, kept on :attr:`Case.extensions` under :data:`EXTENSION`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from leveltwo.errors import Problem
from leveltwo.model.fielddoc import NAME, KeyText
from leveltwo.model.keys import ID_REGEX, StakeholderKey

#: The key of the model in :attr:`leveltwo.model.case.Case.extensions`.
EXTENSION = "factors"

Loading = Annotated[float, Field(ge=-1.0, le=1.0)]

#: Σ λ² may exceed 1 by this much (rounding of loadings such as √0.5 = 0.7071).
SUM_TOLERANCE = 1e-6


class FactorFile(BaseModel):
    """One common factor of the reservation shocks."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Annotated[str, Field(pattern=ID_REGEX)] = Field(description="Unique among the factors.")
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    description: str = Field(
        default="",
        description="What the factor stands for (a public mood, a scandal, party discipline).",
    )
    loadings: dict[KeyText, Loading] = Field(
        min_length=1,
        description="λ of each stakeholder loaded on the factor. Over all factors, Σ λ² ≤ 1 "
        "for every stakeholder. A constituency that votes by blocs: each of its blocs loads "
        "λ (party discipline), unless the bloc is listed itself.",
    )


@dataclass(frozen=True)
class CommonFactor:
    """A common factor with its loadings as the file gives them."""

    id: str
    name: str
    description: str
    loadings: tuple[tuple[str, float], ...]

    def loading(self, key: str) -> float:
        """The loading of ``key`` (a bloc inherits its constituency's), 0 when not loaded."""
        table = dict(self.loadings)
        if key in table:
            return table[key]
        parent = StakeholderKey(key).parent
        return table.get(parent, 0.0) if parent else 0.0


@dataclass(frozen=True)
class Correlation:
    """The common factors of a case (at least one)."""

    factors: tuple[CommonFactor, ...]

    def loadings(self, key: str) -> tuple[float, ...]:
        """λ_s: one loading per factor for the stakeholder ``key``."""
        return tuple(f.loading(key) for f in self.factors)

    def to_json(self) -> list[dict[str, object]]:
        return [
            {
                "id": f.id,
                "name": f.name,
                "description": f.description,
                "loadings": dict(f.loadings),
            }
            for f in self.factors
        ]


def correlation_of(case: Any) -> Correlation | None:
    """The case's common factors, or None (the baseline: independent shocks)."""
    found = dict(case.extensions).get(EXTENSION)
    return found if isinstance(found, Correlation) else None


def factors_block(case: Any, like: Any = None) -> list[dict[str, object]] | None:
    """The ``factors:`` block as a file would write it (defaults left out), or None."""
    corr = correlation_of(case)
    if corr is None:
        return None
    out: list[dict[str, object]] = []
    for f in corr.factors:
        item: dict[str, object] = {"id": f.id}
        if f.name != f.id:
            item["name"] = f.name
        if f.description:
            item["description"] = f.description
        item["loadings"] = dict(f.loadings)
        out.append(item)
    return out


def correlation_from_files(files: list[FactorFile] | None) -> tuple[tuple[str, object], ...]:
    """The :attr:`Case.extensions` entry for a validated ``factors:`` list (none when empty)."""
    if not files:
        return ()
    factors = tuple(
        CommonFactor(f.id, f.name or f.id, f.description, tuple(f.loadings.items())) for f in files
    )
    return ((EXTENSION, Correlation(factors)),)


def check_factors(data: Mapping[str, Any], keys: Mapping[str, str]) -> list[Problem]:
    """Cross-reference problems of a raw ``factors:`` list: unknown keys, duplicate ids,
    Σ λ² > 1 for a stakeholder (located at the loading that takes it over 1)."""
    raw = data.get("factors")
    if not isinstance(raw, list):
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    total: dict[str, float] = {}
    blocs_of: dict[str, list[str]] = {}
    for k, kind in keys.items():
        if kind == "bloc":
            blocs_of.setdefault(k.rsplit(".", 1)[0], []).append(k)
    for fi, f in enumerate(raw):
        if not isinstance(f, Mapping):
            continue
        path = f"factors[{fi}]"
        fid = f.get("id")
        if isinstance(fid, str):
            if fid in seen:
                problems.append(
                    Problem(f"{path}.id", "an id not used before in this list", repr(fid))
                )
            seen.add(fid)
        loadings = f.get("loadings")
        if not isinstance(loadings, Mapping):
            continue
        numbers = {str(k): v for k, v in loadings.items() if isinstance(v, int | float)}
        for key in loadings:
            if str(key) not in keys:
                problems.append(
                    Problem(
                        f"{path}.loadings.{key}",
                        "a stakeholder key such as 'side.negotiator', 'side.constituency' or "
                        "'side.constituency.bloc'",
                        repr(key),
                    )
                )
        # the stakeholders whose shocks this factor loads, with their loading
        effective: dict[str, tuple[str, float]] = {}
        for key, value in numbers.items():
            if key not in keys:
                continue
            for member in blocs_of.get(key, [key]):
                if member == key or member not in numbers:
                    effective[member] = (key, float(value))
        for member, (written, value) in effective.items():
            before = total.get(member, 0.0)
            total[member] = before + value * value
            if total[member] > 1.0 + SUM_TOLERANCE >= before:
                problems.append(
                    Problem(
                        f"{path}.loadings.{written}",
                        f"loadings of '{member}' whose squares sum to at most 1 over all factors",
                        f"Σ λ² = {total[member]:.4g}",
                    )
                )
    return problems
