"""Forgiving names: match what a person typed to an issue, an option or a field.

Used where people type names by hand (``--deal ISSUE=OPTION``, case-file keys):

- :func:`normalise` folds case and runs of spaces, so ``Wages`` is ``wages``;
- :func:`bare` also drops what a number is usually written with (``%``,
  currency signs, thousands separators, spaces), so ``9`` is ``9%`` and
  ``2500`` is ``$2,500``;
- :func:`did_you_mean` names the closest known spelling (difflib's ratio, at
  least :data:`CUTOFF`), for the error message when nothing matches.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

#: Least similarity (difflib's ratio, 0–1) for a "did you mean" suggestion.
CUTOFF = 0.6

_NUMBER_DRESSING = re.compile(r"[\s%$€£¥,_]")


def normalise(text: str) -> str:
    """Lower case, spaces collapsed, ends trimmed."""
    return " ".join(text.split()).casefold()


def bare(text: str) -> str:
    """:func:`normalise`, then without the signs numbers are dressed in."""
    return _NUMBER_DRESSING.sub("", normalise(text))


def did_you_mean(typed: str, known: Iterable[str]) -> str | None:
    """The known spelling closest to ``typed`` (ignoring case), or None."""
    spellings = {normalise(k): k for k in known}
    found = difflib.get_close_matches(normalise(typed), list(spellings), n=1, cutoff=CUTOFF)
    return spellings[found[0]] if found else None
