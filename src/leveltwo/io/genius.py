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

That is the default convention; :class:`Convention` ``negmas`` reads the
numbers as NegMAS does (as written). Reading is as lenient as GENIUS, with a
note each time: a discount factor ≤ 0 is 1, issues without an ``<objective>``
are read from the root, bounds may sit in a ``<range>`` child, a repeated item
label is renamed ``label (2)``. Real-valued issues are read only when
discretised (``discretize``); nested objectives are refused with a located
problem, and non-linear or constraint utility spaces with one clear problem.
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
    """The GENIUS issue types leveltwo reads (real issues only with ``discretize``)."""

    DISCRETE = "discrete"
    INTEGER = "integer"
    REAL = "real"


class Convention(StrEnum):
    """How a profile's numbers become utilities (docs/interop.md#conventions).

    ``genius``: GENIUS's own reading (evaluations divided by the issue's highest
    one; integer evaluators from the lower bound, clamped to [0, 1]). ``negmas``:
    NegMAS's reading, the numbers as written (evaluations as they are; linear
    evaluators applied to the value itself, unclamped).
    """

    GENIUS = "genius"
    NEGMAS = "negmas"


#: Elements that only non-linear or constraint utility spaces have.
NONLINEAR_TAGS = frozenset(
    {"utility_function", "utility", "ufun", "hyperrectangle", "includes", "excludes"}
)
NONLINEAR_TYPES = frozenset({"nonlinear", "non-linear", "constraint", "hyperrectangle"})
NOT_SUPPORTED = (
    "a linear additive utility space (non-linear / constraint utility spaces are not supported)"
)


@dataclass(frozen=True)
class GeniusIssue:
    """One issue of a GENIUS domain, its options as leveltwo labels."""

    index: int
    name: str
    kind: IssueKind
    options: tuple[str, ...]
    description: str = ""
    lower: float = 0
    upper: float = 0


@dataclass(frozen=True)
class GeniusDomain:
    """The issues of a GENIUS domain file."""

    name: str
    issues: tuple[GeniusIssue, ...]
    source: str
    notes: tuple[str, ...] = ()


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
    #: A constant added to every deal's utility (NegMAS's ``bias``; 0 in GENIUS).
    bias: float = 0.0

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

    def objective(
        self, root: ET.Element, path: str, notes: list[str] | None = None
    ) -> tuple[str, ET.Element]:
        """The one flat ``<objective>`` under ``root`` (else raise with every problem so far).

        Without an ``<objective>``, issues directly under ``root`` are read, as GENIUS
        and NegMAS do (a note says so).
        """
        objectives = self.children(root, path, "objective")
        if not objectives and self.children(root, path, "issue"):
            if notes is not None:
                notes.append("no <objective> element: the issues under the root are read")
            return path, root
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


def refuse_nonlinear(doc: XmlDocument, source: str) -> None:
    """One clear problem when the file is a non-linear or constraint utility space."""
    root = doc.root
    kind = (root.get("type") or "").strip().lower()
    found = None
    if kind in NONLINEAR_TYPES:
        found = f'<{root.tag} type="{root.get("type")}">'
        at = root
    else:
        for el in root.iter():
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if tag in NONLINEAR_TAGS or "constraint" in tag:
                found, at = f"a <{el.tag}> element", el
                break
    if found is not None:
        raise InputError([doc.problem(root.tag, NOT_SUPPORTED, found, at)], source)


def _kind(el: ET.Element) -> str:
    """The issue type GENIUS would use: ``type``, else ``etype``, else ``vtype``, else discrete."""
    for attr in ("type", "etype", "vtype"):
        value = el.get(attr)
        if value:
            return value.strip().lower()
    return IssueKind.DISCRETE.value


