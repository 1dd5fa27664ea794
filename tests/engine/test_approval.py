"""Approval of one stakeholder: p = Φ((u − r)/σ), or the step 1[u ≥ r] when σ = 0."""

from __future__ import annotations

import numpy as np
import pytest

from leveltwo.engine.approval import (
    STEP_TOLERANCE,
    approval_probability,
    approval_threshold_utility,
)

# Φ from a standard normal table (to the digits printed in such tables)
TABLE = [
    (0.0, 0.5),
    (1.0, 0.8413447461),
    (-1.0, 0.1586552539),
    (1.96, 0.9750021049),
    (-1.96, 0.0249978951),
    (3.0, 0.9986501020),
    (0.5, 0.6914624613),
]


@pytest.mark.parametrize(("z", "phi"), TABLE)
def test_approval_is_phi_of_the_standardised_margin(z: float, phi: float) -> None:
    r, sigma = 0.4, 0.08
    u = r + z * sigma
    assert float(approval_probability(u, r, sigma)) == pytest.approx(phi, abs=1e-9)


def test_approval_is_vectorised_over_deals() -> None:
    u = np.array([0.4, 0.48, 0.32])
    p = approval_probability(u, 0.4, 0.08)
    assert p.shape == (3,)
    np.testing.assert_allclose(p, [0.5, 0.8413447461, 0.1586552539], atol=1e-9)


def test_step_at_zero_uncertainty() -> None:
    u = np.array([0.0, 0.29, 0.3, 0.31, 1.0])
    np.testing.assert_array_equal(approval_probability(u, 0.3, 0.0), [0, 0, 1, 1, 1])


def test_step_approves_when_utility_equals_reservation_exactly() -> None:
    assert float(approval_probability(0.5, 0.5, 0.0)) == 1.0
    assert float(approval_probability(0.0, 0.0, 0.0)) == 1.0
    assert float(approval_probability(1.0, 1.0, 0.0)) == 1.0


def test_step_approves_when_utility_equals_reservation_by_hand_but_not_in_floats() -> None:
    # weights 2 : 4 normalised, values 0 and 0.6: u = 4/6 · 0.6 = 0.4 by hand
    u = 2 / 6 * 0.0 + 4 / 6 * 0.6
    assert u < 0.4  # 0.39999999999999997 in floating point
    assert float(approval_probability(u, 0.4, 0.0)) == 1.0


def test_step_refuses_a_utility_clearly_below_the_reservation() -> None:
    assert float(approval_probability(0.4 - 10 * STEP_TOLERANCE, 0.4, 0.0)) == 0.0
    assert float(approval_probability(0.3999, 0.4, 0.0)) == 0.0


def test_utility_equal_to_reservation_with_uncertainty_gives_even_odds() -> None:
    assert float(approval_probability(0.7, 0.7, 0.2)) == 0.5


def test_tiny_uncertainty_approaches_the_step() -> None:
    u = np.array([0.2, 0.4 - 1e-6, 0.4 + 1e-6, 0.9])
    np.testing.assert_array_equal(approval_probability(u, 0.4, 1e-9), [0, 0, 1, 1])


def test_reservation_outside_the_unit_interval_is_allowed() -> None:
    # a reservation above 1 can never be met; below 0 is always met
    assert float(approval_probability(1.0, 1.2, 0.0)) == 0.0
    assert float(approval_probability(0.0, -0.1, 0.0)) == 1.0


@pytest.mark.parametrize(
    ("level", "expected"),
    [(0.5, 0.4), (0.8413447461, 0.48), (0.1586552539, 0.32)],
)
def test_threshold_utility_inverts_the_approval(level: float, expected: float) -> None:
    assert approval_threshold_utility(0.4, 0.08, level) == pytest.approx(expected, abs=1e-8)


def test_threshold_utility_at_zero_uncertainty_is_the_reservation() -> None:
    assert approval_threshold_utility(0.45, 0.0, 0.9) == 0.45
