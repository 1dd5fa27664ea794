"""GENIUS XML domains and profiles (the ANAC format), read with GENIUS's own conventions.

A GENIUS *domain* file (root ``<negotiation_template>``) lists the issues of a
negotiation: ``<utility_space>`` → ``<objective>`` → ``<issue>`` with either
``<item value=…>`` children (a discrete issue) or ``lowerbound``/``upperbound``
attributes (an integer issue). A *profile* (root ``<utility_space>``) repeats
the issues with an ``evaluation`` on every item or a linear ``<evaluator>``,
adds a ``<weight index value>`` per issue, and optionally ``<reservation
value>`` and ``<discount_factor value>``.

Reading follows GENIUS's own code (``genius.core.utility``), so a profile
means here what it means in GENIUS:

- a discrete option is worth its evaluation divided by the issue's highest
  evaluation (``EvaluatorDiscrete.normalize``; an issue whose highest
  evaluation is below 1e-5 is worth 0 everywhere);
- an integer option x is worth clamp(slope · (x − lowerbound) + offset, 0, 1)
  (``EvaluatorInteger.getEvaluation``);
- a deal is worth Σ weight · value with the weights as written
  (``AdditiveUtilitySpace.getUtility``, which caps the sum at 1).

Real-valued issues and nested objectives are refused with a located problem.
XML is parsed with expat, refusing any DTD or entity declaration (so no entity
expansion and no external entities), with a size limit; every problem names
the element path, what was expected, what was found, and the line and column.

Writing goes the other way: :mod:`leveltwo.io.genius_export`.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NoReturn
from xml.etree import ElementTree as ET

from leveltwo.errors import InputError, Problem
from leveltwo.io.xmlsafe import XmlDocument, parse_xml
from leveltwo.model.labels import format_number

#: An integer issue with more options than this is refused (coarsen it first).
MAX_INTEGER_OPTIONS = 1000
#: ``EvaluatorDiscrete.normalize``: a highest evaluation below this makes the issue worth 0.
GENIUS_ZERO = 0.00001

DOMAIN_ROOT = "negotiation_template"
PROFILE_ROOT = "utility_space"


class IssueKind(StrEnum):
    """The GENIUS issue types leveltwo reads."""

    DISCRETE = "discrete"
    INTEGER = "integer"


@dataclass(frozen=True)
class GeniusIssue:
    """One issue of a GENIUS domain, its options as leveltwo labels."""

    index: int
    name: str
    kind: IssueKind
    options: tuple[str, ...]
    description: str = ""
    lower: int = 0
    upper: int = 0


@dataclass(frozen=True)
class GeniusDomain:
    """The issues of a GENIUS domain file."""

    name: str
    issues: tuple[GeniusIssue, ...]
    source: str


@dataclass(frozen=True)
class GeniusProfile:
    """A GENIUS profile, read with GENIUS's conventions, aligned with its domain's issues.

    ``weights`` are as written in the file; ``values[i][j]`` is option j of issue i
    worth in GENIUS (in [0, 1]); the utility of a deal is Σ weights · values.
    """

    source: str
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    reservation: float | None = None
    discount: float | None = None
    notes: tuple[str, ...] = ()

    def utility(self, choices: Sequence[int]) -> float:
        """GENIUS's utility of a deal given as option indices (before GENIUS's cap at 1)."""
        return float(
            sum(w * v[c] for w, v, c in zip(self.weights, self.values, choices, strict=True))
        )


# ---------------------------------------------------------------------------
# reading helpers
class _Reader:
    """Walks a document collecting every problem with its element path."""

    def __init__(self, doc: XmlDocument, source: str) -> None:
        self.doc = doc
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: str, expected: str, found: str, at: ET.Element | None) -> None:
        self.problems.append(self.doc.problem(path, expected, found, at))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems, self.source)

    def fail(self, path: str, expected: str, found: str, at: ET.Element | None) -> NoReturn:
        """Add a problem and raise with every problem so far."""
        self.add(path, expected, found, at)
        raise InputError(self.problems, self.source)

    def children(self, parent: ET.Element, path: str, tag: str) -> list[tuple[str, ET.Element]]:
        """Children with a tag, each with its path (``parent/tag[k]``, 1-based)."""
        found = [c for c in parent if c.tag == tag]
        return [(f"{path}/{tag}[{k}]", c) for k, c in enumerate(found, start=1)]

    def number(
        self, el: ET.Element, path: str, attr: str, *, required: bool = True
    ) -> float | None:
        raw = el.get(attr)
        if raw is None:
            if required:
                self.add(f"{path}/@{attr}", "a number", "nothing", el)
            return None
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.add(f"{path}/@{attr}", "a number", repr(raw), el)
            return None
        return value

    def integer(self, el: ET.Element, path: str, attr: str) -> int | None:
        raw = el.get(attr)
        try:
            return int((raw or "").strip())
        except ValueError:
            self.add(f"{path}/@{attr}", "an integer", "nothing" if raw is None else repr(raw), el)
            return None

    def objective(self, root: ET.Element, path: str) -> tuple[str, ET.Element]:
        """The one flat ``<objective>`` under ``root`` (else raise with every problem so far)."""
        objectives = self.children(root, path, "objective")
        if len(objectives) != 1:
            self.fail(
                f"{path}/objective",
                "exactly one <objective> holding the issues",
                f"{len(objectives)}",
                root,
            )
        opath, objective = objectives[0]
        nested = self.children(objective, opath, "objective")
        if nested:
            self.add(
                nested[0][0],
                "issues directly under the objective (nested objectives are not supported)",
                "a nested <objective>",
                nested[0][1],
            )
        self.raise_if_any()
        return opath, objective


def _kind(el: ET.Element) -> str:
    """The issue type GENIUS would use: ``type``, else ``etype``, else ``vtype``, else discrete."""
    for attr in ("type", "etype", "vtype"):
        value = el.get(attr)
        if value:
            return value.strip().lower()
    return IssueKind.DISCRETE.value


# ---------------------------------------------------------------------------
# domains
def read_domain(data: bytes, source: str) -> GeniusDomain:
    """Read a GENIUS domain file (a profile file also works: it repeats the issues)."""
    doc = parse_xml(data, source)
    r = _Reader(doc, source)
    path, space = doc.root.tag, doc.root
    if space.tag == DOMAIN_ROOT:
        spaces = r.children(space, path, PROFILE_ROOT)
        if not spaces:
            r.fail(f"{path}/{PROFILE_ROOT}", "a <utility_space> element", "nothing", space)
        path, space = spaces[0]
    elif space.tag != PROFILE_ROOT:
        r.fail(path, f"a GENIUS domain (root <{DOMAIN_ROOT}>)", f"<{space.tag}>", space)
    opath, objective = r.objective(space, path)
    issues: list[GeniusIssue] = []
    seen_index: set[int] = set()
    seen_name: set[str] = set()
    elements = r.children(objective, opath, "issue")
    if not elements:
        r.add(f"{opath}/issue", "at least one <issue>", "none", objective)
    for ipath, el in elements:
        issue = _domain_issue(r, ipath, el)
        if issue is None:
            continue
        if issue.index in seen_index:
            r.add(f"{ipath}/@index", "an index not used by another issue", str(issue.index), el)
        if issue.name in seen_name:
            r.add(f"{ipath}/@name", "a name not used by another issue", repr(issue.name), el)
        seen_index.add(issue.index)
        seen_name.add(issue.name)
        issues.append(issue)
    r.raise_if_any()
    name = objective.get("name") or ""
    return GeniusDomain(name.strip(), tuple(issues), source)


def _domain_issue(r: _Reader, path: str, el: ET.Element) -> GeniusIssue | None:
    index = r.integer(el, path, "index")
    name = (el.get("name") or "").strip()
    if not name:
        r.add(f"{path}/@name", "an issue name", "nothing", el)
    kind = _kind(el)
    description = (el.get("description") or "").strip()
    if kind == IssueKind.DISCRETE:
        labels: list[str] = []
        items = r.children(el, path, "item")
        if not items:
            r.add(f"{path}/item", "at least one <item value=…>", "none", el)
        for item_path, item in items:
            value = item.get("value")
            if value is None:
                r.add(f"{item_path}/@value", "the option's label", "nothing", item)
            elif value in labels:
                r.add(
                    f"{item_path}/@value",
                    "a label not used before in this issue",
                    repr(value),
                    item,
                )
            else:
                labels.append(value)
        if index is None or not name or len(labels) != len(items):
            return None
        return GeniusIssue(index, name, IssueKind.DISCRETE, tuple(labels), description)
    if kind == IssueKind.INTEGER:
        lower = r.integer(el, path, "lowerbound")
        upper = r.integer(el, path, "upperbound")
        if lower is None or upper is None or index is None or not name:
            return None
        if upper < lower:
            r.add(f"{path}/@upperbound", f"a bound ≥ lowerbound {lower}", str(upper), el)
            return None
        if upper - lower + 1 > MAX_INTEGER_OPTIONS:
            r.add(
                path,
                f"an integer issue of at most {MAX_INTEGER_OPTIONS} values (coarsen it)",
                f"{upper - lower + 1} values",
                el,
            )
            return None
        labels = [str(x) for x in range(lower, upper + 1)]
        return GeniusIssue(index, name, IssueKind.INTEGER, tuple(labels), description, lower, upper)
    r.add(
        f"{path}/@type",
        "'discrete' or 'integer' (real-valued issues are not supported: discretise them)",
        repr(kind),
        el,
    )
    return None


# ---------------------------------------------------------------------------
# profiles
def read_profile(data: bytes, source: str, domain: GeniusDomain) -> GeniusProfile:
    """Read a GENIUS profile of ``domain`` with GENIUS's conventions (see the module doc)."""
    doc = parse_xml(data, source)
    r = _Reader(doc, source)
    root = doc.root
    path = root.tag
    if root.tag != PROFILE_ROOT:
        r.fail(path, f"a GENIUS profile (root <{PROFILE_ROOT}>)", f"<{root.tag}>", root)
    opath, objective = r.objective(root, path)
    notes: list[str] = []
    weights = _weights(r, objective, opath)
    by_index: dict[int, tuple[str, ET.Element]] = {}
    by_name: dict[str, tuple[str, ET.Element]] = {}
    for ipath, el in r.children(objective, opath, "issue"):
        with contextlib.suppress(ValueError):
            by_index.setdefault(int((el.get("index") or "").strip()), (ipath, el))
        by_name.setdefault((el.get("name") or "").strip(), (ipath, el))
    ws: list[float] = []
    vs: list[tuple[float, ...]] = []
    for issue in domain.issues:
        match = by_index.get(issue.index) or by_name.get(issue.name)
        if match is None:
            r.add(
                f"{opath}/issue",
                f'an <issue index="{issue.index}"> for the domain\'s issue {issue.name!r}',
                "nothing",
                objective,
            )
            continue
        ipath, el = match
        name = (el.get("name") or "").strip()
        if name and name != issue.name:
            notes.append(
                f"issue {issue.index} is named {name!r} here and {issue.name!r} in the domain; "
                "matched by index, as GENIUS does"
            )
        if issue.index not in weights:
            r.add(
                f"{opath}/weight",
                f'a <weight index="{issue.index}" value=…> for issue {issue.name!r}',
                "nothing",
                objective,
            )
        values = (
            _discrete_values(r, ipath, el, issue)
            if issue.kind is IssueKind.DISCRETE
            else _integer_values(r, ipath, el, issue)
        )
        w = weights.get(issue.index, 0.0)
        if values is not None and w > 0 and max(values) == 0:
            notes.append(f"issue {issue.name!r} is worth 0 for every option (weight {w:g} unused)")
        ws.append(w)
        vs.append(values or tuple(0.0 for _ in issue.options))
    if weights and sum(weights.values()) <= 0:
        r.add(f"{opath}/weight", "at least one positive weight", "all weights 0", objective)
    reservation = _scalar(r, root, path, "reservation")
    discount = _scalar(r, root, path, "discount_factor")
    if discount is not None and not 0 < discount <= 1:
        r.add(f"{path}/discount_factor/@value", "a number in (0, 1]", format_number(discount), root)
    r.raise_if_any()
    return GeniusProfile(source, tuple(ws), tuple(vs), reservation, discount, tuple(notes))


