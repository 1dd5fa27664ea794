"""The worked example of docs/model.md §8 (pilots' contract, pay 8%, scope capped).

The hand-computed numbers are checked twice: exactly here (fractions and Φ
values written out), and row by row from the doc's golden table, so the doc
cannot drift from the engine.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from pathlib import Path

import pytest

from leveltwo.engine.assessment import Assessment, StakeholderResult, assess
from leveltwo.model.case import Case

ROOT = Path(__file__).resolve().parent.parent.parent
MODEL_DOC = ROOT / "docs" / "model.md"
MARKER = "<!-- golden: pilots proposal pay=8% scope=capped -->"
ROUNDING = 0.5e-4 + 1e-12  # the doc rounds to four decimals


@pytest.fixture(scope="module")
def result(pilots: Case) -> Assessment:
    assert pilots.proposal is not None
    assert pilots.deal_labels(pilots.proposal) == {"pay": "8%", "scope": "capped"}
    return assess(pilots)


def stakeholder(a: Assessment, key: str) -> StakeholderResult:
    for side in a.sides:
        for s in side.stakeholders():
            if s.key == key:
                return s
            for b in s.blocs:
                if b.key == key:
                    return b
    raise KeyError(key)


def engine_value(a: Assessment, key: str) -> float:
    """The engine's number for a key of the golden table (``approval union.members``...)."""
    kind, _, name = key.partition(" ")
    if kind == "success":
        return a.success_probability
    if kind == "utility":
        u = stakeholder(a, name).utility
        assert u is not None
        return u
    if kind == "approval":
        return stakeholder(a, name).approval_probability
    if kind == "ev":
        return a.expected_value[name]
    side = a.side(name)
    return {
        "ratification": side.ratification_probability,
        "implementation": side.implementation_probability,
        "side": side.probability,
    }[kind]


def golden_rows() -> list[tuple[str, float]]:
    """(key, hand value) for each row of the golden table in docs/model.md."""
    text = MODEL_DOC.read_text(encoding="utf-8")
    assert MARKER in text, "docs/model.md lost its golden table"
    table = text.split(MARKER, 1)[1].strip().split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines()[2:]:  # skip the header and the |---| line
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        key = re.fullmatch(r"`([^`]+)`", cells[1])
        assert key, line
        rows.append((key.group(1), float(cells[2])))
    return rows


def test_the_golden_table_covers_every_quantity_of_the_example() -> None:
    keys = {k for k, _ in golden_rows()}
    for side in ("airline", "union"):
        for kind in ("ratification", "implementation", "side", "ev"):
            assert f"{kind} {side}" in keys
    assert "success" in keys
    assert "approval union.members" in keys
    assert len(keys) == len(golden_rows())


@pytest.mark.parametrize(("key", "hand"), golden_rows(), ids=[k for k, _ in golden_rows()])
def test_golden_number_of_the_doc_equals_the_engine(
    result: Assessment, key: str, hand: float
) -> None:
    assert abs(engine_value(result, key) - hand) <= ROUNDING


# ---------------------------------------------------------------------------
# the same derivation, exactly
def phi(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2))


def test_utilities_are_the_fractions_derived_by_hand(result: Assessment) -> None:
    hand = {
        "airline.negotiator": Fraction(3, 4) * Fraction(1, 3) + Fraction(1, 4) * Fraction(3, 5),
        "airline.board": Fraction(1, 2) * Fraction(1, 3) + Fraction(1, 2) * Fraction(1, 2),
        "union.negotiator": Fraction(1, 2) * Fraction(2, 3) + Fraction(1, 2) * Fraction(1, 2),
        "union.members.senior": Fraction(2, 3) * Fraction(2, 3) + Fraction(1, 3) * Fraction(1, 2),
        "union.members.junior": Fraction(1, 3) * Fraction(2, 3) + Fraction(2, 3) * Fraction(1, 2),
        "union.militants": Fraction(1, 2),
    }
    assert hand["airline.negotiator"] == Fraction(2, 5)
    assert hand["airline.board"] == Fraction(5, 12)
    assert hand["union.negotiator"] == Fraction(7, 12)
    assert hand["union.members.senior"] == Fraction(11, 18)
    assert hand["union.members.junior"] == Fraction(5, 9)
    for key, u in hand.items():
        assert stakeholder(result, key).utility == pytest.approx(float(u), abs=1e-15), key


