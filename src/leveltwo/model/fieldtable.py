"""The field tables of the docs, generated from the declarations that validate the fields.

Every block of a case file is one pydantic model (:mod:`leveltwo.model.schema` and
the modules of its blocks); each field carries its type, bounds, default and
``description``, and what its type cannot say (what a value names, what an
absent field means) as a :class:`~leveltwo.model.fielddoc.Doc`. The
per-stakeholder Level II fields are declared in :mod:`leveltwo.model.fields`.
This module turns those declarations into the markdown tables of
docs/case-format.md and docs/strategies.md, so a table cannot disagree with
what the tool accepts.

A generated table sits between two comment lines::

    <!-- generated: leveltwo.model.fieldtable NAME -->
    | field | type | default | meaning |
    ...
    <!-- end generated -->

``NAME`` is one of :data:`TABLES`. A test checks every such block is what
:func:`render` gives now; ``python -m leveltwo.model.fieldtable --write FILE ...``
rewrites the blocks of the files in place (``--check``: exit 1 naming the stale
ones).

Docs and the web editor's help texts only: nothing on the way from a file to a verdict
imports this module.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from leveltwo.model import bargaining, constraints, correlation, fitted, influence, money, risks
from leveltwo.model import schema as s
from leveltwo.model.case import Category, Signal
from leveltwo.model.fielddoc import Doc, absent_words
from leveltwo.model.fields import FIELDS, LEVEL2_FILE_FIELDS, Held, Inherit, Robustness
from leveltwo.model.keys import ID_REGEX, StakeholderKey


# ---------------------------------------------------------------------------
# markdown
def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A markdown table (a ``|`` inside a cell is escaped), ending with a newline."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# the blocks of a case file
@dataclass(frozen=True)
class Block:
    """A block of the case file: its model, its name in the docs and its section there."""

    model: type[BaseModel]
    #: One entry, and several ("issue", "issues").
    one: str
    many: str
    #: Its section of docs/case-format.md ("#issues"; "": none, not linked).
    anchor: str = ""

    def words(self, plural: bool = False) -> str:
        text = self.many if plural else self.one
        return f"[{text}]({self.anchor})" if self.anchor else text


#: Each generated table by name (the ``NAME`` of a generated block).
BLOCKS: dict[str, Block] = {
    "case": Block(s.CaseFile, "case", "cases"),
    "issue": Block(s.IssueFile, "issue", "issues", "#issues"),
    "range": Block(s.OptionRange, "numeric range", "numeric ranges", "#issues"),
    "side": Block(s.SideFile, "side", "sides", "#sides"),
    "implementation_risk": Block(
        risks.ImplementationRiskFile,
        "implementation risk",
        "implementation risks",
        "#implementation-risks",
    ),
    "negotiator": Block(s.NegotiatorFile, "negotiator", "negotiators", "#negotiator"),
    "constituency": Block(s.ConstituencyFile, "constituency", "constituencies", "#constituencies"),
    "bloc": Block(s.BlocFile, "bloc", "blocs", "#blocs-and-inheritance"),
    "factor": Block(correlation.FactorFile, "factor", "factors", "#factors-and-influence"),
    "influence": Block(influence.InfluenceFile, "link", "links", "#factors-and-influence"),
    "win_over": Block(
        influence.WinOverFile, "`{shift, cost}`", "`{shift, cost}`", "#factors-and-influence"
    ),
    "fitted_note": Block(fitted.FittedNoteFile, "note", "notes", "#fitted-inputs"),
    "bargaining": Block(bargaining.BargainingFile, "mapping", "mappings", "#bargaining"),
    "constraint": Block(
        constraints.ConstraintFile, "constraint", "constraints", "#linked-options-constraints"
    ),
    "money": Block(money.MoneyFile, "mapping", "mappings", "#money"),
    "level2": Block(s.Level2File, "mapping", "mappings", "#level-ii-parameters"),
    "offer": Block(s.OfferFile, "compensation entry", "compensation entries"),
    "process_term": Block(s.ProcessTermFile, "process term", "process terms"),
    "third_party": Block(s.ThirdPartyFile, "third party", "third parties"),
    "statement": Block(s.StatementFile, "statement", "statements"),
    "rule_change": Block(s.RuleChangeFile, "rule change", "rule changes"),
}
_BY_MODEL: dict[type[BaseModel], Block] = {b.model: b for b in BLOCKS.values()}

#: The file models that carry the stakeholder fields of :mod:`leveltwo.model.fields`.
STAKEHOLDER_MODELS = (s.NegotiatorFile, s.ConstituencyFile, s.BlocFile)

#: Enumerations too long to list in a cell, by what they are.
_ENUM_WORDS: dict[type[Enum], tuple[str, str]] = {
    Category: ("move category", "move categories"),
    Signal: ("signal", "signals"),
}


# ---------------------------------------------------------------------------
# types in words
def _number(x: float) -> str:
    text = str(int(x)) if float(x).is_integer() else f"{x:g}"
    return text.replace("-", "−")


def _constraints(meta: Sequence[object]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in meta:
        if isinstance(m, FieldInfo):
            out.update(_constraints(m.metadata))
            continue
        for attr in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(m, attr, None)
            if value is not None:
                out[attr] = value
    return out


def _bounds(c: dict[str, Any], kind: type | None) -> str:
    low = ("[", c["ge"]) if "ge" in c else ("(", c["gt"]) if "gt" in c else None
    high = ("]", c["le"]) if "le" in c else (")", c["lt"]) if "lt" in c else None
    if low and high:
        if kind is int:
            return f" {_number(low[1])} … {_number(high[1])}"
        return f" in {low[0]}{_number(low[1])}, {_number(high[1])}{high[0]}"
    if low:
        return f" {'≥' if low[0] == '[' else '>'} {_number(low[1])}"
    if high:
        return f" {'≤' if high[0] == ']' else '<'} {_number(high[1])}"
    lo, hi = c.get("min_length"), c.get("max_length")
    unit = " characters" if kind is str else ""
    if lo is not None and lo == hi:
        return f", exactly {lo}{unit}"
    if lo is not None and hi is not None:
        return f", {lo} … {hi}{unit}"
    if lo is not None:
        return f", at least {lo}{unit}"
    if hi is not None:
        return f", at most {hi}{unit}"
    return ""


def _listing(values: Sequence[object]) -> str:
    shown = [f"`{v.value if isinstance(v, Enum) else v}`" for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _plural(words: str) -> str:
    if words.startswith("mapping "):
        return "mappings" + words.removeprefix("mapping")
    if re.fullmatch(r"[a-z ]+", words):
        return words[:-1] + "ies" if re.search(r"[^aeiou]y$", words) else words + "s"
    return words


def _peel(tp: Any, meta: Sequence[object] = ()) -> tuple[Any, tuple[object, ...]]:
    """The type inside any ``Annotated`` layers, and their metadata."""
    out = tuple(meta)
    while typing.get_origin(tp) is Annotated:
        tp, *more = typing.get_args(tp)
        out += tuple(more)
    return tp, out


def _members(tp: Any) -> list[Any]:
    """The members of a union other than None (``[tp]`` for anything else)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(tp) if a is not type(None)]
    return [tp]


