"""Sweeps: the deal's numbers over a grid and seeded random draws of numeric case fields.

A **parameter** names a numeric field of the case file by a dotted path, with
list items picked by their id and stakeholders by their key:

- ``union.members.reservation``, ``union.members.senior.uncertainty``,
  ``airline.negotiator.reservation``, ``union.militants.strength`` — a
  stakeholder's field (a bloc's own value, even where it inherits one);
- ``union.implementation_risks.courts.probability`` — a side's implementation risk;
- ``factors.mood.loadings.union.members`` — a factor loading;
- ``level2.third_parties.investors.strength``, ``level2.budget`` — any other
  numeric field, list items by id.

A **spec** (``--grid``) is ``PATH=START:STOP:STEP`` (inclusive),
``PATH=V1,V2,...``, or a draw ``PATH~uniform(LOW,HIGH)``,
``PATH~normal(MEAN,SD)``, ``PATH~triangular(LOW,MODE,HIGH)``. The variants are
every combination of the grid values, each with ``draws`` joint draws of the
random ones (from ``numpy.random.default_rng(seed)``, all drawn before any
work is split, so the same seed gives the same rows whatever runs them). Each
variant is validated like a case file and assessed
(:func:`leveltwo.engine.assessment.assess`): its success probability, each side's
probability and expected value.
"""

from __future__ import annotations

import copy
import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from leveltwo.engine.assessment import assess
from leveltwo.engine.execution import Runner, Serial, batches
from leveltwo.errors import CaseError, InputError, Problem
from leveltwo.model.build import build_case, deal_from_labels
from leveltwo.model.schema import BlocFile, ConstituencyFile, NegotiatorFile

Kind = Literal["grid", "uniform", "normal", "triangular"]
Path = tuple[str | int, ...]

#: Most variants one sweep may have.
MAX_VARIANTS = 1_000_000
#: Batches per worker (smaller batches balance better; larger ones cost less overhead).
BATCHES_PER_WORKER = 4

_GRID = re.compile(r"^\s*(?P<path>[^=~\s]+)\s*=\s*(?P<values>.+?)\s*$")
_DRAW = re.compile(
    r"^\s*(?P<path>[^=~\s]+)\s*~\s*(?P<kind>uniform|normal|triangular)\((?P<args>[^)]*)\)\s*$"
)
_ARITY = {"uniform": 2, "normal": 2, "triangular": 3}


class SweepError(InputError):
    """A sweep spec is malformed, names no numeric case field, or gives an invalid case."""


@dataclass(frozen=True)
class Parameter:
    """One swept field: its spec as written, where it lives, and its values or law."""

    spec: str
    name: str  # the dotted path as written
    path: Path  # resolved into the file's structure
    kind: Kind
    values: tuple[float, ...]  # grid values, or the law's arguments


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def resolve(data: Mapping[str, Any], name: str) -> Path | None:
    """The structural path of a dotted parameter name in raw case data, or None."""
    parts = name.split(".")
    sides = data.get("sides")
    if isinstance(sides, list) and parts:
        for si, side in enumerate(sides):
            if isinstance(side, Mapping) and side.get("id") == parts[0] and len(parts) >= 3:
                return _stakeholder(side, ("sides", si), parts[1:])
    return _walk(data, (), parts)


def _numeric_fields() -> frozenset[str]:
    """The stakeholders' numeric fields (a sweep may set one the file leaves out)."""
    models = (NegotiatorFile, ConstituencyFile, BlocFile)
    return frozenset(
        name
        for m in models
        for name, info in m.model_fields.items()
        if info.annotation in (float, float | None)
    )


NUMERIC_FIELDS = _numeric_fields()


def _field(node: Any, at: Path, name: str) -> Path | None:
    """A stakeholder's field: written in the file, or a numeric one it leaves out."""
    if isinstance(node, Mapping) and (name in node or name in NUMERIC_FIELDS):
        return (*at, name)
    return None


def _stakeholder(side: Mapping[str, Any], at: Path, parts: list[str]) -> Path | None:
    if parts[0] == "negotiator":
        neg = side.get("negotiator")
        return _field(neg, (*at, "negotiator"), parts[1]) if len(parts) == 2 else None
    cons = side.get("constituencies")
    for ci, c in enumerate(cons if isinstance(cons, list) else []):
        if not isinstance(c, Mapping) or c.get("id") != parts[0]:
            continue
        here: Path = (*at, "constituencies", ci)
        if len(parts) == 2:
            return _field(c, here, parts[1])
        blocs = c.get("blocs")
        for bi, b in enumerate(blocs if isinstance(blocs, list) else []):
            if isinstance(b, Mapping) and b.get("id") == parts[1] and len(parts) == 3:
                return _field(b, (*here, "blocs", bi), parts[2])
        return _walk(c, here, parts[1:])
    if parts[0] == "implementation_risks":  # a side's risk, by id
        risks = side.get("implementation_risks")
        return _walk(risks, (*at, "implementation_risks"), parts[1:])
    return None


