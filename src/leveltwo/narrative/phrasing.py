"""How numbers, lists and option labels are said in leveltwo's prose.

One place for the wording rules shared by the victory speech, the diagnosis
text and the report, so the same number reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence


def percent(p: float, digits: int = 0) -> str:
    """A probability as a percentage: ``0.312 → "31%"`` (``digits`` decimals).

    Values that would round to 0% or 100% without being exactly 0 or 1 read
    ``<1%`` / ``>99%`` (with ``digits`` decimals: ``<0.1%``), so a small
    chance never looks like none.
    """
    scaled = 100.0 * p
    text = f"{scaled:.{digits}f}"
    step = 10.0**-digits
    if p > 0.0 and float(text) == 0.0:
        return f"<{step:.{digits}f}%"
    if p < 1.0 and float(text) == 100.0:
        return f">{100.0 - step:.{digits}f}%"
    return f"{text}%"


def amount(x: float) -> str:
    """A utility or expected value, on the 0–1 scale: two decimals."""
    return f"{x:.2f}"


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


_MARKDOWN_SPECIAL = "\\`*_[]<>#|"


def md_escape(text: str) -> str:
    """Escape the characters that Markdown would read as markup."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
