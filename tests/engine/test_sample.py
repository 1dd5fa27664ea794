"""The one sample of deals every chart draws (engine/sample.py)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.sample import SAMPLE_CAP, sample_indices


@given(st.integers(1, 5000), st.integers(1, 6000))
def test_a_small_space_is_drawn_whole(size: int, budget: int) -> None:
    idx, sampled = sample_indices(size, max(size, budget))
    assert not sampled
    assert idx.tolist() == list(range(size))


@given(st.integers(30_001, 10**7), st.integers(1, 3000), st.integers(3001, SAMPLE_CAP))
def test_a_smaller_chart_shows_a_subset_of_a_larger_ones_points(
    size: int, small: int, large: int
) -> None:
    a, sampled_a = sample_indices(size, small)
    b, sampled_b = sample_indices(size, large)
    assert sampled_a
    assert sampled_b
    assert len(a) == small
    assert len(b) == large
    assert len(np.unique(b)) == large  # without replacement
    assert np.isin(a, b).all()
    assert (np.diff(b) > 0).all()
    assert b[0] >= 0
    assert b[-1] < size


def test_same_seed_same_points_other_seed_other_points() -> None:
    a, _ = sample_indices(10**6, 500, seed=7)
    again, _ = sample_indices(10**6, 500, seed=7)
    other, _ = sample_indices(10**6, 500, seed=8)
    assert (a == again).all()
    assert not (a == other).all()
