"""Comparing and merging case-file texts, line by line (difflib).

:func:`diff_lines` gives the rows of a unified diff for display;
:func:`merge3` merges two edits of the same base text when they touch
different lines, and gives up (None) when they overlap, so a person decides.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

RowKind = Literal["hunk", "ctx", "add", "del"]


@dataclass(frozen=True)
class DiffRow:
    kind: RowKind
    old: int | None  # line number in the old text
    new: int | None  # line number in the new text
    text: str


@dataclass(frozen=True)
class Diff:
    rows: tuple[DiffRow, ...]
    added: int
    removed: int

    @property
    def identical(self) -> bool:
        return not self.rows


def diff_lines(old: str, new: str, context: int = 3) -> Diff:
    """A unified diff of two texts as display rows."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        rows.append(
            DiffRow(
                "hunk",
                None,
                None,
                f"@@ lines {first[1] + 1}–{last[2]} → {first[3] + 1}–{last[4]} @@",
            )
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [DiffRow("ctx", i1 + k + 1, j1 + k + 1, a[i1 + k]) for k in range(i2 - i1)]
                continue
            if tag in ("replace", "delete"):
                rows += [DiffRow("del", i1 + k + 1, None, a[i1 + k]) for k in range(i2 - i1)]
                removed += i2 - i1
            if tag in ("replace", "insert"):
                rows += [DiffRow("add", None, j1 + k + 1, b[j1 + k]) for k in range(j2 - j1)]
                added += j2 - j1
    return Diff(tuple(rows), added, removed)


def unified_text(old: str, new: str, old_name: str, new_name: str) -> str:
    """A plain unified diff (for downloads and copy-paste)."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=old_name,
            tofile=new_name,
        )
    )


Hunk = tuple[int, int, tuple[str, ...]]  # base lines [i1, i2) become these lines


def _hunks(base: list[str], other: list[str]) -> list[Hunk]:
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _overlap(x: Hunk, y: Hunk) -> bool:
    (a1, a2, _), (b1, b2, _) = x, y
    if a1 == a2 or b1 == b2:  # an insertion conflicts with a change at the same place
        return a1 <= b2 and b1 <= a2
    return a1 < b2 and b1 < a2


def merge3(base: str, mine: str, theirs: str) -> str | None:
    """Both edits applied to ``base``, or None when they touch the same lines."""
    b = base.splitlines(keepends=True)
    ours, others = (
        _hunks(b, mine.splitlines(keepends=True)),
        _hunks(b, theirs.splitlines(keepends=True)),
    )
    merged: list[Hunk] = list(others)
    for h in ours:
        same = [o for o in others if (o[0], o[1]) == (h[0], h[1])]
        if same and same[0][2] == h[2]:
            continue  # both made the same change
        if any(_overlap(h, o) for o in others):
            return None
        merged.append(h)
    out: list[str] = []
    pos = 0
    for i1, i2, lines in sorted(merged, key=lambda h: (h[0], h[1])):
        out += b[pos:i1]
        out += lines
        pos = i2
    out += b[pos:]
    return "".join(out)
