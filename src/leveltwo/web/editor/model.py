"""The form editor's model: every editable field of a case file, addressed by its path.

Each field's ``path`` is the path the validator uses in its problems
(``sides[1].constituencies[0].reservation``), so a problem lands next to the
field it concerns, in the validator's own words (the CLI's).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from leveltwo.errors import Problem
from leveltwo.model.fields import STAKEHOLDER_FIELDS, Held

Kind = Literal["text", "textarea", "number", "select", "lines", "values", "checkbox"]
Key = str | int

INHERIT = ""
MODES = (("", "—"), ("ascending", "ascending"), ("descending", "descending"), ("custom", "custom"))
POWERS = (("ratify", "ratify"), ("block", "block"), ("influence", "influence"))

#: A side's implementation risks in the file; each entry's fields are those
#: :class:`leveltwo.model.risks.ImplementationRiskFile` declares.
RISKS = "implementation_risks"
RISKS_NOTE = (
    "Chances that this side does not carry out a deal it ratified, whoever approves (a "
    "court strikes it down, an unwritten understanding is not honoured): each multiplies "
    "the side's implementation probability by 1 − its probability. Nothing else in the "
    "case names a risk, so renaming or removing one changes only that risk."
)

#: Fields of the file models that the form lays out by hand (a stakeholder's id, name,
#: blocs, and the fields leveltwo.model.fields declares on the stakeholder itself); any
#: other scalar field (the Level II move parameters, as the schema grows) is shown
#: generically, labelled with its words from leveltwo.model.fields.
HANDLED = {
    "id",
    "name",
    "blocs",
    *(f.name for f in STAKEHOLDER_FIELDS if f.held is Held.STAKEHOLDER),
}


def join(path: str, key: Key) -> str:
    """The validator's path syntax (see leveltwo.model.build.join)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def parent_path(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def text_of(x: object) -> str:
    """A value as a form shows it."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        short = f"{x:.10g}"
        return short if float(short) == x else repr(x)  # never a value the file does not hold
    return str(x)


def parse_number(raw: str) -> object:
    """A number from a form field; text that is not a number is kept for the validator."""
    s = raw.strip()
    try:
        x = float(s)
    except ValueError:
        return s
    if math.isfinite(x) and x.is_integer() and "." not in s and "e" not in s.lower():
        return int(x)
    return x


@dataclass
class Field:
    path: str
    keys: tuple[Key, ...]
    label: str
    kind: Kind
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    placeholder: str = ""
    required: bool = False
    options: list[Field] = field(default_factory=list)  # a values row: one per option
    errors: list[str] = field(default_factory=list)
    dom_id: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class PrefRow:
    issue: str
    issue_name: str
    weight: Field
    values: Field


@dataclass
class Group:
    path: str
    title: str
    kind: str
    fields: list[Field] = field(default_factory=list)
    prefs: list[PrefRow] = field(default_factory=list)
    prefs_note: str = ""
    groups: list[Group] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)  # (label, action)
    errors: list[str] = field(default_factory=list)
    dom_id: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(f.errors for f in self.all_fields())

    def all_fields(self) -> list[Field]:
        out = list(self.fields)
        for row in self.prefs:
            out += [row.weight, row.values, *row.values.options]
        for g in self.groups:
            out += g.all_fields()
        return out

    def all_groups(self) -> list[Group]:
        out = [self]
        for g in self.groups:
            out += g.all_groups()
        return out


@dataclass
class EditorForm:
    groups: list[Group]
    unplaced: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (message, dom id)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (message, dom id)

    def fields(self) -> list[Field]:
        return [f for g in self.groups for f in g.all_fields()]


def place_problems(
    form: EditorForm, problems: Sequence[Problem], *, warnings: bool = False
) -> None:
    """Attach each problem to the field (or group) it concerns; list all of them too.

    With ``warnings``, the problems are plausibility warnings (the case is valid):
    they go to the fields' and the form's ``warnings`` instead of their errors.
    """
    fields = {f.path: f for f in form.fields()}
    groups = {g.path: g for top in form.groups for g in top.all_groups() if g.path}
    for p in problems:
        path = p.path
        target_id = ""
        while True:
            if path in fields:
                f = fields[path]
                (f.warnings if warnings else f.errors).append(p.message())
                target_id = f.dom_id
                break
            if path in groups:
                g = groups[path]
                (g.warnings if warnings else g.errors).append(p.message())
                target_id = g.dom_id
                break
            if not path:
                if not warnings:
                    form.unplaced.append(p.message())
                break
            path = parent_path(path)
        (form.warnings if warnings else form.problems).append((p.message(), target_id))
