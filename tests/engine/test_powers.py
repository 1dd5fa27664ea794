"""The one power rule (engine/powers.py): where each power enters, its factor, by hand;
floats and arrays give the same bits; a side's two products in constituency order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.engine.powers import (
    ENTRY,
    Entry,
    enters,
    entry,
    factor,
    risk_factor,
    side_product,
)
from leveltwo.model.case import (
    Constituency,
    ImplementationRisk,
    Negotiator,
    Power,
    Preferences,
    Side,
)

PREFS = Preferences((1.0,), ((0.0, 1.0),))


def _c(cid: str, power: Power, strength: float = 1.0) -> Constituency:
    return Constituency(f"s.{cid}", cid, cid, PREFS, 0.5, 0.1, power=power, strength=strength)


def test_every_power_kind_has_a_place() -> None:
    assert set(ENTRY) == set(Power)
    assert entry(Power.RATIFY) is Entry.RATIFICATION
    assert entry(Power.BLOCK) is Entry.IMPLEMENTATION
    assert entry(Power.INFLUENCE) is None
    assert [enters(p) for p in Power] == [True, True, False]


def test_the_factors_by_hand() -> None:
    assert factor(Power.RATIFY, 0.3) == 0.3
    assert factor(Power.BLOCK, 0.3, 0.5) == pytest.approx(1 - 0.5 * 0.7)  # 0.65
    assert factor(Power.BLOCK, 0.3, 0.0) == 1.0  # a blocker of strength 0 never matters
    assert factor(Power.BLOCK, 0.3, 1.0) == pytest.approx(0.3)  # strength 1: like a ratifier
    assert factor(Power.INFLUENCE, 0.3) == 1.0
    assert risk_factor(0.25) == 0.75


@given(
    p=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=8),
    strength=st.floats(0.0, 1.0),
    power=st.sampled_from(list(Power)),
)
def test_a_batch_gives_the_bits_of_one_deal_at_a_time(
    p: list[float], strength: float, power: Power
) -> None:
    batch = factor(power, np.array(p), strength)
    assert batch.shape == (len(p),)
    assert [float(x) for x in batch] == [factor(power, x, strength) for x in p]


def test_a_side_multiplies_in_order_and_skips_influencers() -> None:
    side = Side(
        "s",
        "S",
        Negotiator("s.negotiator", "negotiator", "N", PREFS, 0.5, 0.1),
        (
            _c("a", Power.RATIFY),
            _c("b", Power.BLOCK, 0.5),
            _c("c", Power.INFLUENCE),
            _c("d", Power.RATIFY),
        ),
        risks=(ImplementationRisk("k", "K", 0.2),),
    )
    p = {"a": 0.8, "b": 0.4, "c": 0.0, "d": 0.5}
    asked: list[str] = []

    def approval(c: Constituency) -> float:
        asked.append(c.id)
        return p[c.id]

    ratify, implement = side_product(side, 0.9, approval)
    assert asked == ["a", "b", "d"]  # an influencer's approval is never needed
    assert ratify == 0.9 * 0.8 * 0.5
    assert implement == (1.0 - 0.5 * (1.0 - 0.4)) * (1.0 - 0.2)  # 0.7 · 0.8 = 0.56
    arrays = side_product(side, np.array([0.9, 0.9]), lambda c: np.full(2, p[c.id]))
    assert list(arrays[0]) == [ratify, ratify]
    assert list(arrays[1]) == [implement, implement]
    bare = replace(side, constituencies=(), risks=())
    assert side_product(bare, 0.9, approval) == (0.9, 1.0)
