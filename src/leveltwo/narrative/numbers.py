"""How leveltwo prints a number: one rule per kind, used by every surface.

The CLI (rich tables), the web pages (Jinja filters), the HTML report, the
charts and the prose all format probabilities, utilities and money through
these functions, so the same figure reads the same everywhere
(``tests/narrative/test_numbers.py`` fails if a surface formats a probability
itself).

- :func:`percent`: a probability; never a false 0% or 100% (``0.9996`` is
  ``>99.9%``, not ``100.0%``).
- :func:`points`: a difference of probabilities, in percentage points.
- :func:`utility` and :func:`signed`: a utility or expected value on the 0–1
  scale, and a change of one.
- :func:`share`: a quota or a strength, as a short percentage (``66.7%``).
- :func:`money`: an amount of money with its unit (``$1,250,000``).
- :func:`cost`: a cost to us, in our utility, the one way every surface writes
  it: under the word "cost to us", positive for what we give up and negative
  for what we gain (``0.077``, ``-0.046``), with its amount in money beside it
  when the case has a ``money:`` scale (``0.077 (924,000 EUR)``); and
  :func:`in_money` for a change of our utility in money alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from leveltwo.model.money import Money

#: The placeholder printed for a number that does not exist (no shortfall, no value).
NONE = "—"


def percent(p: float | None, digits: int = 1) -> str:
    """A probability as a percentage with ``digits`` decimals: ``0.312 → "31.2%"``.

    A value that would round to 0% or 100% without being exactly 0 or 1 reads
    ``<0.1%`` / ``>99.9%`` (``<1%`` / ``>99%`` with no decimals), so a small
    chance never looks like none and a near-certainty never looks certain.
    ``None`` reads as an em dash.
    """
    if p is None:
        return NONE
    p = float(p)
    text = f"{100.0 * p:.{digits}f}"
    step = 10.0**-digits
    if p > 0.0 and float(text) == 0.0:
        return f"<{step:.{digits}f}%"
    if p < 1.0 and float(text) >= 100.0:
        return f">{100.0 - step:.{digits}f}%"
    return f"{text}%"


def points(dp: float, digits: int = 1, *, sign: bool = False, unit: str = "points") -> str:
    """A difference of probabilities in percentage points: ``0.123 → "12.3 points"``.

    ``sign`` writes ``+`` before a gain; ``unit`` may be shortened (``"pts"``) for
    narrow tables.
    """
    value = 100.0 * float(dp)
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    return f"{text} {unit}"


def utility(x: float | None, digits: int = 3) -> str:
    """A utility or expected value on the 0–1 scale: ``0.4123 → "0.412"``."""
    return NONE if x is None else f"{float(x):.{digits}f}"


def signed(x: float | None, digits: int = 3) -> str:
    """A change of utility with its sign: ``0.012 → "+0.012"``, ``-0.2 → "-0.200"``."""
    return NONE if x is None else f"{float(x):+.{digits}f}"


def share(x: float) -> str:
    """A quota or a strength as a short percentage: ``0.5 → "50%"``, ``2/3 → "66.7%"``."""
    return f"{100.0 * float(x):.3g}%"


def money(amount: float, unit: str = "", digits: int = 0) -> str:
    """An amount of money with thousands separators and its unit.

    A symbol is written before the number (``$1,250,000``, ``-€300``), a code
    or word after it (``1,250,000 EUR``); ``digits`` decimals (default none).
    """
    text = f"{abs(float(amount)):,.{digits}f}"
    minus = "-" if amount < 0 else ""
    if not unit:
        return minus + text
    if unit.isalpha() and len(unit) > 1:
        return f"{minus}{text} {unit}"
    return f"{minus}{unit}{text}"


#: The word every surface uses for the numbers :func:`cost` writes.
COST_WORD = "cost to us"


def in_money(x: float, scale: Money | None) -> str:
    """A change of our utility in money (``""`` when the case has no ``money:`` scale)."""
    return "" if scale is None else money(scale.amount(float(x)), scale.currency)


def cost(x: float | None, scale: Money | None = None, digits: int = 3) -> str:
    """A cost to us in our utility: positive, what we give up; negative, what we gain
    (``0.077``, ``-0.046``; a cost that rounds to zero is ``0.000``), followed by its
    amount in money when ``scale`` (the case's ``money:``) is given."""
    if x is None:
        return NONE
    x = float(x)
    text = f"{0.0 if abs(x) < 0.5 * 10.0**-digits else x:.{digits}f}"
    return f"{text} ({in_money(x, scale)})" if scale is not None else text


def _number_or_none(x: object) -> float | None:
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


#: The Jinja filters of the web pages and the report: each one of the rules above.
FILTERS: dict[str, Callable[..., str]] = {
    "pct": lambda p, digits=1: percent(_number_or_none(p), digits),
    "num": lambda x, digits=3: utility(_number_or_none(x), digits),
    "amount": lambda x: utility(_number_or_none(x), 2),
    "signed": lambda x, digits=3: signed(_number_or_none(x), digits),
    "points": lambda x, digits=1, sign=False: points(float(x), digits, sign=sign),
    "share": lambda x: share(float(x)),
    "money": lambda x, unit="", digits=0: money(float(x), unit, digits),
    "cost": lambda x, scale=None: cost(_number_or_none(x), scale),
}


def jinja_filters() -> dict[str, Any]:
    """A copy of :data:`FILTERS`, to ``update`` a Jinja environment's filters with."""
    return dict(FILTERS)


__all__ = [
    "COST_WORD",
    "FILTERS",
    "NONE",
    "cost",
    "in_money",
    "jinja_filters",
    "money",
    "percent",
    "points",
    "share",
    "signed",
    "utility",
]
