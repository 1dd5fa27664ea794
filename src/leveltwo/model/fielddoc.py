"""What a case-file field's declaration says for the docs beyond its type and bounds.

A field of the case-file schema is declared once, as a pydantic field with its
type, bounds, default and ``description`` (which the JSON Schema carries). Two
things its type cannot say are written beside it, as a :class:`Doc` in its
``Annotated`` metadata (pydantic ignores it: validation and the JSON Schema do
not change):

- what a value *names*: an issue id, an option, a side id, a stakeholder key
  (``dict[IssueId, float]`` rather than ``dict[str, float]``);
- what leaving an optional field out *means*, when it is not its default
  value: a ``name`` left out is the id (:data:`NAME`), ``us`` the first side.

The field tables of docs/case-format.md are generated from these declarations
by :mod:`leveltwo.model.fieldtable`. This module holds plain data only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated


class Doc:
    """The docs' words for a type (``words``) or for a field left out (``absent``).

    A plain class, not a dataclass: it is built on the case-load path (start-up)."""

    __slots__ = ("absent", "words")

    def __init__(self, words: str = "", absent: str = "") -> None:
        #: The type in words ("issue id"), instead of the words its annotation gives.
        self.words = words
        #: What an absent field means ("the id"), instead of its default value.
        self.absent = absent

    def __repr__(self) -> str:
        return f"Doc(words={self.words!r}, absent={self.absent!r})"


def absent(words: str) -> Doc:
    """The marker of a field whose absence means ``words``."""
    return Doc(absent=words)


def absent_words(metadata: Iterable[object]) -> str:
    """What a field's markers say its absence means ("" when they say nothing)."""
    return next((m.absent for m in metadata if isinstance(m, Doc) and m.absent), "")


#: A value that names an issue (by its id).
ISSUE = Doc("issue id")
#: A value that names an option of an issue (by its label, or number).
OPTION = Doc("option")
#: A value that names a side (by its id).
SIDE = Doc("side id")
#: A value that names a stakeholder (by its key).
KEY = Doc("stakeholder key")
#: A display name left out: the id.
NAME = absent("the id")

IssueId = Annotated[str, ISSUE]
SideId = Annotated[str, SIDE]
KeyText = Annotated[str, KEY]
#: An option as a deal names it: its label, or the number of a numeric option.
OptionText = Annotated[str | int | float, OPTION]
