"""Naming a deal in a URL: ``?choices=2,0,1`` (one option index per issue, in order)."""

from __future__ import annotations

from leveltwo import Case, Deal, DealError, Problem


def deal_param(case: Case, choices: str | None) -> Deal:
    """The deal named by ``choices``; by default the proposal, else our opening deal."""
    if not choices:
        return case.default_deal()
    parts = choices.split(",")
    if len(parts) != len(case.issues):
        raise DealError(
            [
                Problem(
                    "choices",
                    f"{len(case.issues)} option indices separated by commas (one per issue)",
                    repr(choices),
                )
            ]
        )
    out: list[int] = []
    problems: list[Problem] = []
    for issue, raw in zip(case.issues, parts, strict=True):
        try:
            k = int(raw)
        except ValueError:
            k = -1
        if not 0 <= k < len(issue.options):
            problems.append(
                Problem(
                    f"choices.{issue.id}",
                    f"an option index from 0 to {len(issue.options) - 1}",
                    repr(raw),
                )
            )
        out.append(k)
    if problems:
        raise DealError(problems)
    return Deal(tuple(out))


def choices_text(deal: Deal) -> str:
    return ",".join(str(c) for c in deal.choices)
