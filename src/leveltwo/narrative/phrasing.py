"""How lists and Markdown text are said in leveltwo's prose.

Numbers are printed by :mod:`leveltwo.narrative.numbers` (one rule per kind of
number, for every surface).
"""

from __future__ import annotations

from collections.abc import Sequence


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
