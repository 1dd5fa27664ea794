"""Money: an optional scale from our utility to a currency (``money:`` in a case file).

::

    money: {currency: EUR, per_utility: 12e6}   # one unit of our utility is worth €12M
    money: {currency: EUR, per_issue: {pay: 8e6, scope: 4e6}}   # or issue by issue

Utility is on a 0–1 scale where 0 is our worst deal and 1 our best, so
``per_utility`` is what the whole range from worst to best deal is worth to us.
With it, every cost and value in our utility (a term given up, a side payment,
a plan's net value) is shown in money beside the utility, as
``amount = utility × per_utility``. It is a display scale only: no number of
the model changes. It is ours: the other side's utility is not converted.

Given ``per_issue`` instead (what moving each issue from its worst option for us
to its best is worth), the whole range is the sum, ``per_utility = Σ_i
per_issue_i``; every issue our negotiator weighs must be listed. Amounts that
are not in proportion to our weights (``per_issue_i / Σ per_issue ≠ w_i``) mean
the weights and the money disagree: a plausibility warning says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from leveltwo.errors import Problem
from leveltwo.model.fielddoc import IssueId


class MoneyFile(BaseModel):
    """The ``money:`` block as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    currency: str = Field(
        min_length=1, max_length=12, description="A currency code or sign: EUR, USD, $, €."
    )
    per_utility: float | None = Field(
        default=None,
        gt=0,
        description="What one unit of our utility (our worst deal to our best) is worth "
        "in that currency.",
    )
    per_issue: dict[IssueId, Annotated[float, Field(gt=0)]] | None = Field(
        default=None,
        description="Instead of `per_utility`: what moving each issue from our worst option "
        "to our best is worth. Every issue our negotiator weighs must be listed; "
        "`per_utility` is their sum. An issue whose share of the sum is more than 0.05 away "
        "from our weight on it gets a warning: the weights and the money disagree.",
    )

    @model_validator(mode="after")
    def _one_scale(self) -> MoneyFile:
        if (self.per_utility is None) == (self.per_issue is None):
            raise ValueError("exactly one of `per_utility` and `per_issue`")
        return self


@dataclass(frozen=True)
class Money:
    """Our utility in money: ``amount = utility × per_utility``."""

    currency: str
    per_utility: float
    per_issue: tuple[tuple[str, float], ...] = ()  # as given, when given issue by issue

    def amount(self, utility: float) -> float:
        return utility * self.per_utility


def money_of(f: MoneyFile | None) -> Money | None:
    if f is None:
        return None
    if f.per_issue is not None:
        return Money(f.currency, sum(f.per_issue.values()), tuple(f.per_issue.items()))
    assert f.per_utility is not None
    return Money(f.currency, f.per_utility)


def money_data(money: Money | None) -> dict[str, object] | None:
    """The ``money:`` block as plain case-file data (for the case writer)."""
    if money is None:
        return None
    if money.per_issue:
        return {"currency": money.currency, "per_issue": dict(money.per_issue)}
    return {"currency": money.currency, "per_utility": money.per_utility}


def _weighed(data: Mapping[str, object]) -> list[str]:
    """The issues our negotiator gives positive weight, from raw case data."""
    sides = data.get("sides")
    if not isinstance(sides, Sequence) or not sides:
        return []
    ours = next(
        (s for s in sides if isinstance(s, Mapping) and s.get("id") == data.get("us")), sides[0]
    )
    neg = ours.get("negotiator") if isinstance(ours, Mapping) else None
    weights = neg.get("weights") if isinstance(neg, Mapping) else None
    if not isinstance(weights, Mapping):
        return []
    return [str(k) for k, w in weights.items() if isinstance(w, int | float) and w > 0]


def check_money(data: Mapping[str, object], issues: Mapping[str, object]) -> list[Problem]:
    """Cross-reference problems of a raw ``money:`` block: unknown issues in ``per_issue``,
    and issues our negotiator weighs that it leaves out."""
    raw = data.get("money")
    if not isinstance(raw, Mapping) or not isinstance(raw.get("per_issue"), Mapping):
        return []
    given = raw["per_issue"]
    weighed = _weighed(data)
    problems = [
        Problem(f"money.per_issue.{iid}", f"an issue id {sorted(issues)}", repr(iid))
        for iid in given
        if iid not in issues
    ]
    missing = [iid for iid in weighed if iid not in given]
    if missing:
        problems.append(
            Problem(
                "money.per_issue",
                "an amount for every issue our negotiator weighs",
                f"none for {missing}",
            )
        )
    return problems