def _walk(node: Any, at: Path, parts: list[str]) -> Path | None:
    if not parts:
        return at
    if isinstance(node, Mapping):
        whole = ".".join(parts)
        if whole in node and not isinstance(node[whole], Mapping | list):
            return (*at, whole)  # a key with dots, e.g. a loading's stakeholder key
        if parts[0] in node:
            return _walk(node[parts[0]], (*at, parts[0]), parts[1:])
        return None
    if isinstance(node, list):
        for k, item in enumerate(node):
            if isinstance(item, Mapping) and item.get("id") == parts[0]:
                return _walk(item, (*at, k), parts[1:])
    return None


def parse_spec(data: Mapping[str, Any], spec: str, where: str) -> Parameter:
    """One ``--grid`` spec; raise :class:`SweepError` located at ``where``."""

    def bad(expected: str) -> SweepError:
        return SweepError([Problem(where, expected, repr(spec))])

    grid, draw = _GRID.match(spec), _DRAW.match(spec)
    m = draw or grid
    if m is None:
        raise bad(
            "PATH=START:STOP:STEP, PATH=V1,V2,..., or PATH~uniform(LOW,HIGH) / normal(MEAN,SD) "
            "/ triangular(LOW,MODE,HIGH)"
        )
    name = m["path"]
    path = resolve(data, name)
    if path is None or not isinstance(_get(data, path, 0.0), int | float):
        raise bad(f"a numeric case field (e.g. union.members.reservation); '{name}' is not one")
    try:
        if draw is not None:
            kind: Kind = draw["kind"]  # type: ignore[assignment]
            args = tuple(_number(a) for a in draw["args"].split(","))
            if len(args) != _ARITY[kind] or not _law_ok(kind, args):
                raise ValueError(spec)
            return Parameter(spec, name, path, kind, args)
        text = grid["values"] if grid is not None else ""
        if ":" in text:
            start, stop, step = (_number(x) for x in text.split(":"))
            if step <= 0 or stop < start:
                raise ValueError(spec)
            n = math.floor((stop - start) / step + 1e-9) + 1
            values = tuple(round(start + k * step, 12) for k in range(n))
        else:
            values = tuple(_number(x) for x in text.split(","))
        return Parameter(spec, name, path, "grid", values)
    except ValueError:
        raise bad(
            "numbers: START:STOP:STEP with STEP > 0 and STOP ≥ START, a list, or a law "
            "with valid arguments (uniform LOW < HIGH, normal SD > 0, triangular LOW ≤ MODE ≤ HIGH)"
        ) from None


def _law_ok(kind: str, a: tuple[float, ...]) -> bool:
    if kind == "uniform":
        return a[0] < a[1]
    if kind == "normal":
        return a[1] > 0
    return a[0] <= a[1] <= a[2] and a[0] < a[2]


def _get(data: Any, path: Path, default: Any) -> Any:
    node = data
    for p in path:
        if isinstance(node, Mapping) and p in node:
            node = node[p]
        elif isinstance(node, list) and isinstance(p, int) and p < len(node):
            node = node[p]
        else:
            return default
    return node


def _with(data: Any, path: Path, value: float) -> Any:
    """``data`` with ``value`` at ``path``, copying only the containers on the path."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, list):
        out_list = list(data)
        out_list[head] = _with(data[head], rest, value)  # type: ignore[index]
        return out_list
    out = dict(data)
    out[head] = _with(data.get(head), rest, value) if rest else value
    return out


@dataclass(frozen=True)
class Sweep:
    """The parameters and every variant's values (rows follow ``parameters``)."""

    parameters: tuple[Parameter, ...]
    values: np.ndarray  # (variants, parameters)
    seed: int
    draws: int


def plan_sweep(
    data: Mapping[str, Any], specs: Sequence[str], *, draws: int = 100, seed: int = 0
) -> Sweep:
    """Parse the specs and draw every variant's values (all random numbers drawn here)."""
    if not specs:
        raise SweepError([Problem("--grid", "at least one PATH=... or PATH~law(...)", "none")])
    params = tuple(parse_spec(data, s, f"--grid[{k}]") for k, s in enumerate(specs))
    grid = [p for p in params if p.kind == "grid"]
    random = [p for p in params if p.kind != "grid"]
    n_draws = draws if random else 1
    if n_draws < 1:
        raise SweepError([Problem("--draws", "at least 1 draw", str(draws))])
    points = list(itertools.product(*(p.values for p in grid))) or [()]
    total = len(points) * n_draws
    if total > MAX_VARIANTS:
        raise SweepError([Problem("--grid", f"at most {MAX_VARIANTS} variants", str(total))])
    rng = np.random.default_rng(seed)
    drawn = np.empty((n_draws, len(random)))
    for j, p in enumerate(random):
        a = p.values
        if p.kind == "uniform":
            drawn[:, j] = rng.uniform(a[0], a[1], n_draws)
        elif p.kind == "normal":
            drawn[:, j] = rng.normal(a[0], a[1], n_draws)
        else:
            drawn[:, j] = rng.triangular(a[0], a[1], a[2], n_draws)
    values = np.empty((total, len(params)))
    gi = [params.index(p) for p in grid]
    ri = [params.index(p) for p in random]
    row = 0
    for point in points:
        for d in range(n_draws):
            values[row, gi] = point
            values[row, ri] = drawn[d]
            row += 1
    return Sweep(params, values, seed, n_draws if random else 0)


