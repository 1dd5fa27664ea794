"""NegMAS YAML scenarios: the files ``Scenario.dumpas(folder, "yml")`` writes.

A domain file whose ``type`` names an outcome space (``issues``: each a
``name``, a ``type`` such as ``CategoricalIssue`` or ``ContiguousIssue`` and
its ``values``) and one file per utility function whose ``type`` names it
(``LinearAdditiveUtilityFunction`` with ``weights``, ``values`` — one value
function per issue: ``TableFun`` ``mapping``, ``LinearFun`` ``slope``,
``AffineFun`` ``slope``/``bias``, ``IdentityFun``, ``ConstFun`` — ``bias`` and
``reserved_value``; an ``ExpDiscountedUFun`` wraps one with a ``discount``).
:func:`read_yaml_scenario` reads those (numbers as written: NegMAS's
convention) into the GENIUS objects, and :func:`yaml_files` writes a case.
:mod:`leveltwo.io.negmas` finds them in a folder.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from leveltwo.errors import InputError, Problem
from leveltwo.io.genius import (
    MAX_INTEGER_OPTIONS,
    GeniusDomain,
    GeniusIssue,
    GeniusProfile,
    IssueKind,
)
from leveltwo.io.xmlsafe import read_bytes
from leveltwo.model.case import Case
from leveltwo.model.labels import format_number, option_label


def load_yaml(path: Path) -> Any:
    """A YAML file's data; unreadable YAML is a located problem."""
    try:
        return yaml.safe_load(read_bytes(path).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError([Problem("", "UTF-8 YAML", str(exc))], str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise InputError(
            [Problem("", "well-formed YAML", str(getattr(exc, "problem", exc)), line, column)],
            str(path),
        ) from None


def _type(data: Any) -> str:
    raw = data.get("type") if isinstance(data, Mapping) else None
    return str(raw).rsplit(".", 1)[-1] if isinstance(raw, str) else ""


def yaml_kind(data: Any) -> str | None:
    """``"domain"`` (an outcome space), ``"profile"`` (a utility function) or None."""
    kind = _type(data)
    if "OutcomeSpace" in kind:
        return "domain"
    if "fun" in kind.lower():
        return "profile"
    return None


def _yaml_issue(
    k: int, spec: Any, path: str, discretize: int | None, problems: list[Problem]
) -> GeniusIssue | None:
    if not isinstance(spec, Mapping):
        problems.append(Problem(path, "an issue mapping (name, type, values)", repr(spec)))
        return None
    name = str(spec.get("name") or f"issue{k}")
    kind = _type(spec)
    values = spec.get("values")
    if kind in ("ContiguousIssue", "DiscreteOrdinalIssue", "CategoricalIssue", "") and (
        isinstance(values, int) and not isinstance(values, bool)
    ):
        values = [0, values - 1]
        kind = "ContiguousIssue"
    if kind == "ContiguousIssue" and isinstance(values, list) and len(values) == 2:
        lo, hi = values
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (lo, hi)) or hi < lo:
            problems.append(Problem(f"{path}.values", "[low, high] integers", repr(values)))
            return None
        if hi - lo + 1 > MAX_INTEGER_OPTIONS:
            problems.append(
                Problem(f"{path}.values", f"at most {MAX_INTEGER_OPTIONS} values", repr(values))
            )
            return None
        labels = tuple(str(x) for x in range(lo, hi + 1))
        return GeniusIssue(k + 1, name, IssueKind.INTEGER, labels, "", lo, hi)
    if kind == "ContinuousIssue" and isinstance(values, list) and len(values) == 2:
        lo_f, hi_f = (float(x) for x in values)
        if discretize is None:
            problems.append(
                Problem(path, "a discrete issue (read continuous ones with --discretize N)", kind)
            )
            return None
        n = discretize if hi_f > lo_f else 1
        points = [lo_f + (hi_f - lo_f) * j / max(n - 1, 1) for j in range(n)]
        labels = tuple(format_number(round(x, 10)) for x in points)
        return GeniusIssue(k + 1, name, IssueKind.REAL, labels, "", lo_f, hi_f)
    if isinstance(values, list) and values:
        labels = tuple(option_label(v) for v in values)
        if len(set(labels)) != len(labels):
            problems.append(Problem(f"{path}.values", "distinct values", repr(values)))
            return None
        return GeniusIssue(k + 1, name, IssueKind.DISCRETE, labels)
    problems.append(Problem(f"{path}.values", "a list of values, or [low, high]", repr(values)))
    return None


def read_yaml_domain(path: Path, discretize: int | None = None) -> GeniusDomain:
    """A NegMAS YAML outcome space as a :class:`GeniusDomain`."""
    data = load_yaml(path)
    issues_raw = data.get("issues") if isinstance(data, Mapping) else None
    if not isinstance(issues_raw, list) or not issues_raw:
        raise InputError([Problem("issues", "a list of issues", "nothing")], str(path))
    problems: list[Problem] = []
    issues = [
        _yaml_issue(k, spec, f"issues[{k}]", discretize, problems)
        for k, spec in enumerate(issues_raw)
    ]
    if problems:
        raise InputError(problems, str(path))
    name = data.get("name")
    return GeniusDomain(
        str(name) if isinstance(name, str) else path.stem,
        tuple(i for i in issues if i is not None),
        str(path),
    )


def _fun_values(fun: Any, issue: GeniusIssue, path: str, problems: list[Problem]) -> list[float]:
    kind = _type(fun)
    xs: list[Any] = list(issue.options)
    if issue.kind is not IssueKind.DISCRETE:
        xs = [float(x) for x in issue.options]
    if kind == "TableFun":
        mapping = fun.get("mapping")
        if not isinstance(mapping, Mapping):
            problems.append(Problem(f"{path}.mapping", "a mapping value → utility", "nothing"))
            return []
        table = {option_label(k): v for k, v in mapping.items()}
        out = []
        for label in issue.options:
            v = table.get(label)
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                problems.append(Problem(f"{path}.mapping[{label!r}]", "a number", repr(v)))
                return []
            out.append(float(v))
        return out
    if issue.kind is IssueKind.DISCRETE and kind != "ConstFun":
        try:
            xs = [float(x) for x in issue.options]
        except ValueError:
            problems.append(Problem(path, "a TableFun for a non-numeric issue", kind))
            return []
    slope, bias = fun.get("slope", 1.0), fun.get("bias", 0.0)
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (slope, bias)):
        problems.append(Problem(path, "numbers slope and bias", f"{slope!r}, {bias!r}"))
        return []
    if kind == "LinearFun":
        return [float(slope) * x for x in xs]
    if kind == "AffineFun":
        return [float(slope) * x + float(bias) for x in xs]
    if kind == "IdentityFun":
        return [float(x) for x in xs]
    if kind == "ConstFun":
        return [float(bias) for _ in xs]
    problems.append(
        Problem(
            f"{path}.type",
            "TableFun, LinearFun, AffineFun, IdentityFun or ConstFun (linear additive "
            "utilities only; non-linear utility functions are not supported)",
            repr(kind),
        )
    )
    return []


