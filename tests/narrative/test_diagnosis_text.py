"""The diagnosis in plain sentences: exact wording on a hand-made diagnosis, numbers from
the engine's on a bundled case."""

from __future__ import annotations

from leveltwo.engine.diagnosis import Binding, Diagnosis, Fix, diagnose
from leveltwo.io.casefile import load_case
from leveltwo.model.deal import Deal
from leveltwo.narrative.diagnosis import diagnosis_text, explain
from leveltwo.narrative.numbers import percent


def fix(issue: str, frm: str, to: str, after: float, cost: float, p_after: float) -> Fix:
    return Fix(issue, issue.capitalize(), frm, to, 0.31, after, cost, p_after, 0.5)


def binding(name: str, side: str, p: float, cost: float, fixes: tuple[Fix, ...]) -> Binding:
    return Binding(
        f"{side}.{name.lower()}",
        side,
        name,
        "constituency",
        "ratify",
        p,
        p,
        cost,
        p < 0.5,
        0.05 if p < 0.5 else 0.0,
        0.5 if p < 0.5 else 0.9,
        fixes,
    )


def test_binding_blocker_sentence_matches_the_example() -> None:
    members = binding(
        "Membership vote",
        "union",
        0.31,
        0.12,
        (fix("pay", "4%", "8%", 0.58, 0.08, 0.52), fix("scope", "capped", "banned", 0.6, 0, 0.5)),
    )
    d = Diagnosis(Deal((0,)), (("pay", "4%"),), 0.5, 0.31, (members,))
    text = explain(d, us="airline")
    assert text.summary == (
        "The deal succeeds with probability 31%. 1 stakeholder holds it back; "
        "1 of them approves with less than 50% probability."
    )
    (b,) = text.blockers
    assert b.sentences == (
        "On their side, the Membership vote is the binding blocker: 31% approval.",
        "It costs the deal 12.0 points of success probability: 43% if it surely said yes.",
        "It is 0.05 utility short of approving at 50% odds.",
        "Moving Pay from 4% to 8% would bring it to 58% at a cost to us of 0.08, "
        "and the deal's success probability to 52%.",
        "Alternatively, moving Scope from capped to banned would bring it to 60% at no cost "
        "to us, and the deal's success probability to 50%.",
    )


def test_secure_wording_for_a_stakeholder_above_the_threshold_and_gains() -> None:
    board = binding("Board", "airline", 0.8, 0.03, (fix("pay", "8%", "4%", 0.95, -0.1, 0.2),))
    d = Diagnosis(Deal((0,)), (("pay", "8%"),), 0.5, 0.4, (board,))
    (b,) = explain(d, us="airline").blockers
    assert b.sentences[0] == (
        "On our side, the Board approves with 80% probability but still holds the deal back."
    )
    assert b.sentences[-1].startswith("To secure it at 90%, moving Pay from 8% to 4%")
    assert "while gaining us 0.10" in b.sentences[-1]


def test_no_blockers_and_no_fixes() -> None:
    d = Diagnosis(Deal((0,)), (("pay", "8%"),), 0.5, 0.97, ())
    assert explain(d, "airline").summary.startswith("The deal succeeds with probability 97%;")
    stuck = binding("Militants", "union", 0.1, 0.2, ())
    d = Diagnosis(Deal((0,)), (("pay", "8%"),), 0.5, 0.4, (stuck, stuck))
    text = explain(d, "airline")
    assert text.blockers[0].sentences[0].endswith("is a binding blocker: 10% approval.")
    assert text.blockers[0].sentences[-1] == (
        "No single-issue change brings it to 50% while helping the deal."
    )
    assert text.blockers[0].no_fix == text.blockers[0].sentences[-1]


def test_a_stakeholder_already_at_its_target_is_not_said_to_lack_a_fix() -> None:
    board = binding("Board", "airline", 0.92, 0.03, ())  # target 90%: already there
    d = Diagnosis(Deal((0,)), (("pay", "8%"),), 0.5, 0.8, (board,))
    [text] = explain(d, "airline").blockers
    assert text.no_fix == "It already approves comfortably; no term change is needed."
    assert not any("No single-issue change" in s for s in text.sentences)


def test_bundled_case_sentences_carry_the_engine_numbers() -> None:
    case = load_case("labour-contract")
    d = diagnose(case)
    text = diagnosis_text(case)
    assert percent(d.success_probability, 0) in text.summary
    assert [b.key for b in text.blockers] == [b.key for b in d.blockers]
    for b, t in zip(d.blockers, text.blockers, strict=True):
        assert b.name in t.text
        assert percent(b.approval_probability, 0) in t.sentences[0]
        if b.fixes:
            f = b.fixes[0]
            assert f"{f.issue_name} from {f.from_option} to {f.to_option}" in t.text
            assert percent(f.success_probability_after, 0) in t.text
    assert text.to_json()["summary"] == text.summary