def _weights(r: _Reader, objective: ET.Element, opath: str) -> dict[int, float]:
    weights: dict[int, float] = {}
    for wpath, el in r.children(objective, opath, "weight"):
        index = r.integer(el, wpath, "index")
        value = r.number(el, wpath, "value")
        if value is not None and value < 0:
            r.add(f"{wpath}/@value", "a weight ≥ 0", format_number(value), el)
            continue
        if index is not None and value is not None:
            if index in weights:
                r.add(f"{wpath}/@index", "one weight per issue", f"a second for {index}", el)
            weights[index] = value
    return weights


def _discrete_values(
    r: _Reader, path: str, el: ET.Element, issue: GeniusIssue
) -> tuple[float, ...] | None:
    evaluations: dict[str, float] = {}
    ok = True
    for item_path, item in r.children(el, path, "item"):
        label = item.get("value")
        if label is None:
            continue
        if label not in issue.options:
            r.add(
                f"{item_path}/@value",
                f"an option of {issue.name!r} in the domain {list(issue.options)}",
                repr(label),
                item,
            )
            ok = False
            continue
        evaluation = r.number(item, item_path, "evaluation")
        if evaluation is None:
            ok = False
        elif evaluation < 0:
            r.add(f"{item_path}/@evaluation", "an evaluation ≥ 0", format_number(evaluation), item)
            ok = False
        else:
            evaluations[label] = evaluation
    missing = [o for o in issue.options if o not in evaluations]
    if ok and missing:
        r.add(
            f"{path}/item",
            f"an evaluation for every option of {issue.name!r}",
            f"none for {missing}",
            el,
        )
        ok = False
    if not ok:
        return None
    top = max(evaluations.values())
    if top < GENIUS_ZERO:
        return tuple(0.0 for _ in issue.options)
    return tuple(evaluations[o] / top for o in issue.options)


