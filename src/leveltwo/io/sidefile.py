"""The side file of an export: the whole case file, so that import loses nothing.

GENIUS XML, GeniusWeb JSON and NegMAS scenarios hold issues and one profile per
party; a leveltwo case holds much more (Level II constituencies, the
case-level ``level2:`` block, descriptions, names, no-deal values, ...).
Export therefore writes, next to the format's files, the case file it came
from as :data:`SIDE_FILE` (itself a valid case file). Import reads it back:

- when the format's files still say what the side file says (the same issues
  and options, and every exported negotiator's utility of every option and
  reservation within :data:`TOLERANCE`), the case is the side file's, exactly;
- when a profile was edited since the export, that side's negotiator
  preferences (weights, values, and the reservation where the format holds
  one) come from the profile and everything else from the side file, with a
  note per side;
- when the issues or sides no longer match, the side file is ignored, with a
  note.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leveltwo.errors import LeveltwoError
from leveltwo.io.casefile import case_from_text, parse_text
from leveltwo.model.case import Case, Negotiator

SIDE_FILE = "leveltwo-case.yaml"
#: Per-option utility contributions (weight · value) and reservations closer than this agree.
TOLERANCE = 1e-9


def side_file_text(source_text: str, fmt: str) -> str:
    """The side file: a comment header, then the case file text unchanged."""
    head = (
        f"# The leveltwo case these {fmt} files were exported from (a valid case file).\n"
        "# `leveltwo import` reads it back for everything the files cannot hold; a profile\n"
        "# edited since the export wins for that side's negotiator preferences.\n"
    )
    return head + source_text


@dataclass(frozen=True)
class Restored:
    """The outcome of reading a side file: the case, its text, and what happened."""

    case: Case
    text: str
    notes: tuple[str, ...]
    #: The files said what the side file says: the case is the side file's, exactly.
    exact: bool = False


def find(folder: Path) -> Path | None:
    """The side file in ``folder``, if any."""
    path = folder / SIDE_FILE
    return path if path.is_file() else None


def _contributions(neg: Negotiator) -> list[list[float]]:
    prefs = neg.preferences
    return [[w * v for v in vals] for w, vals in zip(prefs.weights, prefs.values, strict=True)]


def _same_preferences(a: Negotiator, b: Negotiator, *, reservation: bool) -> bool:
    ca, cb = _contributions(a), _contributions(b)
    if any(
        abs(x - y) > TOLERANCE
        for ra, rb in zip(ca, cb, strict=True)
        for x, y in zip(ra, rb, strict=True)
    ):
        return False
    return not reservation or abs(a.reservation - b.reservation) <= TOLERANCE


def restore(
    path: Path,
    imported: Case,
    imported_data: Mapping[str, Any],
    *,
    holds_reservation: Mapping[str, bool],
) -> Restored | None:
    """The case of the side file at ``path`` reconciled with the ``imported`` one.

    ``imported_data`` is the case data the format's files gave;
    ``holds_reservation[side id]``: whether that side's profile states a
    reservation. Returns None when the side file does not fit the files (the
    caller keeps the imported case, with the note :func:`ignored`).
    """
    try:
        text = path.read_text(encoding="utf-8")
        side = case_from_text(text, str(path))
    except (OSError, UnicodeDecodeError, LeveltwoError):
        return None
    if [i.options for i in side.issues] != [i.options for i in imported.issues]:
        return None
    ids = [s.id for s in imported.sides]
    if sorted(ids) != sorted(s.id for s in side.sides):
        return None
    changed: list[int] = []
    for k, s in enumerate(side.sides):
        k_imp = ids.index(s.id)
        if not _same_preferences(
            s.negotiator,
            imported.sides[k_imp].negotiator,
            reservation=holds_reservation.get(s.id, False),
        ):
            changed.append(k)
    if not changed:
        return Restored(side, text, (f"restored from {path.name}: the case as exported",), True)
    data = copy.deepcopy(parse_text(text, str(path)))
    notes = []
    for k in changed:
        sid = side.sides[k].id
        src = imported_data["sides"][ids.index(sid)]["negotiator"]
        neg = data["sides"][k]["negotiator"]
        for key in ("weights", "values"):
            neg[key] = copy.deepcopy(src[key])
        if holds_reservation.get(sid, False):
            neg["reservation"] = src["reservation"]
        notes.append(
            f"{sid}: its profile differs from {path.name}; the profile's preferences are used, "
            f"everything else comes from {path.name}"
        )
    from leveltwo.io.genius_import import dump

    merged_text = dump(data)
    return Restored(case_from_text(merged_text, str(path)), merged_text, tuple(notes))


def ignored(path: Path) -> str:
    """The note for a side file that does not fit the files next to it."""
    return (
        f"{path.name} ignored: it is not a case with these files' issues and sides "
        "(the files were changed, or it belongs to another export)"
    )
