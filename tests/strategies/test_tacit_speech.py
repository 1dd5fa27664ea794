"""A concession hidden by a tacit form is not claimed in the same plan's public speech."""

from __future__ import annotations

from dataclasses import replace

import pytest

import leveltwo
from leveltwo.io.bundled import bundled_cases
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal
from leveltwo.strategies.evaluate import context
from leveltwo.strategies.joint import candidate_pool
from leveltwo.strategies.move import Move
from leveltwo.strategies.planner import plan, settings_for, start_state
from leveltwo.strategies.search import Search

NAMES = [b.name for b in bundled_cases()]
TACIT = "agreement_form:tacit"


def _hidden(case: Case, side: str) -> set[int]:
    """Issues weighed by a stakeholder of the other side with an audience cost, written
    out from the case data."""
    out: set[int] = set()
    for s in case.sides:
        if s.id == side:
            continue
        people = [s.negotiator, *s.constituencies, *(b for c in s.constituencies for b in c.blocs)]
        for st in people:
            if st.level2.audience_cost > 0:
                out |= {i for i, w in enumerate(st.preferences.weights) if w > 0}
    return out


def _moves(case: Case, keys: tuple[str, ...]) -> tuple[Move, ...]:
    settings = settings_for(case)
    pool = {m.key: m for m in candidate_pool(context(start_state(case, None)), settings.allowed)}
    return tuple(pool[k] for k in keys if k in pool)


def _p(case: Case, keys: tuple[str, ...]) -> float:
    search = Search(start_state(case, None), settings_for(case))
    return search.value(_moves(case, keys)).success_probability


def _moved_opening(case: Case, hidden: set[int]) -> Case:
    opening = list(case.opening_deal().choices)
    for i in hidden:
        opening[i] = (opening[i] + 1) % len(case.issues[i].options)
    return replace(case, opening=Deal(tuple(opening)))


@pytest.mark.parametrize("name", NAMES)
def test_the_public_speech_claims_nothing_the_tacit_form_hides(name: str) -> None:
    case = leveltwo.load_case(name)
    theirs = case.their_side.id
    keys = (TACIT, f"victory_speech:{theirs}")
    if len(_moves(case, keys)) < 2:
        return  # the case offers no tacit form or no speech to their side
    hidden = _hidden(case, theirs)
    if not hidden:
        return  # the tacit form spares no one on our side: it hides none of our concessions
    # their speech measures the gains against our opening: moving our opening on the
    # hidden issues changes nothing when the tacit form is in, as those are not claimed
    moved = _moved_opening(case, hidden)
    assert _p(moved, keys) == pytest.approx(_p(case, keys), abs=1e-12)
    # and the plan never claims in public what its own tacit form hides
    p = plan(case, with_find_out=False)
    if set(keys) <= set(p.move_keys):
        assert _p(moved, p.move_keys) == pytest.approx(p.success_probability_after, abs=1e-12)


def test_without_the_tacit_form_the_same_speech_claims_those_gains() -> None:
    case = leveltwo.load_case("missile-crisis")
    hidden = _hidden(case, "varesh")
    speech = ("victory_speech:varesh",)
    assert len(_moves(case, (TACIT, *speech))) == 2  # the check above is not vacuous here
    assert _p(_moved_opening(case, hidden), speech) != pytest.approx(_p(case, speech), abs=1e-9)


def _ours_receptive() -> Case:
    """missile-crisis with Aldoria's hawks receptive to our own victory speech (λ 0.3)."""
    import yaml

    from leveltwo.io.casefile import read_case_text
    from leveltwo.model.build import build_case

    data = yaml.safe_load(read_case_text("missile-crisis")[0])
    ours = next(s for s in data["sides"] if s["id"] == data["us"])
    next(c for c in ours["constituencies"] if c["id"] == "hawks")["victory"] = 0.3
    return build_case(data)


def _moved_their_opening(case: Case, hidden: set[int]) -> Case:
    opening = list(case.their_opening_deal().choices)
    for i in hidden:
        opening[i] = (opening[i] + 1) % len(case.issues[i].options)
    return replace(case, their_opening=Deal(tuple(opening)))


def test_our_own_public_speech_claims_nothing_the_tacit_form_hides() -> None:
    # our speech measures from their opening (`their_opening`): with the tacit form in,
    # moving their opening on the issues it hides (those Varesh's audience-cost holders
    # weigh) changes nothing; without it, the same move changes our speech's credit
    case = _ours_receptive()
    speech = (f"victory_speech:{case.us}",)
    keys = (TACIT, *speech)
    assert len(_moves(case, keys)) == 2
    hidden = _hidden(case, case.us)
    assert hidden
    moved = _moved_their_opening(case, hidden)
    assert _p(moved, keys) == pytest.approx(_p(case, keys), abs=1e-12)
    assert _p(moved, speech) != pytest.approx(_p(case, speech), abs=1e-9)