# ---------------------------------------------------------------------------
# domains
def read_domain(data: bytes, source: str, *, discretize: int | None = None) -> GeniusDomain:
    """Read a GENIUS domain file (a profile file also works: it repeats the issues).

    ``discretize``: read a real-valued issue as that many evenly spaced values
    from its lower to its upper bound (without it, real issues are refused).
    """
    doc = parse_xml(data, source)
    refuse_nonlinear(doc, source)
    r = _Reader(doc, source)
    notes: list[str] = []
    path, space = doc.root.tag, doc.root
    if space.tag == DOMAIN_ROOT:
        spaces = r.children(space, path, PROFILE_ROOT)
        if not spaces:
            r.fail(f"{path}/{PROFILE_ROOT}", "a <utility_space> element", "nothing", space)
        path, space = spaces[0]
    elif space.tag != PROFILE_ROOT:
        r.fail(path, f"a GENIUS domain (root <{DOMAIN_ROOT}>)", f"<{space.tag}>", space)
    opath, objective = r.objective(space, path, notes)
    issues: list[GeniusIssue] = []
    seen_index: set[int] = set()
    seen_name: set[str] = set()
    elements = r.children(objective, opath, "issue")
    if not elements:
        r.add(f"{opath}/issue", "at least one <issue>", "none", objective)
    for ipath, el in elements:
        issue = _domain_issue(r, ipath, el, notes, discretize)
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
    name = objective.get("name") if objective is not space else None
    return GeniusDomain((name or "").strip(), tuple(issues), source, tuple(notes))


def _bounds(el: ET.Element) -> ET.Element:
    """The element holding an issue's bounds: the issue, or its ``<range>`` child."""
    if el.get("lowerbound") is None:
        for child in el:
            if child.tag == "range" and child.get("lowerbound") is not None:
                return child
    return el


def _domain_issue(
    r: _Reader, path: str, el: ET.Element, notes: list[str], discretize: int | None
) -> GeniusIssue | None:
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
                n = 2
                while f"{value} ({n})" in labels:
                    n += 1
                labels.append(f"{value} ({n})")
                notes.append(
                    f"issue {name!r}: the label {value!r} appears twice; the second one is "
                    f"read as {labels[-1]!r}"
                )
            else:
                labels.append(value)
        if index is None or not name or len(labels) != len(items):
            return None
        return GeniusIssue(index, name, IssueKind.DISCRETE, tuple(labels), description)
    bounds = _bounds(el)
    bpath = path if bounds is el else f"{path}/range"
    if bounds is not el:
        notes.append(f"issue {name!r}: bounds read from its <range> element")
    if kind == IssueKind.REAL:
        return _real_issue(r, bpath, bounds, index, name, description, discretize)
    if kind == IssueKind.INTEGER:
        lower = r.integer(bounds, bpath, "lowerbound")
        upper = r.integer(bounds, bpath, "upperbound")
        if lower is None or upper is None or index is None or not name:
            return None
        if upper < lower:
            r.add(f"{bpath}/@upperbound", f"a bound ≥ lowerbound {lower}", str(upper), el)
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
    r.add(f"{path}/@type", "'discrete', 'integer' or 'real'", repr(kind), el)
    return None


def _real_issue(
    r: _Reader,
    path: str,
    el: ET.Element,
    index: int | None,
    name: str,
    description: str,
    discretize: int | None,
) -> GeniusIssue | None:
    lower = r.number(el, path, "lowerbound")
    upper = r.number(el, path, "upperbound")
    if discretize is None:
        r.add(
            f"{path}/@type",
            "a discrete or integer issue (read a real-valued issue with --discretize N)",
            "'real'",
            el,
        )
        return None
    if lower is None or upper is None or index is None or not name:
        return None
    if upper < lower:
        r.add(f"{path}/@upperbound", f"a bound ≥ lowerbound {lower:g}", f"{upper:g}", el)
        return None
    n = 1 if upper == lower else discretize
    points = [lower + (upper - lower) * j / (n - 1) for j in range(n)] if n > 1 else [lower]
    labels = [format_number(round(x, 10)) for x in points]
    if len(set(labels)) != len(labels):
        r.add(path, f"{n} distinct values between the bounds", "values too close to label", el)
        return None
    return GeniusIssue(index, name, IssueKind.REAL, tuple(labels), description, lower, upper)