@dataclass(frozen=True)
class SweepResult:
    """One row per variant: its values, and the deal's numbers in that variant."""

    sweep: Sweep
    deal: tuple[tuple[str, str], ...]
    sides: tuple[str, ...]
    success: np.ndarray  # (variants,)
    side: np.ndarray  # (variants, 2)
    expected_value: np.ndarray  # (variants, 2)
    runner: str
    workers: int

    def columns(self) -> dict[str, np.ndarray]:
        """Column name → values, in output order."""
        out: dict[str, np.ndarray] = {"variant": np.arange(len(self.success))}
        for k, p in enumerate(self.sweep.parameters):
            out[p.name] = self.sweep.values[:, k]
        out["success_probability"] = self.success
        for k, s in enumerate(self.sides):
            out[f"p_{s}"] = self.side[:, k]
        for k, s in enumerate(self.sides):
            out[f"ev_{s}"] = self.expected_value[:, k]
        return out

    def to_json(self) -> dict[str, object]:
        cols = self.columns()
        names = list(cols)
        rows = [
            {n: (int(cols[n][i]) if n == "variant" else float(cols[n][i])) for n in names}
            for i in range(len(self.success))
        ]
        return {
            "deal": dict(self.deal),
            "parameters": [
                {"name": p.name, "spec": p.spec, "kind": p.kind} for p in self.sweep.parameters
            ],
            "seed": self.sweep.seed,
            "draws": self.sweep.draws,
            "variants": len(self.success),
            "runner": self.runner,
            "workers": self.workers,
            "summary": {
                "success_probability_mean": float(self.success.mean()),
                "success_probability_p05": float(np.quantile(self.success, 0.05)),
                "success_probability_p95": float(np.quantile(self.success, 0.95)),
            },
            "rows": rows,
        }


Task = tuple[dict[str, Any], tuple[tuple[str, str], ...] | None, tuple[Path, ...], np.ndarray, int]


def evaluate_batch(task: Task) -> Any:
    """Assess one batch of variants (module level, so any runner can ship it).

    Returns an array (rows × 5) of P, P_side × 2, EV × 2, or ``("error", index,
    message)`` for the first variant that is not a valid case.
    """
    data, deal_labels, paths, values, first = task
    out = np.empty((len(values), 5))
    for k, row in enumerate(values):
        variant = data
        for path, v in zip(paths, row, strict=True):
            variant = _with(variant, path, float(v))
        try:
            case = build_case(variant)
            deal = None if deal_labels is None else deal_from_labels(case.issues, dict(deal_labels))
            a = assess(case, deal)
        except InputError as exc:
            return ("error", first + k, exc.message)
        out[k, 0] = a.success_probability
        out[k, 1:3] = [s.probability for s in a.sides]
        ev = a.expected_value
        out[k, 3:5] = [ev[s.id] for s in a.sides]
    return out


def run_sweep(
    data: Mapping[str, Any],
    sweep: Sweep,
    deal: Mapping[str, str] | None = None,
    runner: Runner | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SweepResult:
    """Assess every variant of ``sweep`` on ``runner`` (default: in this process);
    ``progress(done, total)`` is told the variants done after each batch."""
    runner = runner or Serial()
    base = build_case(data)
    labels = dict(base.deal_labels(deal_from_labels(base.issues, deal))) if deal else None
    if labels is None and base.proposal is None:
        raise CaseError([Problem("proposal", "a proposal in the case or a --deal", "neither")])
    shown = labels or base.deal_labels(base.proposal)  # type: ignore[arg-type]
    paths = tuple(p.path for p in sweep.parameters)
    index = np.arange(len(sweep.values))
    parts = batches(list(index), runner.workers * BATCHES_PER_WORKER)
    plain = copy.deepcopy(dict(data))
    tasks = [
        (
            plain,
            tuple(labels.items()) if labels else None,
            paths,
            sweep.values[p[0] : p[-1] + 1],
            int(p[0]),
        )
        for p in parts
    ]
    sizes = np.cumsum([len(p) for p in parts])
    total = len(index)

    def done(n: int) -> None:
        if progress is not None:
            progress(int(sizes[n - 1]), total)

    results = runner.map(evaluate_batch, tasks, done)
    for r in results:
        if isinstance(r, tuple):
            _, at, message = r
            row = ", ".join(
                f"{p.name} = {sweep.values[at, k]:.6g}" for k, p in enumerate(sweep.parameters)
            )
            raise SweepError(
                [Problem(f"variant {at}", f"a valid case ({row})", message.replace("\n", " "))]
            )
    table = np.vstack(results) if results else np.empty((0, 5))
    return SweepResult(
        sweep,
        tuple(shown.items()),
        tuple(s.id for s in base.sides),
        table[:, 0],
        table[:, 1:3],
        table[:, 3:5],
        runner.name,
        runner.workers,
    )
