"""Deals side by side: the terms, every constituency's approval, P and EV.

:func:`compare_deals` assesses two to four named deals
(:func:`~leveltwo.engine.assessment.assess`) and lays them out as rows, the
same for every surface (CLI table, web page, report):

- one **term** row per issue: each deal's option; the row *differs* when the
  deals do not all agree;
- rows come in groups (:data:`TERMS`, :data:`OUTCOME`, then one per side,
  named after it);
- **figure** rows: the chance of success P, our expected value, theirs, each
  side's probability, then every constituency's (and voting bloc's)
  approval. A row *differs* when its values are not all equal at the
  precision shown (:data:`SHOWN`: a tenth of a percentage point, a
  thousandth of utility), and then ``best`` names the deals with its highest
  value — higher is better for every figure row here but the counterpart's
  expected value, which is shown and never marked.

Nothing is recomputed: every number is the deal's assessment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from leveltwo.engine.assessment import Assessment, assess
from leveltwo.engine.powers import enters
from leveltwo.errors import InputError, Problem
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal

#: How many deals a comparison takes.
MIN_DEALS, MAX_DEALS = 2, 4

#: Differences smaller than this do not show (per kind of figure).
SHOWN = {"probability": 5e-4, "value": 5e-4}

RowKind = Literal["term", "probability", "value"]


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a label in words and one value per deal."""

    key: str
    label: str
    kind: RowKind
    values: tuple[str | float, ...]
    differs: bool
    best: tuple[int, ...] = ()
    indent: int = 0
    group: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "group": self.group,
            "label": self.label,
            "kind": self.kind,
            "values": list(self.values),
            "differs": self.differs,
            "best": list(self.best),
            "indent": self.indent,
        }


@dataclass(frozen=True)
class ComparedDeal:
    """One deal of the comparison, with the name it was asked for by and its assessment."""

    name: str
    assessment: Assessment

    @property
    def deal(self) -> Deal:
        return self.assessment.deal

    def to_json(self) -> dict[str, object]:
        a = self.assessment
        return {
            "name": self.name,
            "deal": dict(a.labels),
            "success_probability": a.success_probability,
            "expected_value": a.expected_value,
        }


@dataclass(frozen=True)
class DealComparison:
    """Two to four deals side by side (see the module docstring)."""

    title: str
    us: str
    deals: tuple[ComparedDeal, ...]
    rows: tuple[Row, ...]

    def terms(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind == "term")

    def figures(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind != "term")

    def differing(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.differs)

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "us": self.us,
            "deals": [d.to_json() for d in self.deals],
            "rows": [r.to_json() for r in self.rows],
        }


def _figure(
    key: str,
    label: str,
    kind: RowKind,
    values: Sequence[float],
    group: str,
    *,
    mark: bool = True,
    indent: int = 0,
) -> Row:
    spread = max(values) - min(values)
    differs = spread >= SHOWN[kind]
    top = max(values)
    best = (
        tuple(k for k, v in enumerate(values) if top - v < SHOWN[kind]) if differs and mark else ()
    )
    return Row(key, label, kind, tuple(float(v) for v in values), differs, best, indent, group)


#: The group of the term rows and of the deal-wide figures.
TERMS, OUTCOME = "Terms", "Outcome"


def _approvals(a: Assessment) -> dict[str, float]:
    out = {}
    for side in a.sides:
        for r in side.stakeholders():
            out[r.key] = r.approval_probability
            for b in r.blocs:
                out[b.key] = b.approval_probability
    return out


def _stakeholder_rows(case: Case, assessments: Sequence[Assessment]) -> list[Row]:
    rows: list[Row] = []
    approvals = [_approvals(a) for a in assessments]

    def add(key: str, label: str, group: str, indent: int = 0) -> None:
        if all(key in x for x in approvals):
            values = [x[key] for x in approvals]
            rows.append(_figure(key, label, "probability", values, group, indent=indent))

    for k, side in enumerate(case.sides):
        group = f"{side.name} ({'us' if side.id == case.us else 'them'})"
        for r in assessments[0].sides[k].stakeholders():
            if not enters(r.power) and r.kind != "negotiator":
                continue  # influencers do not enter P
            add(r.key, f"{r.name} approves", group)
            for b in r.blocs:
                add(b.key, f"{b.name} (bloc) approves", group, indent=1)
    return rows


def compare_deals(
    case: Case,
    deals: Sequence[tuple[str, Deal]],
    cases: Sequence[Case | None] | None = None,
) -> DealComparison:
    """Assess the named ``deals`` (two to four) and lay them side by side.

    ``cases``, when given, holds per deal the case to assess it in instead of
    ``case`` (a case changed by Level II moves, whose issues may have gained
    an option); its stakeholders are matched to ``case``'s by key.
    """
    if not MIN_DEALS <= len(deals) <= MAX_DEALS:
        raise InputError(
            [Problem("--deal", f"{MIN_DEALS} to {MAX_DEALS} deals to compare", str(len(deals)))]
        )
    own = list(cases) if cases is not None else [None] * len(deals)
    assessments = [assess(c or case, d) for (_, d), c in zip(deals, own, strict=True)]
    rows: list[Row] = []
    for i, issue in enumerate(case.issues):
        values = tuple(a.labels[i][1] for a in assessments)
        rows.append(Row(issue.id, issue.name, "term", values, len(set(values)) > 1, group=TERMS))
    them = case.their_side
    rows.append(
        _figure(
            "success_probability",
            "Chance the deal sticks (P)",
            "probability",
            [a.success_probability for a in assessments],
            OUTCOME,
        )
    )
    rows.append(
        _figure(
            "expected_value.us",
            "Our expected value",
            "value",
            [a.expected_value[case.us] for a in assessments],
            OUTCOME,
        )
    )
    rows.append(
        _figure(
            "expected_value.them",
            "Their expected value",
            "value",
            [a.expected_value[them.id] for a in assessments],
            OUTCOME,
            mark=False,
        )
    )
    for k, side in enumerate(case.sides):
        rows.append(
            _figure(
                f"side.{side.id}",
                f"{side.name} ratifies and implements",
                "probability",
                [a.sides[k].probability for a in assessments],
                OUTCOME,
            )
        )
    rows.extend(_stakeholder_rows(case, assessments))
    compared = tuple(ComparedDeal(name, a) for (name, _), a in zip(deals, assessments, strict=True))
    return DealComparison(case.title, case.us, compared, tuple(rows))