def _integer_values(
    r: _Reader, path: str, el: ET.Element, issue: GeniusIssue
) -> tuple[float, ...] | None:
    evaluators = r.children(el, path, "evaluator")
    if not evaluators:
        r.add(f"{path}/evaluator", 'an <evaluator ftype="linear" slope offset>', "nothing", el)
        return None
    epath, ev = evaluators[0]
    ftype = (ev.get("ftype") or "linear").strip().lower()
    if ftype != "linear":
        r.add(
            f"{epath}/@ftype", "'linear' (the only integer evaluator GENIUS has)", repr(ftype), ev
        )
        return None
    slope = r.number(ev, epath, "slope")
    offset = r.number(ev, epath, "offset")
    # GENIUS takes the bounds from the profile's issue element; default to the domain's.
    lower = issue.lower if el.get("lowerbound") is None else r.integer(el, path, "lowerbound")
    if slope is None or offset is None or lower is None:
        return None
    return tuple(
        min(1.0, max(0.0, slope * (x - lower) + offset))
        for x in range(issue.lower, issue.upper + 1)
    )


def _scalar(r: _Reader, root: ET.Element, path: str, tag: str) -> float | None:
    found = r.children(root, path, tag)
    if not found:
        return None
    spath, el = found[0]
    return r.number(el, spath, "value")
