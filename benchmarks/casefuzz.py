"""A seeded fuzzer: mutated bundled case files through the commands that read them.

    .venv/bin/python benchmarks/casefuzz.py [--mutants 200] [--seed 0] [--json out.json]

Each mutant is a bundled case file changed by one to three mutations drawn from
``random.Random(seed)``: a number replaced by a hostile one (NaN, infinities,
5,000 digits, 1e400...), a value replaced by a hostile text or structure
(control characters, lone surrogates, ``!!set``/``!!binary``/``!!python`` tags,
self-referencing aliases, deep nesting, a hundred-million-option range), a line
deleted, duplicated (a duplicate key) or swapped, the text truncated. Every
mutant goes through :data:`COMMANDS` in this process (typer's test runner); each
run's exit code and wall time is printed as one JSON line, and a summary at the
end. A run "fails" when it exits with anything but 0, 1 or 2 (3 is an internal
error) or raises. The test suite runs a small sample
(tests/cli/test_cli_fuzz.py) under a time bound; ``make bench`` runs a large one.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: (command, extra arguments); ``{out}`` is replaced by a file in a temporary directory.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("validate", ()),
    ("analyze", ()),
    ("winsets", ()),
    ("speech", ()),
    ("plan", ()),
    ("report", ("-o", "{out}")),
)

HOSTILE_NUMBERS = (
    ".nan",
    ".inf",
    "-.inf",
    ".NaN",
    "1e400",
    "1.0e+400",
    "9" * 5000,
    "-" + "9" * 40,
    "123456789012345678",
    "1e15",
    "1.0e+16",
    "-1",
    "0",
    "-0.0",
    "0x7fffffffffffffff",
    "1_000_000_000",
    "2.5",
)

HOSTILE_VALUES = (
    '"a\\0b"',
    '"\\ud800"',
    '"\\x07bell"',
    '"\\x1b[31m"',
    '"\\u202e"',
    "!!set {a, b}",
    "!!binary aGVsbG8=",
    "!!python/name:os.system ''",
    "!!omap [a: 1]",
    "!custom x",
    "&self [*self]",
    "[" * 200 + "]" * 200,
    "{start: 0, stop: 100000000, step: 1}",
    "{start: 0, stop: .inf, step: 1}",
    "{start: .nan, stop: 1, step: 1}",
    "{start: 0, stop: 1, step: 0}",
    "{start: 0, stop: 1000000000000000, step: 0.000000000000001}",
    "{start: 0, stop: 10, step: 1e-300}",
    "2024-01-01",
    "null",
    "~",
    "[]",
    "{}",
    "yes",
    '""',
    "'" + "x" * 2000 + "'",
    "[" + ", ".join(["1"] * 3000) + "]",
)

_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_VALUE = re.compile(r"(?m)(:\s+|-\s+)([^\s#{}\[\],][^#\n]*)$")


@dataclass(frozen=True)
class Mutant:
    case: str
    seed: int
    mutations: tuple[str, ...]
    text: str


def _mutate(rng: random.Random, text: str) -> tuple[str, str]:
    kind = rng.choice(("number", "value", "value", "delete", "duplicate", "swap", "truncate"))
    lines = text.splitlines(keepends=True)
    if kind == "number":
        spots = list(_NUMBER.finditer(text))
        if spots:
            m = rng.choice(spots)
            new = rng.choice(HOSTILE_NUMBERS)
            return text[: m.start()] + new + text[m.end() :], f"number {m.group()}→{new[:20]}"
    if kind == "value":
        spots = list(_VALUE.finditer(text))
        if spots:
            m = rng.choice(spots)
            new = rng.choice(HOSTILE_VALUES)
            return text[: m.start(2)] + new + text[m.end(2) :], f"value →{new[:30]}"
    if kind == "delete" and len(lines) > 1:
        i = rng.randrange(len(lines))
        return "".join(lines[:i] + lines[i + 1 :]), f"delete line {i + 1}"
    if kind == "duplicate" and lines:
        i = rng.randrange(len(lines))
        return "".join(lines[: i + 1] + lines[i:]), f"duplicate line {i + 1}"
    if kind == "swap" and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines), f"swap lines {i + 1} and {j + 1}"
    cut = rng.randrange(len(text) + 1)
    return text[:cut], f"truncate at {cut}"


def bundled_texts() -> dict[str, str]:
    from leveltwo.io.bundled import bundled_cases

    return {c.name: c.path.read_text(encoding="utf-8") for c in bundled_cases()}


def mutants(count: int, seed: int = 0) -> Iterator[Mutant]:
    """``count`` mutants of the bundled cases, the same for the same seed."""
    texts = bundled_texts()
    names = sorted(texts)
    for k in range(count):
        rng = random.Random(f"{seed}:{k}")
        name = rng.choice(names)
        text, done = texts[name], []
        for _ in range(rng.randint(1, 3)):
            text, what = _mutate(rng, text)
            done.append(what)
        yield Mutant(name, k, tuple(done), text)


def run(count: int, seed: int, out: Path, quiet: bool = False) -> list[dict[str, object]]:
    from typer.testing import CliRunner

    from leveltwo.cli.app import app

    runner = CliRunner(env={"COLUMNS": "120", "LEVELTWO_DEBUG": ""})
    rows: list[dict[str, object]] = []
    for m in mutants(count, seed):
        path = out / f"mutant-{m.seed}.yaml"
        path.write_text(m.text, encoding="utf-8", errors="surrogatepass")
        for command, extra in COMMANDS:
            args = [command, str(path), *(a.format(out=out / "out.html") for a in extra)]
            t0 = time.perf_counter()
            result = runner.invoke(app, args)
            seconds = time.perf_counter() - t0
            raised = result.exception is not None and not isinstance(result.exception, SystemExit)
            row: dict[str, object] = {
                "mutant": m.seed,
                "case": m.case,
                "mutations": list(m.mutations),
                "command": command,
                "exit": result.exit_code,
                "seconds": round(seconds, 3),
                "raised": repr(result.exception) if raised else None,
            }
            failed = raised or result.exit_code not in (0, 1, 2)
            if failed:
                row["output"] = result.output[-400:]
            rows.append(row)
            if failed or not quiet:
                print(json.dumps(row), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write all rows here")
    parser.add_argument("--quiet", action="store_true", help="print failures and the summary")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(args.mutants, args.seed, Path(tmp), quiet=args.quiet)
    bad = [r for r in rows if r["raised"] or r["exit"] not in (0, 1, 2)]
    times = sorted(float(r["seconds"]) for r in rows)  # type: ignore[arg-type]
    summary = {
        "runs": len(rows),
        "failures": len(bad),
        "max_seconds": times[-1] if times else 0.0,
        "median_seconds": times[len(times) // 2] if times else 0.0,
        "exits": {
            str(c): sum(r["exit"] == c for r in rows) for c in sorted({r["exit"] for r in rows})
        },  # type: ignore[type-var]
    }
    print(json.dumps({"summary": summary}), flush=True)
    if args.json is not None:
        args.json.write_text(json.dumps({"summary": summary, "rows": rows}, indent=1))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
