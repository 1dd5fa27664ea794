"""``leveltwo sweep CASE --grid SPEC ...``: the deal's numbers over a grid and seeded draws.

Each ``--grid`` names a numeric case field and its values or law
(:mod:`leveltwo.engine.sweep`); every variant is validated and assessed on a
local process pool (``--workers``, default 2) or a Dask cluster
(``--scheduler``). ``-o`` writes every row as JSON, CSV or Parquet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from leveltwo.cli.options import CaseArg, DealOpt, JsonOpt, SchedulerOpt, WorkersOpt
from leveltwo.cli.render import (
    console,
    count,
    emit_json,
    num,
    pct,
    space_progress,
    table,
    text,
)
from leveltwo.engine.execution import make_runner
from leveltwo.engine.sweep import SweepResult, plan_sweep, run_sweep
from leveltwo.io.casefile import load_case, parse_text, read_case_text
from leveltwo.io.sweepout import FORMATS, write_sweep
from leveltwo.model.dealargs import parse_deal_args

#: Sweeps with more variants than this show a progress bar (on a terminal).
PROGRESS_VARIANTS = 500
#: Rows shown in human output (all of them are in -o and --json).
SHOWN_ROWS = 10

GridOpt = Annotated[
    list[str],
    typer.Option(
        "--grid",
        metavar="SPEC",
        help="PATH=START:STOP:STEP, PATH=V1,V2,... or PATH~uniform(LOW,HIGH) / "
        "normal(MEAN,SD) / triangular(LOW,MODE,HIGH); PATH is a numeric case field such as "
        "union.members.reservation or factors.mood.loadings.union.members (repeatable).",
        show_default=False,
    ),
]
DrawsOpt = Annotated[int, typer.Option("--draws", help="Draws of the random parameters.")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the draws (same seed, same rows).")]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=f"Write every row to FILE ({', '.join(FORMATS)}; Parquet needs pyarrow).",
        show_default=False,
    ),
]


def render_sweep(result: SweepResult, written: Path | None) -> None:
    out = console()
    n = len(result.success)
    head = Text(f"{count(n)} variants", style="bold")
    head.append(f" on {result.runner} ({result.workers} worker{'s' if result.workers > 1 else ''})")
    if result.sweep.draws:
        head.append(f", {result.sweep.draws} draws, seed {result.sweep.seed}")
    out.print(head)
    summary = result.to_json()["summary"]
    assert isinstance(summary, dict)
    out.print(
        Text(
            f"Chance the deal sticks: mean {pct(summary['success_probability_mean'])}, "
            f"5%–95% {pct(summary['success_probability_p05'])} – "
            f"{pct(summary['success_probability_p95'])}"
        )
    )
    cols = result.columns()
    names = list(cols)
    t = table(*names, title=f"First {min(n, SHOWN_ROWS)} of {count(n)} rows", numeric=tuple(names))
    for i in range(min(n, SHOWN_ROWS)):
        t.add_row(
            *(str(int(cols[c][i])) if c == "variant" else num(float(cols[c][i])) for c in names)
        )
    out.print(t)
    if written is not None:
        out.print(text(f"Wrote every row to {written}."))


def sweep(
    ctx: typer.Context,
    case: CaseArg,
    grid: GridOpt,
    draws: DrawsOpt = 100,
    seed: SeedOpt = 0,
    deal: DealOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    output: OutOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Sweep numeric case fields over a grid and seeded draws; assess the deal in each.

    Every combination of the grid values, each with --draws joint draws of the
    random parameters (numpy default_rng(--seed), drawn before the work is
    split: the same seed gives the same rows on any number of workers), is
    validated like a case file and assessed: P and each side's probability and
    expected value. Runs on a local process pool (--workers, default 2) or a
    Dask cluster (--scheduler ADDRESS). -o writes every row (.json, .csv,
    .parquet).
    """
    loaded = load_case(case)
    text_, source = read_case_text(case)
    data = parse_text(text_, source)
    picked = parse_deal_args(loaded, list(deal), base=loaded.proposal) if deal else None
    labels = loaded.deal_labels(picked) if picked is not None else None
    plan = plan_sweep(data, grid, draws=draws, seed=seed)
    runner = make_runner(workers, scheduler)
    try:
        with space_progress(len(plan.values), "sweep", "variants", PROGRESS_VARIANTS) as progress:
            result = run_sweep(data, plan, labels, runner, progress)
    finally:
        runner.close()
    if output is not None:
        write_sweep(result, output)
    if json_output:
        emit_json(ctx, result.to_json())
    else:
        render_sweep(result, output)


def register(app: typer.Typer) -> None:
    app.command("sweep")(sweep)
