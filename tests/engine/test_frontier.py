"""Pareto frontier of two maximised objectives, on hand-made points (duplicates, ties)
and against a brute-force O(n²) check."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.frontier import pareto_indices, pareto_mask


def arrays(points: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    a = np.array([p[0] for p in points], dtype=np.float64)
    b = np.array([p[1] for p in points], dtype=np.float64)
    return a, b


def brute_force(points: list[tuple[float, float]]) -> list[int]:
    """Positions not dominated by any point, nor equal to an earlier one, values compared
    on the 1e-12 tie grid (each rounded down to a multiple of 1e-12)."""
    grid = [(math.floor(x / 1e-12), math.floor(y / 1e-12)) for x, y in points]
    out = []
    for i, (x, y) in enumerate(grid):
        dominated = any(
            (u >= x and v >= y and (u > x or v > y)) or ((u, v) == (x, y) and j < i)
            for j, (u, v) in enumerate(grid)
        )
        if not dominated:
            out.append(i)
    return out


POINTS = [
    (1.0, 0.0),  # 0: frontier
    (0.0, 1.0),  # 1: frontier
    (0.5, 0.5),  # 2: frontier
    (0.5, 0.5),  # 3: duplicate of 2, collapsed onto 2
    (0.4, 0.4),  # 4: dominated by 2
    (1.0, 0.0),  # 5: duplicate of 0
    (0.5, 0.2),  # 6: tie on a with 2, smaller b: dominated
    (0.2, 1.0),  # 7: tie on b with 1, larger a: dominates 1
    (0.0, 1.0),  # 8: duplicate of 1, and dominated by 7
]


def test_hand_made_points() -> None:
    a, b = arrays(POINTS)
    assert list(np.flatnonzero(pareto_mask(a, b))) == [0, 2, 7]
    assert list(pareto_indices(a, b)) == [0, 2, 7]  # by a, highest first
    assert brute_force(POINTS) == [0, 2, 7]


def test_frontier_order_is_by_the_first_objective_descending() -> None:
    pts = [(0.1, 0.9), (0.9, 0.1), (0.5, 0.6), (0.7, 0.3)]
    a, b = arrays(pts)
    assert list(pareto_indices(a, b)) == [1, 3, 2, 0]


def test_equal_points_collapse_onto_the_first() -> None:
    a, b = arrays([(0.3, 0.3)] * 5)
    assert list(np.flatnonzero(pareto_mask(a, b))) == [0]


def test_ties_on_one_objective() -> None:
    # same a: only the largest b survives; same b: only the largest a
    a, b = arrays([(0.5, 0.1), (0.5, 0.3), (0.5, 0.2)])
    assert list(np.flatnonzero(pareto_mask(a, b))) == [1]
    a, b = arrays([(0.1, 0.5), (0.3, 0.5), (0.2, 0.5)])
    assert list(np.flatnonzero(pareto_mask(a, b))) == [1]


def test_a_single_point_and_no_points() -> None:
    a, b = arrays([(0.2, 0.7)])
    assert list(pareto_mask(a, b)) == [True]
    empty = np.empty(0)
    assert len(pareto_mask(empty, empty)) == 0
    assert len(pareto_indices(empty, empty)) == 0


def test_prior_points_cover_equal_and_dominated_points() -> None:
    a, b = arrays([(0.5, 0.5), (0.6, 0.2), (0.1, 0.9), (0.5, 0.6)])
    prior = arrays([(0.5, 0.5), (0.6, 0.3)])
    # (0.5, 0.5) equals a prior point, (0.6, 0.2) is dominated by (0.6, 0.3)
    assert list(np.flatnonzero(pareto_mask(a, b, prior))) == [2, 3]


values = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 1.0])


@given(st.lists(st.tuples(values, values), max_size=40))
def test_matches_brute_force_with_many_ties(points: list[tuple[float, float]]) -> None:
    a, b = arrays(points)
    assert list(np.flatnonzero(pareto_mask(a, b))) == brute_force(points)


@given(
    st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), max_size=40),
    st.lists(st.tuples(values, values), max_size=10),
)
def test_prior_matches_brute_force_over_both(
    points: list[tuple[float, float]], before: list[tuple[float, float]]
) -> None:
    # with the earlier frontier as prior, a point is kept exactly when it would be on the
    # frontier of (earlier frontier + these points) as one of these points
    earlier = [before[i] for i in brute_force(before)]
    a, b = arrays(points)
    pa, pb = arrays(earlier)
    got = list(np.flatnonzero(pareto_mask(a, b, (pa, pb) if earlier else None)))
    whole = brute_force(earlier + points)
    assert got == [i - len(earlier) for i in whole if i >= len(earlier)]


def test_a_point_better_only_by_float_noise_is_not_on_the_frontier() -> None:
    # 0.1 + 0.2 exceeds 0.3 by 5.6e-17: raw floats would keep both points
    a = np.array([0.1 + 0.2, 0.3])
    b = np.array([0.2, 0.7])
    assert a[0] > a[1]
    assert list(pareto_mask(a, b)) == [False, True]


def test_points_equal_on_the_tie_grid_collapse_onto_the_first() -> None:
    a = np.array([0.5, 0.5 + 1e-16, 0.2])
    b = np.array([0.5 + 1e-16, 0.5, 0.9])
    assert list(pareto_mask(a, b)) == [True, False, True]


def test_the_frontier_grid_is_the_winsets_tie_grid() -> None:
    from leveltwo.engine import frontier, winsets

    assert frontier.TIE == winsets.TIE
