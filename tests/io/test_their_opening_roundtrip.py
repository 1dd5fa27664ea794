"""`their_opening` (top-level, like `opening`) is written back and reads back unchanged."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from casegen import cases

from leveltwo.io.casefile import case_from_text
from leveltwo.io.casewriter import write_case
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.data())
def test_their_opening_round_trips(case: Case, data: st.DataObject) -> None:
    def deal() -> Deal:
        return Deal(tuple(data.draw(st.integers(0, k - 1)) for k in case.shape))

    edited = replace(case, their_opening=deal(), opening=data.draw(st.none() | st.just(deal())))
    text = write_case(edited)
    assert "their_opening:" in text
    back = case_from_text(text)
    assert back == edited
    assert back.their_opening_deal() == edited.their_opening
    assert write_case(back, text) == text
