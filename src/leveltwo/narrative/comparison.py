"""Which deals to compare, named the way a person asks for them.

A deal to compare (:func:`leveltwo.engine.compare.compare_deals`) is given as
one of the shorthands in :data:`SHORTHANDS`, or as ``ISSUE=OPTION`` terms
separated by commas or semicolons (``wages=9%, term=2 years``), each
overriding that issue of the case's proposal (a case without a proposal needs
every issue), matched as forgivingly as ``--deal`` elsewhere
(:mod:`leveltwo.model.dealargs`). A comma inside an option label
(``bonus=$2,500``) is kept: only a comma followed by another ``ISSUE=`` starts
a new term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from leveltwo.engine.compare import DealComparison, compare_deals
from leveltwo.engine.winsets import analyze_space
from leveltwo.errors import DealError, InputError, Problem
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal
from leveltwo.model.dealargs import parse_deal_args
from leveltwo.model.suggest import normalise
from leveltwo.strategies import plan
from leveltwo.strategies.planner import applied

#: The deals that can be named by a word, and what each is.
SHORTHANDS: dict[str, str] = {
    "proposal": "the case's proposal",
    "opening": "our opening position (the case's `opening`, else each issue's best option for us)",
    "best": "the deal with the highest expected value for us (as `leveltwo winsets` finds it)",
    "nash": "the risk-adjusted Nash deal (as `leveltwo winsets` finds it)",
    "plan": "the deal after the Level II plan (`leveltwo plan`), with all its moves applied: "
    "its terms, and the reservations, weights and rules the moves change",
}

#: Display names of the shorthands.
NAMES = {
    "proposal": "Proposal",
    "opening": "Our opening",
    "best": "Best for us",
    "nash": "Nash deal",
    "plan": "After the plan",
}

_TERM_SPLIT = re.compile(r"[,;](?=[^,;=]*=)")


def split_terms(spec: str) -> list[str]:
    """``"wages=9%, bonus=$2,500"`` → ``["wages=9%", "bonus=$2,500"]``."""
    return [t.strip() for t in _TERM_SPLIT.split(spec) if t.strip()]


def named_deal(case: Case, spec: str) -> tuple[str, Deal, Case | None]:
    """The (display name, deal, case to assess it in — None for ``case`` itself) that
    ``spec`` asks for (see the module docstring)."""
    word = normalise(spec)
    if word == "proposal":
        if case.proposal is None:
            raise DealError([Problem("--deal proposal", "a case with a proposal", "none")])
        return NAMES[word], case.proposal, None
    if word == "opening":
        return NAMES[word], case.opening_deal(), None
    if word in ("best", "nash"):
        space = analyze_space(case)
        if word == "best":
            return NAMES[word], space.best_deal.deal, None
        if space.nash_deal is None:
            raise InputError(
                [Problem("--deal nash", "a Nash deal", "none: no deal beats no deal for both")]
            )
        return NAMES[word], space.nash_deal.deal, None
    if word == "plan":
        start = case.proposal if case.proposal is not None else case.opening_deal()
        after = applied(case, plan(case, start, with_find_out=False).chosen, start)
        return NAMES[word], after.deal, after.case
    if "=" not in spec:
        raise DealError(
            [
                Problem(
                    "--deal",
                    f"one of {', '.join(SHORTHANDS)}, or ISSUE=OPTION terms",
                    repr(spec),
                )
            ]
        )
    return spec.strip(), parse_deal_args(case, split_terms(spec), base=case.proposal), None


def compare(case: Case, specs: Sequence[str]) -> DealComparison:
    """Compare the deals ``specs`` ask for (two to four; see the module docstring)."""
    problems: list[Problem] = []
    deals: list[tuple[str, Deal]] = []
    cases: list[Case | None] = []
    for spec in specs:
        try:
            name, deal, own = named_deal(case, spec)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        deals.append((name, deal))
        cases.append(own)
    if problems:
        raise DealError(problems)
    return compare_deals(case, deals, cases)