def read_yaml_profile(path: Path, domain: GeniusDomain) -> GeniusProfile:
    """A NegMAS YAML linear additive utility function, numbers as written."""
    data = load_yaml(path)
    problems: list[Problem] = []
    discount: float | None = None
    where = ""
    if _type(data) == "ExpDiscountedUFun" and isinstance(data.get("ufun"), Mapping):
        d = data.get("discount")
        discount = float(d) if isinstance(d, int | float) and not isinstance(d, bool) else None
        data, where = data["ufun"], "ufun."
    kind = _type(data)
    if kind not in (
        "LinearAdditiveUtilityFunction",
        "LinearUtilityFunction",
        "AffineUtilityFunction",
    ):
        raise InputError(
            [
                Problem(
                    f"{where}type",
                    "a linear additive utility function (non-linear / constraint utility "
                    "spaces are not supported)",
                    repr(kind),
                )
            ],
            str(path),
        )
    n = len(domain.issues)
    weights_raw = data.get("weights")
    if isinstance(weights_raw, Mapping):
        weights_raw = [weights_raw.get(i.name, 0.0) for i in domain.issues]
    if weights_raw is None:
        weights_raw = [1.0] * n
    if not isinstance(weights_raw, list) or len(weights_raw) != n:
        raise InputError(
            [Problem(f"{where}weights", f"{n} weights, one per issue", repr(weights_raw))],
            str(path),
        )
    weights = [float(w) if isinstance(w, int | float) else math.nan for w in weights_raw]
    for k, w in enumerate(weights):
        if not math.isfinite(w) or w < 0:
            problems.append(Problem(f"{where}weights[{k}]", "a weight ≥ 0", repr(weights_raw[k])))
    funs = data.get("values")
    if kind != "LinearAdditiveUtilityFunction":
        funs = [{"type": "IdentityFun"}] * n
    if isinstance(funs, Mapping):
        funs = [funs.get(i.name) for i in domain.issues]
    if not isinstance(funs, list) or len(funs) != n:
        raise InputError(
            [Problem(f"{where}values", f"{n} value functions, one per issue", repr(funs))],
            str(path),
        )
    values = [
        tuple(_fun_values(f, issue, f"{where}values[{k}]", problems))
        for k, (f, issue) in enumerate(zip(funs, domain.issues, strict=True))
    ]
    if problems:
        raise InputError(problems, str(path))
    bias = data.get("bias", 0.0)
    reserved = data.get("reserved_value")
    reservation = (
        float(reserved)
        if isinstance(reserved, int | float) and math.isfinite(float(reserved))
        else None
    )
    notes = () if reservation is not None else ("no finite reserved_value; reservation 0",)
    return GeniusProfile(
        str(path),
        tuple(weights),
        tuple(values),
        reservation,
        discount,
        notes,
        float(bias) if isinstance(bias, int | float) else 0.0,
    )


