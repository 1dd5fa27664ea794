"""The victory-speech draft: addresses everyone, cites only the deal's terms, deterministic."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from smallcases import small_case

from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import load_case
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal
from leveltwo.narrative.document import Run, plain_text
from leveltwo.narrative.phrasing import md_escape
from leveltwo.narrative.speech import VictorySpeech, victory_speech

CASES = {b.name: load_case(b.name) for b in bundled_cases()}


def lines(speech: VictorySpeech) -> list[tuple[Run, ...]]:
    out: list[tuple[Run, ...]] = []
    for b in speech.blocks:
        out.extend(b.items if b.kind == "bullets" else [b.runs])
    return out


def cited(case: Case, speech: VictorySpeech) -> list[tuple[str, str, str]]:
    """(style, issue id, label) of every label run, its issue read from the text before it."""
    out = []
    for line in lines(speech):
        for k, run in enumerate(line):
            if run.style == "text":
                continue
            before = plain_text(line[:k])
            # the issue named last before the label is the issue it belongs to
            pos = {iss.id: before.rfind(iss.name) for iss in case.issues}
            iid = max(pos, key=lambda i: (pos[i], len(case.issue(i).name)))
            assert pos[iid] >= 0, f"label {run.text!r} cited without its issue"
            out.append((run.style, iid, run.text))
    return out


def check_terms(case: Case, deal: Deal, speech: VictorySpeech) -> None:
    labels = case.deal_labels(deal)
    # italics: the other side's opening (ours for their speech, theirs for our own)
    ours = speech.ingredients.ours
    opening = case.deal_labels(case.their_opening_deal() if ours else case.opening_deal())
    found = cited(case, speech)
    assert found, "the speech cites no term at all"
    for style, iid, label in found:
        if style == "term":
            assert label == labels[iid], (iid, label)
        else:
            assert label == opening[iid], (iid, label)
    # and in the Markdown itself: every bold span is an (escaped) term of the deal
    bold = re.findall(r"\*\*(.+?)\*\*", speech.text)
    assert set(bold) <= {md_escape(x) for x in labels.values()}
    assert len(bold) == sum(1 for s, _, _ in found if s == "term")


def check_mentions(case: Case, speech: VictorySpeech) -> None:
    side = case.side(speech.side)
    for c in side.constituencies:
        assert md_escape(c.name) in speech.text
        for b in c.blocs:
            assert md_escape(b.name) in speech.text


def test_small_case_speech_by_hand() -> None:
    case = small_case()
    speech = victory_speech(case)
    text = speech.text
    assert text.startswith("# Union: why this agreement deserves a yes\n")
    # the pay rise inflames the firm's board: never claimed, neither as won nor as better
    assert "Pay rise: **high**. On this point you do better" not in text
    assert "from *low* to **high**" not in text
    # keeping the plant inflames nobody: claimed as a move from our opening
    assert "- Plant: from *close* to **keep**." in text
    assert "Plant: **keep**. Firm opened at *close*." in text
    # retirees get no pay claim (the raise is worth 0 to them)
    retirees = text.split("## Retirees")[1].split("##")[0]
    assert "Pay rise" not in retirees
    assert "I ask the Members to ratify this agreement, and the Retirees to help make it work." in (
        text
    )
    check_terms(case, case.proposal or Deal((0, 0)), speech)
    check_mentions(case, speech)


def test_audience_without_claims_gets_its_heaviest_issue_stated_plainly() -> None:
    case = small_case()
    # pay low, site close: nothing beats the members' no deal or our opening
    speech = victory_speech(case, Deal((0, 0)))
    members = speech.text.split("## Members")[1].split("##")[0]
    assert (
        "I will not claim more than the text gives you. On Pay rise, the agreement sets **low**."
        in (members)
    )
    assert "Taken as a whole" not in members


def test_speech_json_shape() -> None:
    case = small_case()
    out = victory_speech(case).to_json()
    assert list(out) == ["side", "deal", "ingredients", "text"]
    assert out["side"] == "union"
    assert out["deal"] == {"pay": "high", "site": "keep"}
    ing = out["ingredients"]
    assert isinstance(ing, dict)
    assert [c["key"] for c in ing["constituencies"]] == ["union.members", "union.retirees"]
    json.dumps(out)  # serialisable


@given(
    name=st.sampled_from(sorted(CASES)),
    index=st.integers(0, 10**9),
    ours=st.booleans(),
)
def test_bundled_speeches_cite_only_the_deal_and_address_everyone(
    name: str, index: int, ours: bool
) -> None:
    case = CASES[name]
    deal = case.deal_from_index(index % case.size)
    speech = victory_speech(case, deal, case.us if ours else case.their_side.id)
    check_terms(case, deal, speech)
    check_mentions(case, speech)
    assert speech.text == victory_speech(case, deal, speech.side).text


def test_same_bytes_across_processes_and_hash_seeds() -> None:
    code = (
        "import json, leveltwo; from leveltwo.narrative import victory_speech; "
        "c = leveltwo.load_case('cross-border-acquisition'); "
        "print(json.dumps(victory_speech(c).to_json()))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1
    assert json.loads(next(iter(outs)))["side"] == "target"