# ---------------------------------------------------------------------------
# profiles
def read_profile(
    data: bytes, source: str, domain: GeniusDomain, convention: Convention = Convention.GENIUS
) -> GeniusProfile:
    """Read a GENIUS profile of ``domain`` (GENIUS's reading, or NegMAS's: :class:`Convention`)."""
    doc = parse_xml(data, source)
    refuse_nonlinear(doc, source)
    r = _Reader(doc, source)
    root = doc.root
    path = root.tag
    if root.tag != PROFILE_ROOT:
        r.fail(path, f"a GENIUS profile (root <{PROFILE_ROOT}>)", f"<{root.tag}>", root)
    notes: list[str] = []
    opath, objective = r.objective(root, path, notes)
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
            _discrete_values(r, ipath, el, issue, convention)
            if issue.kind is IssueKind.DISCRETE
            else _linear_values(r, ipath, el, issue, convention)
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
    if discount is not None and discount <= 0:
        notes.append(
            f"discount factor {format_number(discount)} read as 1 (no discounting), as GENIUS does"
        )
        discount = 1.0
    if discount is not None and discount > 1:
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
    r: _Reader, path: str, el: ET.Element, issue: GeniusIssue, convention: Convention
) -> tuple[float, ...] | None:
    evaluations: dict[str, float] = {}
    known = set(issue.options)
    seen: dict[str, int] = {}
    ok = True
    for item_path, item in r.children(el, path, "item"):
        label = item.get("value")
        if label is None:
            continue
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # a repeated label, renamed in the domain (see read_domain)
            label = f"{label} ({seen[label]})"
        if label not in known:
            r.add(
                f"{item_path}/@value",
                f"an option of {issue.name!r} in the domain {_shown(issue.options)}",
                repr(label),
                item,
            )
            ok = False
            continue
        evaluation = r.number(item, item_path, "evaluation")
        if evaluation is None:
            ok = False
        elif evaluation < 0 and convention is Convention.GENIUS:
            r.add(f"{item_path}/@evaluation", "an evaluation ≥ 0", format_number(evaluation), item)
            ok = False
        else:
            evaluations[label] = evaluation
    missing = [o for o in issue.options if o not in evaluations]
    if ok and missing:
        r.add(
            f"{path}/item",
            f"an evaluation for every option of {issue.name!r}",
            f"none for {_shown(missing)}",
            el,
        )
        ok = False
    if not ok:
        return None
    if convention is Convention.NEGMAS:
        return tuple(evaluations[o] for o in issue.options)
    top = max(evaluations.values())
    if top < GENIUS_ZERO:
        return tuple(0.0 for _ in issue.options)
    return tuple(evaluations[o] / top for o in issue.options)


def _shown(labels: Sequence[str], limit: int = 12) -> str:
    """A list of labels for a message, cut after ``limit``."""
    if len(labels) <= limit:
        return str(list(labels))
    return str(list(labels[:limit]))[:-1] + f", ... ({len(labels)} in all)]"


def _linear_values(
    r: _Reader, path: str, el: ET.Element, issue: GeniusIssue, convention: Convention
) -> tuple[float, ...] | None:
    """Values of an integer or (discretised) real issue from its linear evaluator.

    GENIUS: integer x is worth clamp(slope·(x − lowerbound) + offset, 0, 1), a real x
    clamp(slope·x + offset, 0, 1). NegMAS: slope·x + offset as written.
    """
    evaluators = r.children(el, path, "evaluator")
    if not evaluators:
        r.add(f"{path}/evaluator", 'an <evaluator ftype="linear" slope offset>', "nothing", el)
        return None
    epath, ev = evaluators[0]
    ftype = (ev.get("ftype") or "linear").strip().lower()
    if ftype != "linear":
        r.add(f"{epath}/@ftype", "'linear' (the evaluator leveltwo reads)", repr(ftype), ev)
        return None
    slope = r.number(ev, epath, "slope")
    offset = r.number(ev, epath, "offset")
    bounds = _bounds(el)
    # GENIUS takes the bounds from the profile's issue element; default to the domain's.
    if issue.kind is IssueKind.INTEGER and bounds.get("lowerbound") is not None:
        lower: float | None = r.integer(bounds, path, "lowerbound")
    else:
        lower = issue.lower
    if slope is None or offset is None or lower is None:
        return None
    xs = [float(o) for o in issue.options]
    if convention is Convention.NEGMAS:
        return tuple(slope * x + offset for x in xs)
    origin = lower if issue.kind is IssueKind.INTEGER else 0.0
    return tuple(min(1.0, max(0.0, slope * (x - origin) + offset)) for x in xs)


def _scalar(r: _Reader, root: ET.Element, path: str, tag: str) -> float | None:
    found = r.children(root, path, tag)
    if not found:
        return None
    spath, el = found[0]
    return r.number(el, spath, "value")
