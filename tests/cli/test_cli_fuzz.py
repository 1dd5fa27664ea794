"""A small seeded sample of the case-file fuzzer (benchmarks/casefuzz.py; `make bench` runs a
large one): every command answers every mutant with exit 0, 1 or 2, never 3, never a hang."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Seconds any one run may take (the hangs this guards against ran for hours).
RUN_BOUND = 20.0


def test_mutated_cases_exit_0_1_or_2_within_the_time_bound(tmp_path: Path) -> None:
    out = tmp_path / "fuzz.json"
    script = str(ROOT / "benchmarks" / "casefuzz.py")
    proc = subprocess.run(
        [sys.executable, script, "--mutants", "12", "--seed", "14", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    doc = json.loads(out.read_text())
    rows = doc["rows"]
    assert len(rows) == 12 * 6
    bad = [r for r in rows if r["raised"] or r["exit"] not in (0, 1, 2)]
    assert not bad, bad
    slow = [r for r in rows if r["seconds"] > RUN_BOUND]
    assert not slow, slow
    assert proc.returncode == 0, proc.stdout[-2000:]
    # the sample is not all refusals: some mutants are still valid cases
    assert any(r["exit"] == 0 for r in rows)
