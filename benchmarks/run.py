"""Benchmarks of leveltwo's engine: whole-space analysis, what-if latency, a large bloc vote.

    .venv/bin/python benchmarks/run.py [--sizes 1e4,1e5,1e6,1e7] [--repeats 3] [--json out.json]

Every measurement runs in a fresh subprocess, so each one's peak resident
memory (``ru_maxrss``) is its own. Each timing is the median of ``--repeats``
runs after one untimed warm-up run. The cases are described in
``benchmarks/synthetic.py`` and docs/performance.md. Prints a table and writes
JSON to ``benchmarks/results/`` (or ``--json``). With ``--check``, exits 1 when
a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DEFAULT_SIZES = "1e4,1e5,1e6,1e7"
WHATIF_SIZE = 10**5
#: Deals of the bargaining-equilibrium benchmark (docs/bargaining.md), δ = 0.95 for both.
BARGAIN_SIZE, BARGAIN_DISCOUNT = 10**5, 0.95
CHAMBER_SIZE, CHAMBER_MEMBERS = 10**4, 435
#: The bloc-heavy case of issue 14: 625 deals, 500 member-blocs (speech and report).
SPEECH_SIZE, SPEECH_MEMBERS = 625, 500

#: The targets of issue 2 on the 2-core machine: seconds and bytes.
TARGET_SECONDS = {10**6: 1.0, 10**7: 10.0}
TARGET_RSS = {10**7: 2 * 1024**3}
TARGET_WHATIF = 0.2
#: Issue 12: one live what-if on an assumption (changed case, assessment, diagnosis and
#: whole-space win-sets) for 10^5 deals.
TARGET_ASSUMPTION = 0.1
#: Start-up targets of issue 7: whole-process seconds of two commands.
STARTUP_COMMANDS: dict[str, tuple[list[str], float]] = {
    "leveltwo --help": (["--help"], 0.25),
    "leveltwo analyze labour-contract --json": (["analyze", "labour-contract", "--json"], 0.5),
}


# ---------------------------------------------------------------------------
# measurements (each in its own process)
def _rss() -> int:
    """Peak resident set size of this process so far, in bytes (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _timed(fn: Callable[[], object], repeats: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock seconds of ``repeats`` runs after one untimed warm-up run.

    CPU seconds of the same runs go to ``cpu`` when given: on a shared machine
    they show how much of the wall time was the benchmark's own work.
    """
    fn()
    times = []
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if cpu is not None:
            cpu.append(time.process_time() - c0)
    return times


def _analysis(case: Any, repeats: int) -> dict[str, Any]:
    from leveltwo.engine import analyze_space

    rss_before = _rss()
    last: list[Any] = []
    cpu: list[float] = []
    times = _timed(lambda: last.append(analyze_space(case)), repeats, cpu)
    result = last[-1]
    return {
        "times": times,
        "median": statistics.median(times),
        "cpu_times": cpu,
        "cpu_median": statistics.median(cpu),
        "rss_before": rss_before,
        "peak_rss": _rss(),
        "outcomes": result.outcomes,
        "winset_sizes": [s.winset_size for s in result.sides],
        "agreement_zone_size": result.agreement_zone_size,
        "frontier_size": len(result.frontier),
        "max_success_probability": result.max_success_probability,
    }


def child_analyze(size: int, variant: str, repeats: int, seed: int) -> dict[str, Any]:
    from synthetic import synthetic_case

    t0 = time.perf_counter()
    case = synthetic_case(size, variant, seed)  # type: ignore[arg-type]
    build = time.perf_counter() - t0
    return {"kind": "analyze", "size": size, "variant": variant, "build_case": build} | (
        _analysis(case, repeats)
    )


def child_chamber(size: int, members: int, repeats: int, seed: int) -> dict[str, Any]:
    from synthetic import legislature_case

    case = legislature_case(size, members, seed)
    return {"kind": "chamber", "size": size, "members": members} | _analysis(case, repeats)


def _assumption_whatif(case: Any, deal: Any) -> object:
    """What the web app's live what-if does per update (routes/whatif.py)."""
    from leveltwo.engine import analyze_space, assess
    from leveltwo.engine.diagnosis import diagnose
    from leveltwo.model.assumptions import assumptions, with_assumptions

    key = next(a.key for a in assumptions(case) if a.field == "reservation" and a.side != case.us)
    changed = with_assumptions(case, {key: 0.55})
    return assess(changed, deal), diagnose(changed, deal), analyze_space(changed)


def child_narrative(size: int, members: int, repeats: int, seed: int) -> dict[str, Any]:
    from leveltwo.io.report import render_report
    from leveltwo.narrative.speech import victory_speech
    from synthetic import legislature_case

    case = legislature_case(size, members, seed)
    deal = case.default_deal()
    # one run each (a report takes seconds); the speech's memo is per process, so the
    # timed runs after the warm-up show the steady state of a server
    speech = _timed(lambda: victory_speech(case, deal), max(1, repeats // 3))
    report = _timed(lambda: render_report(case, deal), max(1, repeats // 3))
    return {
        "kind": "narrative",
        "size": size,
        "members": members,
        "speech_median": statistics.median(speech),
        "report_median": statistics.median(report),
        "peak_rss": _rss(),
    }


def child_whatif(size: int, variant: str, repeats: int, seed: int) -> dict[str, Any]:
    import numpy as np

    from leveltwo.engine import Evaluator, assess
    from synthetic import synthetic_case

    case = synthetic_case(size, variant, seed)  # type: ignore[arg-type]
    indices = np.random.default_rng(seed).permutation(case.size)
    deal = case.deal_from_index(int(indices[0]))
    many = max(repeats, 3)
    evaluate = _timed(lambda: Evaluator(case).evaluate(indices), many)
    ev = Evaluator(case)
    evaluate_only = _timed(lambda: ev.evaluate(indices), many)
    one = _timed(lambda: assess(case, deal), 20 * many)
    live = _timed(lambda: _assumption_whatif(case, deal), many)
    return {
        "kind": "whatif",
        "size": size,
        "variant": variant,
        "evaluate_times": evaluate,
        "evaluate_median": statistics.median(evaluate),
        "evaluate_compiled_median": statistics.median(evaluate_only),
        "assess_median": statistics.median(one),
        "assumption_median": statistics.median(live),
        "assumption_times": live,
        "peak_rss": _rss(),
    }


#: A fixed workload that is not leveltwo's, timed next to each start-up run: how fast
#: the machine itself is at that moment (a shared host can slow the whole machine).
REFERENCE = ("-c", "import numpy")


def _run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and exit code of one fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def startup(name: str, repeats: int) -> dict[str, Any]:
    """Whole-process wall and CPU seconds of one command (median of ``repeats``).

    Each run is a fresh interpreter running the ``leveltwo`` console script, as
    a user types it; CPU seconds (user + system, from ``wait4``) show how much
    of the wall time was the command's own on a shared machine. Each run is paired
    with one of :data:`REFERENCE` (with one BLAS thread, as the CLI runs NumPy),
    whose median says how fast the machine was during the runs.
    """
    argv, target = STARTUP_COMMANDS[name]
    compiled = compile_bytecode()
    script = Path(sys.executable).with_name("leveltwo")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "leveltwo"]
    reference = [sys.executable, *REFERENCE]
    walls, cpus, refs = [], [], []
    one_thread = {"OPENBLAS_NUM_THREADS": "1", **os.environ}
    for k in range(repeats + 1):
        wall, cpu, code = _run([*command, *argv])
        if code != 0:
            raise SystemExit(f"start-up benchmark failed: {name}")
        ref = _run(reference, one_thread)[0]
        if k:  # the first run warms the file cache
            walls.append(wall)
            cpus.append(cpu)
            refs.append(ref)
    return {
        "kind": "startup",
        "command": name,
        "target": target,
        "times": walls,
        "median": statistics.median(walls),
        "cpu_median": statistics.median(cpus),
        "reference": " ".join(["python", *REFERENCE]),
        "reference_median": statistics.median(refs),
        "bytecode_compiled": compiled,
    }


def compile_bytecode() -> bool:
    """Compile leveltwo's modules as an install does (``make bytecode``), so that the
    start-up measured is a command's, not the compiler's; whether it could."""
    import leveltwo

    return bool(compileall.compile_dir(Path(leveltwo.__file__).parent, quiet=1))


#: Parameters drawn in the sweep benchmark (labour-contract).
SWEEP_SPECS = (
    "union.members.senior.reservation~uniform(0.4,0.6)",
    "hospital.board.reservation~normal(0.5,0.03)",
    "hospital.board.uncertainty~uniform(0.02,0.1)",
)


def child_sweep(draws: int, seed: int) -> dict[str, Any]:
    """``draws`` seeded draws of labour-contract: serial, a 2-process pool, a 2-worker
    Dask LocalCluster (processes, one thread each); one timed run each, same rows."""
    import numpy as np

    from leveltwo.engine.execution import DaskRunner, ProcessPool, Serial
    from leveltwo.engine.sweep import plan_sweep, run_sweep
    from leveltwo.io.casefile import parse_text, read_case_text

    text, source = read_case_text("labour-contract")
    data = parse_text(text, source)
    sweep = plan_sweep(data, list(SWEEP_SPECS), draws=draws, seed=seed)
    out: dict[str, Any] = {"kind": "sweep", "draws": draws, "specs": list(SWEEP_SPECS)}
    reference = None
    for name in ("serial", "pool", "dask"):
        client = cluster = None
        if name == "serial":
            runner: Any = Serial()
        elif name == "pool":
            runner = ProcessPool(2)
        else:
            import distributed

            cluster = distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
            client = distributed.Client(cluster)
            runner = DaskRunner(client=client)
        c0, t0 = time.process_time(), time.perf_counter()
        result = run_sweep(data, sweep, runner=runner)
        out[f"{name}_seconds"] = time.perf_counter() - t0
        out[f"{name}_parent_cpu"] = time.process_time() - c0
        runner.close()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if reference is None:
            reference = result.success
        out[f"{name}_same_rows"] = bool(np.array_equal(reference, result.success))
    out["peak_rss"] = _rss()
    return out


def child_import(kind: str, repeats: int, seed: int) -> dict[str, Any]:
    """Import a synthetic GENIUS domain (benchmarks/interop.py): files to a validated case."""
    import tempfile

    from interop import AMPO_SHAPE, WIDE_PROFILES, WIDE_SHAPE, roles, write_domain
    from leveltwo.io.interop import import_paths

    shape, profiles = (WIDE_SHAPE, WIDE_PROFILES) if kind == "wide" else (AMPO_SHAPE, 2)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_domain(Path(tmp), shape, profiles, seed)
        names = roles(profiles) if profiles > 2 else None
        last: list[Any] = []
        cpu: list[float] = []
        times = _timed(lambda: last.append(import_paths(paths, side_names=names)), repeats, cpu)
    case = last[-1].case
    from leveltwo.engine.scenario import scenario_stats

    stats_times = _timed(lambda: scenario_stats(case), repeats)
    return {
        "kind": "import",
        "stats_median": statistics.median(stats_times),
        "domain": kind,
        "issues": len(case.issues),
        "options": sum(len(i.options) for i in case.issues),
        "profiles": profiles,
        "deals": case.size,
        "times": times,
        "median": statistics.median(times),
        "cpu_median": statistics.median(cpu),
        "peak_rss": _rss(),
    }


# ---------------------------------------------------------------------------
# the driver
#: The planner's targets (issue 8): bundled cases proved optimal within this.
TARGET_PLAN_SECONDS = 2.0
PLAN_CASES = ("missile-crisis", "labour-contract", "trade-agreement", "cross-border-acquisition")
PLAN_TIME_LIMIT = 10.0


def with_factor(case: Any) -> Any:
    """The case with one common factor loading 0.5 on every constituency of each side
    (a public mood moving all the bars together: docs/model.md §11)."""
    from dataclasses import replace

    from leveltwo.model.correlation import FactorFile, correlation_from_files

    keys = {c.key: 0.5 for s in case.sides for c in s.constituencies}
    files = [FactorFile(id="mood", loadings=keys)]
    return replace(case, extensions=(*case.extensions, *correlation_from_files(files)))


def child_planner(which: str, repeats: int, seed: int) -> dict[str, Any]:
    """The exact planner's search (time to optimality, or the gap at the time limit), or
    the exact best deal of a 10^12-deal space."""
    from leveltwo.engine.dealsearch import DealSearch
    from leveltwo.io.casefile import load_case
    from leveltwo.strategies.exact import solve
    from leveltwo.strategies.planner import settings_for, start_state
    from leveltwo.strategies.search import Search
    from synthetic import legislature_case, planning_case, shaped_case

    def row(size: int, times: list[float], o: Any, **extra: Any) -> dict[str, Any]:
        return {
            "kind": "planner",
            "which": which,
            "size": size,
            "times": times,
            "median": statistics.median(times),
            "status": o.status,
            "gap": o.gap,
            "nodes": o.nodes,
            **extra,
        }

    if which in ("dealsearch", "dealsearch-factors"):
        case = shaped_case([10] * 12, "realistic", seed)
        limit = None
        if which == "dealsearch-factors":  # one common factor: 48 quadrature nodes per bound
            case = with_factor(case)
            limit = PLAN_TIME_LIMIT
        found: list[Any] = []
        times = _timed(
            lambda: found.append(DealSearch(case).solve("best", time_limit=limit)),
            repeats if limit is None else 1,
        )
        return row(case.size, times, found[-1].optimality)
    if which == "chamber":
        case = legislature_case(CHAMBER_SIZE, CHAMBER_MEMBERS, seed)
    elif which == "planning":
        case = planning_case(10**6, 25, seed)
    elif which.endswith("+factors"):
        case = with_factor(load_case(which.removesuffix("+factors")))
    else:
        case = load_case(which)
    limit = None if which not in ("chamber", "planning") else PLAN_TIME_LIMIT
    results: list[Any] = []

    def run() -> None:
        search = Search(start_state(case, None), settings_for(case))
        results.append(solve(search, time_limit=limit))

    times = _timed(run, repeats if limit is None else 1)
    return row(case.size, times, results[-1].optimality, candidates=results[-1].candidates)


def child_bargain(size: int, variant: str, repeats: int, seed: int) -> dict[str, Any]:
    """The stationary bargaining equilibrium (us first) on a synthetic case."""
    from dataclasses import replace

    from leveltwo.engine.bargaining import Game, equilibrium
    from leveltwo.model.bargaining import Bargaining
    from synthetic import synthetic_case

    case = synthetic_case(size, variant, seed)  # type: ignore[arg-type]
    discounts = tuple((s.id, BARGAIN_DISCOUNT) for s in case.sides)
    case = replace(case, bargaining=Bargaining(discounts=discounts))
    last: list[Any] = []
    cpu: list[float] = []
    times = _timed(lambda: last.append(equilibrium(Game.of(case), case.us)), repeats, cpu)
    return {
        "kind": "bargain",
        "size": size,
        "variant": variant,
        "times": times,
        "median": statistics.median(times),
        "cpu_median": statistics.median(cpu),
        "iterations": last[-1].iterations,
        "peak_rss": _rss(),
    }


def run_child(args: list[str]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its JSON."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"benchmark child failed: {' '.join(args)}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def machine() -> dict[str, Any]:
    import numpy
    import scipy

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "platform": platform.platform(),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "load_average": os.getloadavg(),
    }


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        value = float(part.strip())
        if value != int(value) or value < 2:
            raise argparse.ArgumentTypeError(f"not a whole number of deals: {part!r}")
        sizes.append(int(value))
    return sizes


def _mib(n: int) -> str:
    return f"{n / 1024**2:,.0f}"


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISSED")


def report(rows: list[dict[str, Any]], extras: list[dict[str, Any]]) -> tuple[str, bool]:
    """The printed table, and whether every target was met."""
    lines = [
        f"{'deals':>10} {'variant':<10} {'median s':>9} {'min s':>8} {'cpu s':>7} {'runs':>4} "
        f"{'peak RSS MiB':>12} {'frontier':>8}  target",
    ]
    all_ok = True
    for r in rows:
        size = r["size"]
        ok: bool | None = None
        if size in TARGET_SECONDS:
            ok = r["median"] < TARGET_SECONDS[size]
            if size in TARGET_RSS:
                ok = ok and r["peak_rss"] < TARGET_RSS[size]
            all_ok = all_ok and ok
        lines.append(
            f"{size:>10,} {r['variant']:<10} {r['median']:>9.3f} {min(r['times']):>8.3f} "
            f"{r['cpu_median']:>7.3f} "
            f"{len(r['times']):>4} {_mib(r['peak_rss']):>12} {r['frontier_size']:>8}  "
            f"{_verdict(ok)}"
        )
    for e in extras:
        if e["kind"] == "startup":
            ok = e["median"] < e["target"]
            all_ok = all_ok and ok
            lines.append(
                f"start-up, `{e['command']}`: {e['median']:.3f} s whole process (median of "
                f"{len(e['times'])}, fastest {min(e['times']):.3f} s; cpu {e['cpu_median']:.3f} s; "
                f"`{e['reference']}` meanwhile {e['reference_median']:.3f} s; "
                f"target {e['target']} s"
                f"{'' if e['bytecode_compiled'] else '; bytecode could not be compiled'})  "
                f"{_verdict(ok)}"
            )
        elif e["kind"] == "whatif":
            ok = e["evaluate_median"] < TARGET_WHATIF
            all_ok = all_ok and ok
            lines.append(
                f"what-if, {e['variant']} {e['size']:,} deals: Evaluator(case).evaluate "
                f"{e['evaluate_median'] * 1e3:.1f} ms (compiled: "
                f"{e['evaluate_compiled_median'] * 1e3:.1f} ms), one-deal assess "
                f"{e['assess_median'] * 1e3:.2f} ms  {_verdict(ok)}"
            )
            if "assumption_median" in e:
                ok = e["assumption_median"] < TARGET_ASSUMPTION
                all_ok = all_ok and ok
                lines.append(
                    f"live what-if on an assumption, {e['variant']} {e['size']:,} deals "
                    f"(changed case, assessment, diagnosis, win-sets): "
                    f"{e['assumption_median'] * 1e3:.1f} ms  {_verdict(ok)}"
                )
        elif e["kind"] == "planner":
            ok = None
            measured_only = ("chamber", "planning", "dealsearch", "dealsearch-factors")
            if e["which"] not in measured_only and not e["which"].endswith("+factors"):
                ok = e["status"] == "optimal" and e["median"] < TARGET_PLAN_SECONDS
                all_ok = all_ok and ok
            deal = e["which"].startswith("dealsearch")
            what = "exact best deal" if deal else "exact planner"
            lines.append(
                f"{what}, {e['which']} ({e['size']:,} deals): {e['median']:.2f} s, "
                f"{e['status']}, gap {e['gap']:.4f}, {e['nodes']:,} nodes  {_verdict(ok)}"
            )
        elif e["kind"] == "sweep":
            lines.append(
                f"sweep, labour-contract, {e['draws']:,} draws: serial "
                f"{e['serial_seconds']:.1f} s, "
                f"2-process pool {e['pool_seconds']:.1f} s, 2-worker Dask LocalCluster "
                f"{e['dask_seconds']:.1f} s (same rows: "
                f"{e['pool_same_rows'] and e['dask_same_rows']})"
            )
        elif e["kind"] == "narrative":
            lines.append(
                f"speech and report, {e['members']} member-blocs, {e['size']:,} deals: speech "
                f"{e['speech_median']:.2f} s, report {e['report_median']:.2f} s, "
                f"peak RSS {_mib(e['peak_rss'])} MiB"
            )
        elif e["kind"] == "bargain":
            lines.append(
                f"bargaining equilibrium, {e['variant']} {e['size']:,} deals, δ = "
                f"{BARGAIN_DISCOUNT}: {e['median']:.3f} s (median of {len(e['times'])}; cpu "
                f"{e['cpu_median']:.3f} s; {e['iterations']} iterations), peak RSS "
                f"{_mib(e['peak_rss'])} MiB"
            )
        elif e["kind"] == "import":
            lines.append(
                f"import, {e['domain']}: {e['options']:,} options in {e['issues']} issues, "
                f"{e['profiles']} profiles, {e['deals']:,} deals: {e['median']:.3f} s "
                f"(median of {len(e['times'])}; cpu {e['cpu_median']:.3f} s); scenario "
                f"statistics {e['stats_median']:.3f} s; peak RSS {_mib(e['peak_rss'])} MiB"
            )
        else:
            lines.append(
                f"bloc vote, {e['members']} member-blocs, {e['size']:,} deals: analyze_space "
                f"{e['median']:.3f} s (median of {len(e['times'])}; cpu {e['cpu_median']:.3f} s), "
                f"peak RSS {_mib(e['peak_rss'])} MiB"
            )
    return "\n".join(lines), all_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes(DEFAULT_SIZES))
    parser.add_argument("--variants", default="realistic,dense")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs after a warm-up")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="where to write the results")
    parser.add_argument("--no-extras", action="store_true", help="only the size table")
    parser.add_argument(
        "--startup-only", action="store_true", help="only the start-up of two commands"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--sweep-draws", type=int, default=10_000, help="draws of the sweep benchmark (0: skip)"
    )
    parser.add_argument(
        "--imports", action="store_true", help="with --no-extras: still run the import benchmarks"
    )
    parser.add_argument(
        "--planner", action="store_true", help="with --no-extras: still run the planner benchmarks"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "analyze":
            out = child_analyze(int(rest[0]), rest[1], args.repeats, args.seed)
        elif kind == "whatif":
            out = child_whatif(int(rest[0]), rest[1], args.repeats, args.seed)
        elif kind == "sweep":
            out = child_sweep(int(rest[0]), args.seed)
        elif kind == "narrative":
            out = child_narrative(int(rest[0]), int(rest[1]), args.repeats, args.seed)
        elif kind == "bargain":
            out = child_bargain(int(rest[0]), rest[1], args.repeats, args.seed)
        elif kind == "import":
            out = child_import(rest[0], args.repeats, args.seed)
        elif kind == "planner":
            out = child_planner(rest[0], args.repeats, args.seed)
        else:
            out = child_chamber(int(rest[0]), int(rest[1]), args.repeats, args.seed)
        print(json.dumps(out))
        return 0

    load_start = os.getloadavg()
    common = ["--repeats", str(args.repeats), "--seed", str(args.seed)]
    rows = []
    extras = []
    for name in STARTUP_COMMANDS:
        print(f"start-up: {name} ...", file=sys.stderr, flush=True)
        extras.append(startup(name, max(args.repeats, 5)))
    for size in [] if args.startup_only else args.sizes:
        for variant in args.variants.split(","):
            print(f"analyze_space: {size:,} deals, {variant} ...", file=sys.stderr, flush=True)
            rows.append(run_child(["analyze", str(size), variant, *common]))
    if not (args.no_extras or args.startup_only):
        for variant in args.variants.split(","):
            print(f"what-if: {WHATIF_SIZE:,} deals, {variant} ...", file=sys.stderr, flush=True)
            extras.append(run_child(["whatif", str(WHATIF_SIZE), variant, *common]))
        print(f"bargaining: {BARGAIN_SIZE:,} deals ...", file=sys.stderr, flush=True)
        extras.append(run_child(["bargain", str(BARGAIN_SIZE), "realistic", *common]))
        print(f"bloc vote: {CHAMBER_MEMBERS} blocs ...", file=sys.stderr, flush=True)
        extras.append(run_child(["chamber", str(CHAMBER_SIZE), str(CHAMBER_MEMBERS), *common]))
        print(f"speech and report: {SPEECH_MEMBERS} blocs ...", file=sys.stderr, flush=True)
        extras.append(run_child(["narrative", str(SPEECH_SIZE), str(SPEECH_MEMBERS), *common]))
        if args.sweep_draws > 0:
            print(f"sweep: {args.sweep_draws:,} draws ...", file=sys.stderr, flush=True)
            extras.append(run_child(["sweep", str(args.sweep_draws), *common]))
    if (not args.no_extras or args.planner) and not args.startup_only:
        factor_runs = (*(f"{c}+factors" for c in PLAN_CASES), "dealsearch-factors")
        for which in (*PLAN_CASES, "chamber", "planning", "dealsearch", *factor_runs):
            print(f"planner: {which} ...", file=sys.stderr, flush=True)
            extras.append(run_child(["planner", which, *common]))
    if (not args.no_extras or args.imports) and not args.startup_only:
        for domain in ("wide", "ampo"):
            print(f"import: {domain} GENIUS domain ...", file=sys.stderr, flush=True)
            extras.append(run_child(["import", domain, *common]))

    table, all_ok = report(rows, extras)
    print(table)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min) at the end: {load} on {os.cpu_count()} cores")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.json or RESULTS / f"bench-{stamp}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "when": stamp,
        "machine": machine(),
        "load_average_start": load_start,
        "repeats": args.repeats,
        "seed": args.seed,
        "analyze": rows,
        "extras": extras,
        "targets_met": all_ok,
    }
    path.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"results: {path}")
    return 1 if args.check and not all_ok else 0


if __name__ == "__main__":
    sys.exit(main())
