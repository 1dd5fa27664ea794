"""The diagnosis in plain sentences, for the report and the web app.

Turns :func:`leveltwo.engine.diagnosis.diagnose` into prose such as::

    On their side, the Membership vote is the binding blocker: 31% approval.
    It costs the deal 12.0 points of success probability: 43% if it surely
    said yes. Moving Pay from 4% to 8% would bring it to 58% at a cost to us
    of 0.08, and the deal's success probability to 52%.

Only changes that raise the deal's success probability or our expected value
are offered as fixes; a change that wins the stakeholder while hurting the deal
is named as a trade-off (:func:`trade_off_sentence`).

Every number is the diagnosis's own, formatted by
:mod:`leveltwo.narrative.phrasing`; nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from leveltwo.engine.diagnosis import Binding, Diagnosis, Fix, diagnose
from leveltwo.model.case import Case
from leveltwo.model.deal import Deal
from leveltwo.narrative.numbers import percent, points, utility

#: Fixes written out per stakeholder (the diagnosis keeps them all).
MAX_FIXES = 2
#: Costs to us smaller than this (in utility) read "at no cost to us".
NEGLIGIBLE = 5e-4
#: What every surface says of a deal that nobody holds back.
NOBODY = "Nobody costs this deal a noticeable share of its success probability."


def no_fix_sentence(b: Binding, d: Diagnosis | None = None) -> str:
    """What to say of a stakeholder for which no single-issue change is proposed.

    One already at its target level needs none; for one that a change would win
    only by hurting the deal, that change is named as the trade-off it is; for
    any other, none of the single-issue changes reaches the target while helping
    the deal.
    """
    if b.approval_probability >= b.target_level:
        return "It already approves comfortably; no term change is needed."
    if d is not None and b.trade_offs:
        return trade_off_sentence(b, d)
    return (
        f"No single-issue change brings it to {percent(b.target_level, 0)} while helping the deal."
    )


@dataclass(frozen=True)
class BlockerText:
    """The sentences about one stakeholder that costs the deal probability."""

    key: str
    name: str
    side: str
    binding: bool
    sentences: tuple[str, ...]
    #: The sentence said when no single-issue change is proposed (None when some are).
    no_fix: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "side": self.side,
            "binding": self.binding,
            "sentences": list(self.sentences),
            "text": self.text,
            "no_fix": self.no_fix,
        }


@dataclass(frozen=True)
class DiagnosisText:
    """A summary sentence and a paragraph per stakeholder, most costly first."""

    summary: str
    blockers: tuple[BlockerText, ...]

    def paragraphs(self) -> tuple[str, ...]:
        return (self.summary, *(b.text for b in self.blockers))

    def to_json(self) -> dict[str, object]:
        return {
            "summary": self.summary,
            "nobody": NOBODY,
            "blockers": [b.to_json() for b in self.blockers],
        }


def _points(x: float) -> str:
    """A probability difference in percentage points: ``0.123 → "12.3 points"``."""
    return points(x)


def _cost(f: Fix) -> str:
    if abs(f.cost_to_us) < NEGLIGIBLE:
        return "at no cost to us"
    if f.cost_to_us > 0:
        return f"at a cost to us of {utility(f.cost_to_us, 2)}"
    return f"while gaining us {utility(-f.cost_to_us, 2)}"


def fix_sentence(f: Fix, lead: str = "Moving") -> str:
    """``Moving Pay from 4% to 8% would bring it to 58% at a cost to us of 0.08, …``."""
    return (
        f"{lead} {f.issue_name} from {f.from_option} to {f.to_option} would bring it to "
        f"{percent(f.approval_after, 0)} {_cost(f)}, and the deal's success probability to "
        f"{percent(f.success_probability_after, 0)}."
    )


def trade_off_sentence(b: Binding, d: Diagnosis) -> str:
    """The best of the changes that would win this stakeholder only by hurting the deal,
    said as the trade-off it is (never offered as a fix)."""
    t = b.trade_offs[0]
    return (
        f"No single-issue change brings it to {percent(b.target_level)} while raising the "
        f"deal's success probability or our expected value: moving {t.issue_name} from "
        f"{t.from_option} to {t.to_option} would bring it to {percent(t.approval_after)} "
        f"but take the deal from {percent(d.success_probability)} to "
        f"{percent(t.success_probability_after)} — a trade-off, not a fix."
    )


def _headline(b: Binding, us: str, binding_count: int) -> str:
    whose = "our side" if b.side == us else "their side"
    if b.binding:
        article = "the" if binding_count == 1 else "a"
        return (
            f"On {whose}, the {b.name} is {article} binding blocker: "
            f"{percent(b.approval_probability, 0)} approval."
        )
    return (
        f"On {whose}, the {b.name} approves with {percent(b.approval_probability, 0)} "
        "probability but still holds the deal back."
    )


def blocker_text(b: Binding, d: Diagnosis, us: str) -> BlockerText:
    """The sentences about one stakeholder of the diagnosis."""
    binding_count = sum(1 for x in d.blockers if x.binding)
    out = [_headline(b, us, binding_count)]
    out.append(
        f"It costs the deal {_points(b.probability_cost)} of success probability: "
        f"{percent(d.success_probability + b.probability_cost, 0)} if it surely said yes."
    )
    if b.shortfall:
        out.append(
            f"It is {utility(b.shortfall, 2)} utility short of approving at "
            f"{percent(d.threshold, 0)} odds."
        )
    weak = [(name, p, s) for _, name, p, s in b.blocs if p < d.threshold]
    for name, p, s in weak:
        out.append(
            f"Within it, the {name} approve with {percent(p, 0)} probability, "
            f"{utility(s, 2)} utility short."
        )
    if b.fixes:
        first = "Moving" if b.binding else f"To secure it at {percent(b.target_level, 0)}, moving"
        leads = [first] + ["Alternatively, moving"] * (MAX_FIXES - 1)
        out.extend(fix_sentence(f, lead) for f, lead in zip(b.fixes, leads, strict=False))
        return BlockerText(b.key, b.name, b.side, b.binding, tuple(out))
    no_fix = no_fix_sentence(b, d)
    out.append(no_fix)
    return BlockerText(b.key, b.name, b.side, b.binding, tuple(out), no_fix)


def explain(d: Diagnosis, us: str) -> DiagnosisText:
    """Plain sentences for a diagnosis (``us``: the side the user advises)."""
    p = percent(d.success_probability, 0)
    if not d.blockers:
        summary = (
            f"The deal succeeds with probability {p}; nobody costs it a noticeable share of that."
        )
    else:
        n = len(d.blockers)
        binding = sum(1 for b in d.blockers if b.binding)
        who = "stakeholder holds" if n == 1 else "stakeholders hold"
        verb = "approves" if binding == 1 else "approve"
        summary = (
            f"The deal succeeds with probability {p}. {n} {who} it back; {binding} of them "
            f"{verb} with less than {percent(d.threshold, 0)} probability."
        )
    return DiagnosisText(summary, tuple(blocker_text(b, d, us) for b in d.blockers))


def diagnosis_text(case: Case, deal: Deal | None = None, threshold: float = 0.5) -> DiagnosisText:
    """Diagnose ``deal`` (default: the proposal) and say it in plain sentences."""
    return explain(diagnose(case, deal, threshold), case.us)
