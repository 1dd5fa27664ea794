"""NegMAS reads leveltwo's exports with the same utilities (runs when NegMAS is installed).

NegMAS is an optional, separately licensed package: these tests import it only to
check interoperability and skip when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.io.genius_export import Format
from leveltwo.io.interop import export_case
from leveltwo.model.case import Case


def _ours(case: Case) -> list[tuple[float, ...]]:
    sides = sorted(case.sides, key=lambda s: s.id)
    rows = []
    for k in range(case.size):
        deal = case.deal_from_index(k)
        rows.append(tuple(round(s.negotiator.preferences.utility(deal), 9) for s in sides))
    return sorted(rows)


def _theirs(folder: Path) -> tuple[list[tuple[float, ...]], list[float | None]]:
    nm = pytest.importorskip("negmas")
    scenario = nm.Scenario.load(folder)
    assert scenario is not None
    # a profile with a discount factor below 1 loads as a discounted wrapper: its
    # undiscounted utility function is the one to compare
    ufuns = sorted(
        (getattr(u, "ufun", u) for u in scenario.ufuns), key=lambda u: Path(str(u.name)).stem
    )
    rows = sorted(
        tuple(round(float(u(o)), 9) for u in ufuns)
        for o in scenario.outcome_space.enumerate_or_sample()
    )
    return rows, [u.reserved_value for u in ufuns]


@pytest.mark.parametrize("fmt", [Format.NEGMAS, Format.GENIUSWEB, Format.NEGMAS_YAML])
@pytest.mark.parametrize("name", [b.name for b in bundled_cases()])
def test_negmas_reads_each_export_with_every_utility(
    name: str, fmt: Format, tmp_path: Path
) -> None:
    pytest.importorskip("negmas")
    case = load_case(name)
    export_case(case, fmt, tmp_path)
    rows, reserved = _theirs(tmp_path)
    assert rows == _ours(case)
    if fmt is not Format.GENIUSWEB:  # GeniusWeb holds a reservation bid, not a value
        expected = [s.negotiator.reservation for s in sorted(case.sides, key=lambda s: s.id)]
        assert reserved == pytest.approx(expected, abs=1e-12)
