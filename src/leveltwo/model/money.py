"""Money: an optional scale from our utility to a currency (``money:`` in a case file).

::

    money: {currency: EUR, per_utility: 12e6}   # one unit of our utility is worth €12M

Utility is on a 0–1 scale where 0 is our worst deal and 1 our best, so
``per_utility`` is what the whole range from worst to best deal is worth to us.
With it, every cost and value in our utility (a term given up, a side payment,
a plan's net value) is shown in money beside the utility, as
``amount = utility × per_utility``. It is a display scale only: no number of
the model changes. It is ours: the other side's utility is not converted.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field


class MoneyFile(BaseModel):
    """The ``money:`` block as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: str = Field(
        min_length=1, max_length=12, description="A currency code or sign: EUR, USD, $, €."
    )
    per_utility: float = Field(
        gt=0,
        description="What one unit of our utility (our worst deal to our best) is worth "
        "in that currency.",
    )


@dataclass(frozen=True)
class Money:
    """Our utility in money: ``amount = utility × per_utility``."""

    currency: str
    per_utility: float

    def amount(self, utility: float) -> float:
        return utility * self.per_utility


def money_of(f: MoneyFile | None) -> Money | None:
    return None if f is None else Money(f.currency, f.per_utility)


def money_data(money: Money | None) -> dict[str, object] | None:
    """The ``money:`` block as plain case-file data (for the case writer)."""
    return None if money is None else {"currency": money.currency, "per_utility": money.per_utility}
