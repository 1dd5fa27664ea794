"""Stakeholder keys: the typed identity of a negotiator, a constituency or a bloc.

A stakeholder is named in a case by its qualified key, unique in the case:
``side.negotiator``, ``side.constituency`` or ``side.constituency.bloc``
(each part an id: a letter, then letters, digits, ``_`` or ``-``; a
constituency may not be called ``negotiator``). :class:`StakeholderKey` is that
key as a value: a ``str`` (so it is its own JSON, a dict key, equal to the
plain string and hashed like it) that has been checked once and answers what
its parts are, instead of every caller splitting it on ``.`` by hand::

    >>> key = StakeholderKey("union.members.senior")
    >>> key.side, key.constituency, key.bloc, key.kind.value
    ('union', 'members', 'senior', 'bloc')
    >>> key.parent                          # it prints as the plain string it is
    'union.members'
    >>> StakeholderKey.of("union")          # the side's negotiator
    'union.negotiator'

A malformed key is a :class:`~leveltwo.errors.CaseError` located at the path
given to :meth:`StakeholderKey.parse`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Self, TypeGuard

from leveltwo.errors import CaseError, Problem

if TYPE_CHECKING:  # pydantic is needed only where a case file is validated
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

#: The id of every side's negotiator (reserved: no constituency may take it).
NEGOTIATOR_ID = "negotiator"

#: What an id of a side, constituency or bloc looks like (as the case-file schema says).
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")

#: How a valid key reads, in an error message.
EXPECTED = (
    "a stakeholder key 'side.negotiator', 'side.constituency' or 'side.constituency.bloc' "
    "(each part a letter, then letters, digits, '_' or '-')"
)

#: How a key is described in the JSON Schema of case files.
DESCRIPTION = (
    "A stakeholder key: 'side.negotiator', 'side.constituency' or 'side.constituency.bloc'."
)


class KeyKind(StrEnum):
    """What a key names."""

    NEGOTIATOR = "negotiator"
    CONSTITUENCY = "constituency"
    BLOC = "bloc"


class StakeholderKey(str):
    """A checked stakeholder key (see the module docstring)."""

    __slots__ = ()

    def __new__(cls, text: str) -> Self:
        if type(text) is cls:
            return text
        if not is_key(text):
            raise CaseError([Problem("", EXPECTED, repr(text))])
        return super().__new__(cls, text)

    @classmethod
    def parse(cls, text: object, path: str = "") -> Self:
        """``text`` as a key; a :class:`CaseError` located at ``path`` when it is not one."""
        if not isinstance(text, str) or not is_key(text):
            raise CaseError([Problem(path, EXPECTED, repr(text))])
        return cls(text)

    @classmethod
    def of(cls, side: str, constituency: str | None = None, bloc: str | None = None) -> Self:
        """The key of ``side``'s negotiator, of one of its constituencies, or of a bloc."""
        if bloc is not None and constituency is None:
            raise ValueError("a bloc belongs to a constituency")
        parts = [side, constituency or NEGOTIATOR_ID] + ([bloc] if bloc is not None else [])
        return cls(".".join(parts))

    # ---- as a field of the case-file schema (model/schema.py) ----------------
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            cls._from_file, core_schema.str_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        out = handler(schema)
        out["description"] = DESCRIPTION
        return out

    @classmethod
    def _from_file(cls, text: str) -> Self:
        if not is_key(text):
            raise ValueError(EXPECTED)
        return cls(text)

    @property
    def parts(self) -> tuple[str, ...]:
        """The ids the key is made of: two, or three for a bloc."""
        return tuple(self.split("."))

    @property
    def side(self) -> str:
        """The id of the side the stakeholder belongs to."""
        return self.partition(".")[0]

    @property
    def member(self) -> str:
        """The second part: ``negotiator`` or the constituency's id."""
        return self.parts[1]

    @property
    def constituency(self) -> str | None:
        """The id of the constituency (of a bloc, its constituency's); None for a negotiator."""
        member = self.member
        return None if member == NEGOTIATOR_ID else member

    @property
    def bloc(self) -> str | None:
        """The bloc's id; None unless the key names a bloc."""
        parts = self.parts
        return parts[2] if len(parts) == 3 else None

    @property
    def kind(self) -> KeyKind:
        """Whether the key names a negotiator, a constituency or a bloc."""
        parts = self.parts
        if len(parts) == 3:
            return KeyKind.BLOC
        return KeyKind.NEGOTIATOR if parts[1] == NEGOTIATOR_ID else KeyKind.CONSTITUENCY

    @property
    def is_bloc(self) -> bool:
        return self.count(".") == 2

    @property
    def parent(self) -> StakeholderKey | None:
        """A bloc's constituency; None for a negotiator or a constituency."""
        if not self.is_bloc:
            return None
        return StakeholderKey(self.rpartition(".")[0])

    @property
    def top(self) -> StakeholderKey:
        """The negotiator or constituency the key belongs to: itself unless it is a bloc."""
        return self.parent or self

    def child(self, bloc: str) -> StakeholderKey:
        """The key of bloc ``bloc`` of this constituency."""
        if self.kind is not KeyKind.CONSTITUENCY:
            raise ValueError(f"only a constituency has blocs, not {str(self)!r}")
        return StakeholderKey(f"{self}.{bloc}")

    def includes(self, other: str) -> bool:
        """Whether ``other`` is this stakeholder or one of its blocs."""
        return other == self or other.startswith(f"{self}.")

    def belongs_to(self, side: str) -> bool:
        """Whether the stakeholder is one of side ``side``'s."""
        return self.side == side


def is_key(text: object) -> TypeGuard[str]:
    """Whether ``text`` is a well-formed stakeholder key (it need not name anyone)."""
    if not isinstance(text, str):
        return False
    parts = text.split(".")
    if len(parts) not in (2, 3) or not all(ID_PATTERN.fullmatch(p) for p in parts):
        return False
    return len(parts) == 2 or parts[1] != NEGOTIATOR_ID
