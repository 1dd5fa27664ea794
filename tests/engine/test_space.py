"""The outcome space: mixed-radix deal indices, chunks; and a deal's numbers do not
depend on the batch it is evaluated in."""

from __future__ import annotations

import numpy as np
from casegen import cases
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.evaluator import Evaluator, evaluate_all
from leveltwo.engine.space import OutcomeSpace
from leveltwo.model.case import Case


def test_size_and_strides() -> None:
    space = OutcomeSpace((4, 3, 2))
    assert space.size == 24
    assert space.strides == (6, 2, 1)  # the last issue varies fastest


def test_digits_of_indices() -> None:
    space = OutcomeSpace((4, 3, 2))
    digits = space.digits(np.array([0, 1, 2, 7, 23], dtype=np.int64))
    assert [list(d) for d in digits] == [[0, 0, 0, 1, 3], [0, 0, 1, 0, 2], [0, 1, 0, 1, 1]]


def test_flat_inverts_digits() -> None:
    space = OutcomeSpace((4, 3, 2))
    idx = np.arange(space.size, dtype=np.int64)
    np.testing.assert_array_equal(space.flat(space.digits(idx)), idx)


def test_chunks_cover_the_space_once_in_order() -> None:
    space = OutcomeSpace((5, 5))
    assert list(space.chunks(7)) == [(0, 7), (7, 14), (14, 21), (21, 25)]
    assert list(space.chunks(100)) == [(0, 25)]


def test_case_and_space_agree_on_deal_numbers(pilots: Case) -> None:
    space = OutcomeSpace(pilots.shape)
    digits = space.digits(np.arange(pilots.size, dtype=np.int64))
    for k in range(pilots.size):
        assert pilots.deal_from_index(k).choices == tuple(int(d[k]) for d in digits)


@given(cases(), st.data())
def test_a_deals_numbers_do_not_depend_on_its_batch(case: Case, pick: st.DataObject) -> None:
    whole = evaluate_all(case)
    ev = Evaluator(case)
    subset = pick.draw(
        st.lists(st.integers(0, case.size - 1), min_size=1, max_size=case.size, unique=True)
    )
    part = ev.evaluate(np.array(subset, dtype=np.int64))
    start = pick.draw(st.integers(0, case.size - 1))
    stop = pick.draw(st.integers(start + 1, case.size))
    rng = ev.evaluate_range(start, stop)
    for name in ("ratification", "implementation", "side", "utility", "expected_value"):
        full = getattr(whole, name)
        np.testing.assert_array_equal(getattr(part, name), full[:, subset], err_msg=name)
        np.testing.assert_array_equal(getattr(rng, name), full[:, start:stop], err_msg=name)
    np.testing.assert_array_equal(part.success, whole.success[subset])
    np.testing.assert_array_equal(rng.success, whole.success[start:stop])
