"""Size limits of a case, checked on the parsed file before anything is expanded.

A short file can describe a huge case: ``options: {start: 0, stop: 100000000, step: 1}``
is one line and a hundred million options. :func:`check_limits` counts every list,
every range (from its start, stop and step, without listing it) and the deal space
(the product of the counts) and refuses a case above the caps below, each problem
with the path of the field. Validation and building run only on cases within them.

The caps are far above hand-written cases (the bundled ones have at most a few
dozen options and blocs) and keep every later step bounded in time and memory.
Enumerating the whole deal space has its own, lower limit
(:data:`leveltwo.engine.space.ENUMERATION_LIMIT`), checked by the commands that do it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from leveltwo.errors import Problem

#: Issues in a case, at most.
MAX_ISSUES = 100
#: Options of one issue (a list or a range), at most.
MAX_OPTIONS = 10_000
#: Constituencies of one side, at most.
MAX_CONSTITUENCIES = 200
#: Blocs in the whole case, at most.
MAX_BLOCS = 5_000
#: Stakeholders in the whole case (negotiators, constituencies and blocs), at most.
MAX_STAKEHOLDERS = 10_000
#: Entries of any other list (Level II offers, statements, keys they name...), at most.
MAX_LIST_ITEMS = 1_000
#: Deals in the deal space at most (deal indices are 64-bit integers).
MAX_DEAL_SPACE = 10**18


def _number(x: object) -> float | None:
    """A range bound as the option labels read it (numbers, or text ``float`` accepts)."""
    if isinstance(x, bool) or not isinstance(x, int | float | str):
        return None
    try:
        return float(x)
    except (ValueError, OverflowError):
        return None


def range_count(spec: Mapping[str, Any]) -> int | None:
    """How many options a range spec ``{start, stop, step}`` lists (None if malformed).

    A spec with a bound that is not finite counts as more than any cap.
    """
    numbers = [_number(spec.get("start")), _number(spec.get("stop")), _number(spec.get("step", 1))]
    if any(x is None for x in numbers):
        return None
    lo, hi, st = (float(x) for x in numbers)  # type: ignore[arg-type]
    if not all(math.isfinite(x) for x in (lo, hi, st)):
        return MAX_DEAL_SPACE
    if st <= 0:
        return None
    if hi < lo:
        return 0
    span = (hi - lo) / st
    if not math.isfinite(span) or span > MAX_DEAL_SPACE:
        return MAX_DEAL_SPACE
    return round(span + 1e-9) + 1


def _lists(data: Any, path: str = "") -> Iterator[tuple[str, int]]:
    """Every list in the data with its path and length (iteratively, any depth)."""
    stack: list[tuple[Any, str]] = [(data, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, Mapping):
            for k, v in node.items():
                stack.append((v, f"{where}.{k}" if where else str(k)))
        elif isinstance(node, list):
            yield where, len(node)
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(node))


def _too_many(path: str, cap: int, what: str, count: int) -> Problem:
    return Problem(path, f"at most {cap} {what}", f"{count}")


def option_counts(data: Mapping[str, Any]) -> list[tuple[str, int]]:
    """(path, count) of each issue's options, counting ranges without listing them."""
    out: list[tuple[str, int]] = []
    issues = data.get("issues")
    if not isinstance(issues, list):
        return out
    for i, issue in enumerate(issues):
        if not isinstance(issue, Mapping):
            continue
        options = issue.get("options")
        path = f"issues[{i}].options"
        if isinstance(options, list):
            out.append((path, len(options)))
        elif isinstance(options, Mapping):
            count = range_count(options)
            if count is not None:
                out.append((path, count))
    return out


def check_limits(data: Any) -> list[Problem]:
    """Every cap the parsed case exceeds (empty when it is within all of them)."""
    if not isinstance(data, Mapping):
        return []
    problems: list[Problem] = []
    issues = data.get("issues")
    if isinstance(issues, list) and len(issues) > MAX_ISSUES:
        problems.append(_too_many("issues", MAX_ISSUES, "issues", len(issues)))
    space = 1
    for path, count in option_counts(data):
        if count > MAX_OPTIONS:
            shown = f"{count}" if count < MAX_DEAL_SPACE else f"more than {MAX_DEAL_SPACE:.0e}"
            problems.append(Problem(path, f"at most {MAX_OPTIONS} options per issue", shown))
        space *= max(count, 1)
    if not problems and space > MAX_DEAL_SPACE:
        problems.append(
            Problem("issues", f"a deal space of at most {MAX_DEAL_SPACE:.0e} deals", f"{space}")
        )
    blocs = stakeholders = 0
    sides = data.get("sides")
    for si, side in enumerate(sides if isinstance(sides, list) else []):
        if not isinstance(side, Mapping):
            continue
        stakeholders += 1
        cons = side.get("constituencies")
        if not isinstance(cons, list):
            continue
        if len(cons) > MAX_CONSTITUENCIES:
            problems.append(
                _too_many(
                    f"sides[{si}].constituencies",
                    MAX_CONSTITUENCIES,
                    "constituencies per side",
                    len(cons),
                )
            )
        stakeholders += len(cons)
        for c in cons:
            if isinstance(c, Mapping) and isinstance(c.get("blocs"), list):
                blocs += len(c["blocs"])
    if blocs > MAX_BLOCS:
        problems.append(_too_many("sides", MAX_BLOCS, "blocs in a case", blocs))
    stakeholders += blocs
    if stakeholders > MAX_STAKEHOLDERS:
        problems.append(
            _too_many("sides", MAX_STAKEHOLDERS, "stakeholders in a case", stakeholders)
        )
    for path, length in _lists(data):
        is_options = path.startswith("issues[") and path.endswith(".options")
        is_counted = is_options or path.endswith(".blocs") or path.endswith("constituencies")
        if path in {"issues", "sides"} or is_counted:
            continue  # capped above
        if length > MAX_LIST_ITEMS:
            problems.append(_too_many(path, MAX_LIST_ITEMS, "entries in a list", length))
    return problems
