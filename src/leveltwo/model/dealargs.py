"""A deal from ``ISSUE=OPTION`` strings typed by a person (the CLI's ``--deal``).

ISSUE is an issue's id or its name; OPTION is one of its option labels. Both
are matched forgivingly, in this order, and the first rule that finds exactly
one candidate wins:

1. exactly as written;
2. ignoring case and runs of spaces (``Wages=9%``, ``contract length=2 YEARS``);
3. for options, also ignoring the signs a number is dressed in — ``%``,
   currency signs, thousands separators (``wages=9`` is ``9%``,
   ``bonus=2500`` is ``$2,500``);
4. for options, a bare number names the option whose label starts with it
   (``term=3`` is ``3 years``);
5. for options, the start of exactly one label names it
   (``overtime=voluntary`` is ``voluntary only``).

When nothing matches, or a rule finds two candidates, the problem names what
was expected and, when one is close, suggests it ("did you mean"; see
:mod:`leveltwo.model.suggest`). Every problem of every argument is reported
at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from leveltwo.errors import DealError, Problem
from leveltwo.model.build import deal_from_labels
from leveltwo.model.case import Case, Issue
from leveltwo.model.deal import Deal
from leveltwo.model.suggest import bare, did_you_mean, normalise


def _match(typed: str, names: Sequence[str], rules: Sequence[Callable[[str], str]]) -> list[int]:
    """Indices of ``names`` matched by the first rule that matches any (see module doc)."""
    for rule in rules:
        key = rule(typed)
        hits = [k for k, n in enumerate(names) if rule(n) == key]
        if hits:
            return hits
    return []


def _same(text: str) -> str:
    return text


_LEADING_NUMBER = re.compile(r"^[$€£¥]?(\d+(?:\.\d+)?)")


def _leading_number(text: str) -> str:
    """The number a label starts with (``3 years`` → ``3``); a typed bare number is itself;
    anything else matches nothing."""
    b = bare(text)
    m = _LEADING_NUMBER.match(b)
    return m.group(1) if m else "\0" + b


def _option_rules(typed: str) -> tuple[Callable[[str], str], ...]:
    """The matching rules for a typed option; rule 4 only for a bare number."""
    rules: tuple[Callable[[str], str], ...] = (_same, normalise, bare)
    return (*rules, _leading_number) if _NUMBER.fullmatch(bare(typed)) else rules


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def find_issue(case: Case, typed: str) -> Issue | Problem:
    """The issue ``typed`` names (by id, then by name), or the problem to report."""
    ids = [i.id for i in case.issues]
    names = [i.name for i in case.issues]
    for candidates in (ids, names):
        hits = _match(typed, candidates, (_same, normalise))
        if len(set(hits)) == 1:
            return case.issues[hits[0]]
    return Problem(
        f"deal.{typed}",
        f"an issue id or name {sorted(ids)}",
        repr(typed),
        suggestion=did_you_mean(typed, [*ids, *names]),
    )


def find_option(issue: Issue, typed: str) -> str | Problem:
    """The option label of ``issue`` that ``typed`` names, or the problem to report."""
    options = list(issue.options)
    hits = _match(typed, options, _option_rules(typed))
    if not hits and normalise(typed):
        hits = [k for k, o in enumerate(options) if normalise(o).startswith(normalise(typed))]
        hits = hits if len(hits) == 1 else []
    if len(hits) == 1:
        return options[hits[0]]
    path = f"deal.{issue.id}"
    if len(hits) > 1:
        found = f"{typed!r}, which could be any of {[options[k] for k in hits]}"
        return Problem(path, f"exactly one option of '{issue.id}' {options}", found)
    return Problem(
        path, f"an option of '{issue.id}' {options}", repr(typed), suggestion=_hint(typed, options)
    )


def _number(text: str) -> float | None:
    m = _LEADING_NUMBER.match(bare(text))
    return float(m.group(1)) if m else None


def _hint(typed: str, options: Sequence[str]) -> str | None:
    """Did you mean: for a number, the option nearest in value (ties: the first); else
    the nearest spelling."""
    x = _number(typed)
    if x is not None:
        numbered = [(abs(v - x), k) for k, o in enumerate(options) if (v := _number(o)) is not None]
        if numbered:
            return options[min(numbered)[1]]
    return did_you_mean(typed, options)


def parse_deal_args(case: Case, args: Sequence[str], base: Deal | None = None) -> Deal:
    """A deal from ``ISSUE=OPTION`` strings; issues not named come from ``base`` if given.

    Raise :class:`~leveltwo.errors.DealError` with every problem (see the module doc).
    """
    labels: dict[str, object] = dict(case.deal_labels(base)) if base is not None else {}
    problems: list[Problem] = []
    for k, arg in enumerate(args):
        if "=" not in arg:
            problems.append(Problem(f"--deal[{k}]", "ISSUE=OPTION", repr(arg)))
            continue
        typed_issue, _, typed_option = arg.partition("=")
        issue = find_issue(case, typed_issue.strip())
        if isinstance(issue, Problem):
            problems.append(issue)
            continue
        option = find_option(issue, typed_option.strip())
        if isinstance(option, Problem):
            problems.append(option)
            continue
        labels[issue.id] = option
    if problems:
        raise DealError(problems)
    return deal_from_labels(case.issues, labels, "deal")