def test_approvals_are_phi_of_the_hand_z_scores(result: Assessment) -> None:
    z = {
        "airline.board": (Fraction(5, 12) - Fraction(2, 5)) / Fraction(8, 100),
        "union.members.senior": (Fraction(11, 18) - Fraction(45, 100)) / Fraction(5, 100),
        "union.members.junior": (Fraction(5, 9) - Fraction(55, 100)) / Fraction(5, 100),
        "union.militants": Fraction(0),
    }
    assert z["airline.board"] == Fraction(5, 24)
    assert z["union.members.senior"] == Fraction(29, 9)
    assert z["union.members.junior"] == Fraction(1, 9)
    four_decimals = {
        "airline.board": 0.5825,
        "union.members.senior": 0.9994,
        "union.members.junior": 0.5442,
        "union.militants": 0.5,
    }
    for key, zz in z.items():
        p = stakeholder(result, key).approval_probability
        assert p == pytest.approx(phi(float(zz)), abs=1e-15), key
        assert round(p, 4) == four_decimals[key], key
    # negotiators have σ = 0 and clear their reservations: the step gives 1
    assert stakeholder(result, "airline.negotiator").approval_probability == 1.0
    assert stakeholder(result, "union.negotiator").approval_probability == 1.0


def test_the_membership_vote_is_the_four_outcomes_enumerated_by_hand(
    result: Assessment,
) -> None:
    ps = stakeholder(result, "union.members.senior").approval_probability
    pj = stakeholder(result, "union.members.junior").approval_probability
    outcomes = {  # (senior, junior) → (approving share, probability)
        (True, True): (100, ps * pj),
        (True, False): (60, ps * (1 - pj)),
        (False, True): (40, (1 - ps) * pj),
        (False, False): (0, (1 - ps) * (1 - pj)),
    }
    # the doc's six-decimal figures
    doc = {
        (True, True): 0.543890,
        (True, False): 0.455474,
        (False, True): 0.000346,
        (False, False): 0.000290,
    }
    for k, (_, prob) in outcomes.items():
        assert round(prob, 6) == doc[k]
    assert sum(prob for _, prob in outcomes.values()) == pytest.approx(1.0, abs=1e-15)
    passing = sum(prob for share, prob in outcomes.values() if share >= 0.5 * 100)
    members = stakeholder(result, "union.members").approval_probability
    assert members == pytest.approx(passing, abs=1e-15)
    assert members == pytest.approx(ps, abs=1e-15)  # the senior bloc alone has a majority


def test_sides_deal_and_expected_values_follow_by_hand(result: Assessment) -> None:
    board = phi(5 / 24)
    members = phi(29 / 9)
    airline_side = 1.0 * board
    union_ratify = 1.0 * members
    union_implement = 1 - 0.5 * (1 - 0.5)
    union_side = union_ratify * union_implement
    p = airline_side * union_side
    ev_airline = p * 0.4 + (1 - p) * 0.25  # no_deal given
    ev_union = p * 7 / 12 + (1 - p) * 0.3  # no_deal defaults to the reservation
    airline, union = result.side("airline"), result.side("union")
    assert airline.implementation_probability == 1.0
    assert union.implementation_probability == 0.75
    assert airline.probability == pytest.approx(airline_side, abs=1e-15)
    assert union.ratification_probability == pytest.approx(union_ratify, abs=1e-15)
    assert union.probability == pytest.approx(union_side, abs=1e-15)
    assert result.success_probability == pytest.approx(p, abs=1e-15)
    assert result.expected_value["airline"] == pytest.approx(ev_airline, abs=1e-15)
    assert result.expected_value["union"] == pytest.approx(ev_union, abs=1e-15)
    # the rounded figures quoted in the brief and the doc
    assert round(result.success_probability, 4) == 0.4366
    assert round(airline.probability, 4) == 0.5825
    assert round(union.probability, 4) == 0.7495
    assert round(result.expected_value["airline"], 4) == 0.3155
    assert round(result.expected_value["union"], 4) == 0.4237
    assert airline.no_deal_value == 0.25
    assert union.no_deal_value == 0.3