def type_words(tp: Any, meta: Sequence[object] = (), plural: bool = False) -> str:
    """The type ``tp`` (with its metadata ``meta``) in words, bounds included."""
    tp, meta = _peel(tp, meta)
    members = _members(tp)
    if len(members) == 1 and members[0] is not tp:  # an optional type: absence is the default
        return type_words(members[0], meta, plural)
    doc = next((m.words for m in meta if isinstance(m, Doc) and m.words), "")
    c = _constraints(meta)
    bounds = _bounds(c, tp if isinstance(tp, type) else None)
    if doc:
        return (_plural(doc) if plural else doc) + bounds
    if c.get("pattern") == ID_REGEX:
        return ("ids" if plural else "id") + bounds
    if len(members) > 1:
        if set(members) <= {str, int, float}:
            words = "label" if str in members else "number"
            return (_plural(words) if plural else words) + bounds
        return ", or ".join(type_words(m, plural=plural) for m in members) + bounds
    return _bare(members[0], plural) + bounds


def _bare(tp: Any, plural: bool) -> str:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        return "list of " + type_words(args[0], plural=True)
    if origin is dict:
        return f"mapping{'s' if plural else ''} {type_words(args[0])} → {type_words(args[1])}"
    if origin is Literal:
        return _listing(args)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        block = _BY_MODEL.get(tp)
        if block is None:
            raise ValueError(f"{tp.__name__} is not a block of leveltwo.model.fieldtable")
        return block.words(plural)
    if isinstance(tp, type) and issubclass(tp, Enum):
        if tp in _ENUM_WORDS:
            return _ENUM_WORDS[tp][plural]
        return _listing(list(tp))
    simple = {
        float: ("number", "numbers"),
        int: ("integer", "integers"),
        str: ("string", "strings"),
        bool: ("boolean", "booleans"),
        StakeholderKey: ("stakeholder key", "stakeholder keys"),
    }
    if tp in simple:
        return simple[tp][plural]
    raise ValueError(f"no words for the type {tp!r}")


# ---------------------------------------------------------------------------
# defaults in words
def _value_words(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, Enum):
        return f"`{value.value}`"
    if isinstance(value, int | float):
        return f"`{_number(value)}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, list | tuple | dict) and not value:
        return "`[]`" if isinstance(value, list | tuple) else "`{}`"
    return f"`{value}`"


def default_words(model: type[BaseModel], name: str) -> str:
    """What leaving the field ``name`` of ``model`` out means, in words."""
    info = model.model_fields[name]
    said = absent_words(info.metadata)
    if said:
        return said
    if info.is_required():
        return "**required**"
    if model is s.BlocFile and name in FIELDS and FIELDS[name].inherit is not Inherit.NO:
        return "inherited issue by issue" if FIELDS[name].inherit is Inherit.BY_KEY else "inherited"
    return _value_words(info.get_default(call_default_factory=True))


