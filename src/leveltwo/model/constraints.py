"""Linked options: the ``constraints:`` block of a case file, and its frozen model.

Some combinations of options cannot be agreed: missiles "dismantled under
inspection" with "no verification" is not a deal anyone could sign. A case
lists such links; every analysis then leaves the infeasible deals out
(:mod:`leveltwo.engine.constraints` computes the mask). Three kinds::

    constraints:
      - option: {withdrawal: dismantled under inspection}
        excludes: {inspection: none}              # never together
      - option: {pledge: public pledge}
        requires: {quarantine: lifted on signature}   # only together
      - at_most_one:                              # no two of these together
          - {bases: withdrawn within six months}
          - {pledge: public pledge}

``option`` may name several issues (all of them must hold for the link to
apply); ``excludes`` and ``requires`` map an issue to one option or a list of
options (``requires: {inspection: [neutral observers, on-site verification]}``:
one of them). ``why`` (optional) says why, in words; it is shown wherever a
deal breaks the constraint.

A deal *satisfies* a constraint when:

- ``excludes``: it does not hold every ``option``, or it holds none of the
  excluded options;
- ``requires``: it does not hold every ``option``, or on every issue listed it
  holds one of the required options;
- ``at_most_one``: it holds at most one of the listed options.

A case with no constraints is the baseline: every deal is feasible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from leveltwo.errors import Problem
from leveltwo.model.fielddoc import OPTION, IssueId
from leveltwo.model.labels import option_label

Label = Annotated[str, BeforeValidator(option_label), OPTION]
#: issue id → one option, or a list of options (any of them)
OptionSet = dict[IssueId, list[Label] | Label]


class ConstraintFile(BaseModel):
    """One linked-options constraint as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    option: dict[IssueId, Label] | None = Field(
        default=None,
        description="The option the link starts from. Several issues: the link applies when "
        "the deal holds all of them.",
    )
    excludes: OptionSet | None = Field(
        default=None, description="With `option`, the deal holds none of these."
    )
    requires: OptionSet | None = Field(
        default=None,
        description="With `option`, the deal holds, on every issue listed, the option (or one "
        "of the options) given.",
    )
    at_most_one: list[dict[IssueId, Label]] | None = Field(
        default=None,
        description="Single-entry mappings issue id → option: the deal holds at most one of "
        "these options.",
    )
    why: str = Field(
        default="", description="Why, in words; shown wherever the constraint is listed."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> ConstraintFile:
        links = (self.excludes is not None) + (self.requires is not None)
        if self.at_most_one is not None:
            if links or self.option is not None:
                raise ValueError("either `at_most_one`, or `option` with `excludes` or `requires`")
            return self
        if self.option is None or links != 1:
            raise ValueError(
                "`option` with exactly one of `excludes` or `requires`, or `at_most_one`"
            )
        return self


class ConstraintKind(StrEnum):
    EXCLUDES = "excludes"
    REQUIRES = "requires"
    AT_MOST_ONE = "at_most_one"


#: (issue id, options): a deal holds it when its option on the issue is one of them.
Literal_ = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Constraint:
    """A link between options (see the module docstring for when a deal satisfies it).

    ``when``: the literals that must all hold for the link to apply (empty for
    ``at_most_one``); ``then``: the excluded or required literals, or the set
    of which at most one may hold.
    """

    kind: ConstraintKind
    when: tuple[Literal_, ...]
    then: tuple[Literal_, ...]
    why: str = ""

    def satisfied_by(self, labels: Mapping[str, str]) -> bool:
        """Whether a deal given as issue id → option label satisfies it."""

        def holds(lit: Literal_) -> bool:
            return labels.get(lit[0]) in lit[1]

        if self.kind is ConstraintKind.AT_MOST_ONE:
            return sum(holds(x) for x in self.then) <= 1
        if not all(holds(x) for x in self.when):
            return True
        if self.kind is ConstraintKind.EXCLUDES:
            return not any(holds(x) for x in self.then)
        return all(holds(x) for x in self.then)

    def describe(self) -> str:
        """The constraint in words: ``withdrawal = 'dismantled under inspection' excludes
        inspection = 'none'``."""

        def lit(x: Literal_) -> str:
            return f"{x[0]} = " + " or ".join(repr(o) for o in x[1])

        if self.kind is ConstraintKind.AT_MOST_ONE:
            text = "at most one of " + "; ".join(lit(x) for x in self.then)
        else:
            text = f"{' and '.join(lit(x) for x in self.when)} {self.kind.value} "
            joiner = " and " if self.kind is ConstraintKind.REQUIRES else "; nor "
            text += joiner.join(lit(x) for x in self.then)
        return f"{text} ({self.why})" if self.why else text


def _literals(spec: Mapping[str, Any]) -> tuple[Literal_, ...]:
    out = []
    for iid, opts in spec.items():
        items = opts if isinstance(opts, list) else [opts]
        out.append((str(iid), tuple(option_label(o) for o in items)))
    return tuple(out)


def constraints_of(files: Sequence[ConstraintFile]) -> tuple[Constraint, ...]:
    """The frozen constraints of validated file entries."""
    out = []
    for f in files:
        if f.at_most_one is not None:
            then = tuple(lit for item in f.at_most_one for lit in _literals(item))
            out.append(Constraint(ConstraintKind.AT_MOST_ONE, (), then, f.why))
        else:
            kind = ConstraintKind.EXCLUDES if f.excludes is not None else ConstraintKind.REQUIRES
            linked = f.excludes if f.excludes is not None else f.requires
            out.append(Constraint(kind, _literals(f.option or {}), _literals(linked or {}), f.why))
    return tuple(out)


def constraints_data(constraints: Sequence[Constraint]) -> list[dict[str, Any]] | None:
    """The constraints as plain case-file data (``None`` when there are none): the
    inverse of :func:`constraints_of`, for the case writer."""
    if not constraints:
        return None

    def options(lit: Literal_) -> str | list[str]:
        return lit[1][0] if len(lit[1]) == 1 else list(lit[1])

    out: list[dict[str, Any]] = []
    for c in constraints:
        entry: dict[str, Any]
        if c.kind is ConstraintKind.AT_MOST_ONE:
            entry = {"at_most_one": [{x[0]: options(x)} for x in c.then]}
        else:
            entry = {
                "option": {x[0]: options(x) for x in c.when},
                c.kind.value: {x[0]: options(x) for x in c.then},
            }
        if c.why:
            entry["why"] = c.why
        out.append(entry)
    return out


def check_constraints(raw: object, issues: Mapping[str, Sequence[str]]) -> list[Problem]:
    """Cross-reference problems of a raw ``constraints:`` list: unknown issues or options,
    an ``at_most_one`` entry that names more than one issue, a link to itself."""
    if not isinstance(raw, list):
        return []
    problems: list[Problem] = []

    def check_set(path: str, spec: object, lists: bool) -> None:
        if not isinstance(spec, Mapping):
            return
        if not spec:
            problems.append(Problem(path, "at least one issue id → option", "an empty mapping"))
        for iid, opts in spec.items():
            here = f"{path}.{iid}"
            if iid not in issues:
                problems.append(Problem(here, f"an issue id {sorted(issues)}", repr(iid)))
                continue
            items = opts if (lists and isinstance(opts, list)) else [opts]
            for k, opt in enumerate(items):
                label = option_label(opt)
                if label not in issues[iid]:
                    where = f"{here}[{k}]" if isinstance(opts, list) else here
                    problems.append(
                        Problem(where, f"an option of '{iid}' {list(issues[iid])}", repr(label))
                    )

    for ci, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            continue
        path = f"constraints[{ci}]"
        check_set(f"{path}.option", entry.get("option"), lists=False)
        for key in ("excludes", "requires"):
            check_set(f"{path}.{key}", entry.get(key), lists=True)
        option, excludes = entry.get("option"), entry.get("excludes")
        if isinstance(option, Mapping) and isinstance(excludes, Mapping):
            for iid, opt in option.items():
                ex = excludes.get(iid)
                items = ex if isinstance(ex, list) else [ex]
                if ex is not None and option_label(opt) in {option_label(x) for x in items}:
                    problems.append(
                        Problem(
                            f"{path}.excludes.{iid}",
                            "an option other than the one it starts from",
                            repr(option_label(opt)),
                        )
                    )
        many = entry.get("at_most_one")
        if isinstance(many, list):
            if len(many) < 2:
                problems.append(Problem(f"{path}.at_most_one", "at least two options", "fewer"))
            for k, item in enumerate(many):
                if isinstance(item, Mapping) and len(item) != 1:
                    problems.append(
                        Problem(
                            f"{path}.at_most_one[{k}]",
                            "one issue id → option",
                            f"{len(item)} entries",
                        )
                    )
                check_set(f"{path}.at_most_one[{k}]", item, lists=False)
    return problems