def read_yaml_scenario(
    domain_path: Path, profile_paths: Sequence[Path], discretize: int | None = None
) -> tuple[GeniusDomain, tuple[GeniusProfile, ...]]:
    """The domain and profiles of a NegMAS YAML scenario folder."""
    domain = read_yaml_domain(domain_path, discretize)
    errors: list[InputError] = []
    profiles: list[GeniusProfile] = []
    for path in profile_paths:
        try:
            profiles.append(read_yaml_profile(path, domain))
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise InputError(
            [
                Problem(f"{e.source}: {p.path}", p.expected, p.found, p.line, p.column)
                for e in errors
                for p in e.problems
            ]
        )
    return domain, tuple(profiles)


def yaml_files(case: Case) -> dict[str, str]:
    """The case as a NegMAS YAML scenario: a domain file and one per side's negotiator.

    Issues of consecutive integers are ``ContiguousIssue``, others
    ``CategoricalIssue``; each negotiator is a ``LinearAdditiveUtilityFunction``
    with its weights, a ``TableFun`` per issue and its reservation.
    """
    from leveltwo.io.genius_export import domain_file, integer_bounds, profile_file

    issues: list[dict[str, Any]] = []
    keys: list[list[Any]] = []
    for issue in case.issues:
        bounds = integer_bounds(issue.options)
        if bounds is not None:
            issues.append({"name": issue.id, "type": "ContiguousIssue", "values": list(bounds)})
            keys.append([int(o) for o in issue.options])
        else:
            issues.append(
                {"name": issue.id, "type": "CategoricalIssue", "values": list(issue.options)}
            )
            keys.append(list(issue.options))
    domain = {"name": case.title, "type": "DiscreteCartesianOutcomeSpace", "issues": issues}
    files = {domain_file(case, "yml"): _dump_yaml(domain)}
    for side in case.sides:
        prefs = side.negotiator.preferences
        ufun = {
            "name": side.id,
            "type": "LinearAdditiveUtilityFunction",
            "reserved_value": float(side.negotiator.reservation),
            "weights": [float(w) for w in prefs.weights],
            "values": [
                {"type": "TableFun", "mapping": dict(zip(k, map(float, v), strict=True))}
                for k, v in zip(keys, prefs.values, strict=True)
            ],
        }
        files[profile_file(side.id, "yml")] = _dump_yaml(ufun)
    return files


def _dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