# ---------------------------------------------------------------------------
# the tables
FIELD_HEADER = ("field", "type", "default", "meaning and constraints")


def _is_level2(model: type[BaseModel], name: str) -> bool:
    return (
        model in STAKEHOLDER_MODELS and name in FIELDS and FIELDS[name].held is not Held.STAKEHOLDER
    )


def field_rows(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """One row per field of ``model``: field, type, default, meaning.

    On a negotiator, constituency or bloc, the Level II fields are one row that points
    to their own table (:func:`level2_table`)."""
    rows: list[tuple[str, str, str, str]] = []
    level2: list[str] = []
    for name, info in model.model_fields.items():
        if _is_level2(model, name):
            level2.append(name)
            continue
        words = type_words(info.annotation, info.metadata)
        rows.append((f"`{name}`", words, default_words(model, name), info.description or ""))
    if level2:
        default = "inherited" if model is s.BlocFile else ""
        names = ", ".join(f"`{n}`" for n in level2)
        see = "See [Level II parameters](#level-ii-parameters)."
        rows.append(("Level II fields", "", default, f"{names}. {see}"))
    return rows


def field_table(model: type[BaseModel]) -> str:
    """The table of one block of the case file (as in docs/case-format.md)."""
    return markdown_table(FIELD_HEADER, field_rows(model))


def _stakeholder_type(name: str) -> str:
    """The type of a stakeholder field in words, from the first file model that carries it."""
    model = next(m for m in STAKEHOLDER_MODELS if name in m.model_fields)
    info = model.model_fields[name]
    return type_words(info.annotation, info.metadata)


def level2_table() -> str:
    """The table of the per-stakeholder Level II fields (:mod:`leveltwo.model.fields`)."""
    bloc = {Inherit.WHOLE: "inherited", Inherit.BY_KEY: "inherited by key", Inherit.NO: "own"}
    robust = {
        Robustness.NO: "—",
        Robustness.SCALE: "× 0.5 … 1.5",
        Robustness.SCALE_ALL: "all × 0.5 … 1.5",
    }
    rows = [
        (
            f"`{f.name}`",
            _stakeholder_type(f.name),
            _value_words(f.default),
            bloc[f.inherit],
            robust[f.robustness],
            ", ".join(f.used_by) or "—",
            f.description,
        )
        for f in LEVEL2_FILE_FIELDS
    ]
    header = ("field", "type", "default", "on a bloc", "robustness", "used by", "meaning")
    return markdown_table(header, rows)


def _block_table(name: str) -> Callable[[], str]:
    return lambda: field_table(BLOCKS[name].model)


#: Every table a generated block may name.
TABLES: dict[str, Callable[[], str]] = {
    "level2_params": level2_table,
    **{name: _block_table(name) for name in BLOCKS},
}


def render(name: str) -> str:
    """The table called ``name`` (a :class:`KeyError` naming the tables when none is)."""
    if name not in TABLES:
        raise KeyError(f"no generated table {name!r}; the tables are {sorted(TABLES)}")
    return TABLES[name]()


# ---------------------------------------------------------------------------
# generated blocks in a page
BEGIN = "<!-- generated: leveltwo.model.fieldtable {name} -->"
END = "<!-- end generated -->"
_BLOCK = re.compile(
    r"^<!-- generated: leveltwo\.model\.fieldtable (?P<name>\S+) -->\n(?P<body>.*?)^"
    + re.escape(END),
    re.MULTILINE | re.DOTALL,
)


def blocks(text: str) -> Iterator[tuple[str, str]]:
    """The generated blocks of a page: (table name, what the page holds)."""
    for m in _BLOCK.finditer(text):
        yield m.group("name"), m.group("body")


def regenerate(text: str) -> str:
    """``text`` with every generated block replaced by its table as it is now."""
    opened = text.count("<!-- generated: leveltwo.model.fieldtable ")
    found = list(_BLOCK.finditer(text))
    if len(found) != opened:
        raise ValueError(f"{opened} generated blocks open, {len(found)} end with {END!r}")
    return _BLOCK.sub(lambda m: BEGIN.format(name=m["name"]) + "\n" + render(m["name"]) + END, text)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m leveltwo.model.fieldtable [--write | --check] FILE ...``"""
    args = list(sys.argv[1:] if argv is None else argv)
    write = "--write" in args
    paths = [Path(a) for a in args if a not in ("--write", "--check")]
    if not paths:
        print(
            "usage: python -m leveltwo.model.fieldtable [--write | --check] FILE ...",
            file=sys.stderr,
        )
        return 2
    stale = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        new = regenerate(text)
        if new == text:
            continue
        if write:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote the generated tables of {path}")
        else:
            stale.append(str(path))
    for name in stale:
        print(f"{name}: generated tables are stale (rewrite them with --write)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
