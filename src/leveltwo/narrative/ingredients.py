"""The ingredients of a victory speech, derived from the model (docs/speech.md, `victory_speech`).

For the side a speech is written for (by default the counterpart), each of its
constituencies, and each bloc of a constituency that votes by blocs, is an
*audience* a. For every issue i that a weighs (w_ai > 0) and the deal d, with
o the *other side's* opening position — in a speech for the counterpart, our
opening (:meth:`Case.opening_deal`: the case's ``opening``, else the deal our
negotiator likes best); in our own speech, theirs
(:meth:`Case.their_opening_deal`: ``their_opening``, else the deal their
negotiator likes best), the reference of the ``victory_speech`` move — and r_a
the audience's reservation (the side's no-deal value x_s for its negotiator):

- **score** w_ai · v_ai(d_i): how much the deal's term on i gives a, weighted
  by how much a cares; claims are ordered by it (largest first, ties in issue
  order);
- **no-deal margin** w_ai · (v_ai(d_i) − r_a): the issue's share of a's surplus
  over its no-deal alternative (the margins of all issues sum to u_a(d) − r_a,
  because the weights sum to 1);
- **opening margin** w_ai · (v_ai(d_i) − v_ai(o_i)): what the move from the
  other side's opening position to the deal gave a on that issue.

A **claim** about i is made only when one of the two margins is positive: the
term serves a better than no deal, or better than the other side's opening.

The speaker's **concessions** are the issues where the deal is better for the
side's negotiator than the other side's opening position (from → to); what it
**held** are the issues where the deal keeps *our* opening term and that term
beats no deal (only in a speech for our own side, whose opening it is).

What the speech *says* is derived here once, and every surface (the draft,
the CLI, the report, the web page) counts from it: :attr:`SpeechIngredients.won`
(concessions to claim: those that inflame nobody), :attr:`Audience.speakable`
(claims to make to an audience: those that inflame nobody), and
:attr:`Audience.clears_bar` — true only when the audience approves the deal
with probability at least the speech's ``target`` (by default the level the
diagnosis secures a stakeholder to, 90%) *and* the deal gives it at least its
reservation. A claim that would inflame a listener is never presented as a win:
it is a line to avoid, and the draft leaves it out.

A claim is a **line to avoid** when boasting about it would inflame a
*listener*: any other constituency that decides as one actor, or any bloc,
on either side (negotiators excluded). A listener t is inflamed by a claim
about issue i when it values the issue's options in the opposite direction
(the correlation of v_ti and v_ai across the options is negative) and weighs
the claimed term heavily against itself: its loss w_ti · (max_k v_ti(k) −
v_ti(d_i)) is at least :data:`INFLAME_THRESHOLD`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from math import sqrt
from typing import Literal

from leveltwo.engine.assessment import Assessment, StakeholderResult, assess
from leveltwo.engine.diagnosis import SECURE_LEVEL
from leveltwo.errors import InputError, Problem
from leveltwo.model.case import Case, Power, Side, Stakeholder
from leveltwo.model.deal import Deal
from leveltwo.narrative.numbers import percent, utility
from leveltwo.strategies.moves import victory_speech

#: A listener's loss on an issue (its utility scale) that counts as "weighs it heavily".
INFLAME_THRESHOLD = 0.05

#: Margins within this of zero count as zero (float noise in normalised weights).
TOLERANCE = 1e-9

AudienceKind = Literal["constituency", "bloc"]


@dataclass(frozen=True)
class Listener:
    """A stakeholder whom a boast about one issue would inflame, and by how much."""

    key: str
    name: str
    side: str
    side_name: str
    weight: float
    value: float
    best_value: float
    preferred: str

    @property
    def loss(self) -> float:
        """w_ti · (max_k v_ti(k) − v_ti(d_i)): what the claimed term costs the listener."""
        return self.weight * (self.best_value - self.value)

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "side": self.side,
            "side_name": self.side_name,
            "weight": self.weight,
            "loss": self.loss,
            "preferred": self.preferred,
        }


@dataclass(frozen=True)
class Claim:
    """What the deal's term on one issue lets the speaker say to one audience."""

    issue: str
    issue_name: str
    term: str
    weight: float
    value: float
    no_deal_reference: float
    opening_term: str
    opening_value: float
    inflames: tuple[Listener, ...] = ()

    @property
    def score(self) -> float:
        """w · v(d_i): the ordering key."""
        return self.weight * self.value

    @property
    def no_deal_margin(self) -> float:
        """w · (v(d_i) − r): this issue's share of the surplus over no deal."""
        return self.weight * (self.value - self.no_deal_reference)

    @property
    def opening_margin(self) -> float:
        """w · (v(d_i) − v(o_i)): what moving from the other side's opening to the deal gave."""
        return self.weight * (self.value - self.opening_value)

    @property
    def beats_no_deal(self) -> bool:
        return self.no_deal_margin > TOLERANCE

    @property
    def beats_opening(self) -> bool:
        return self.opening_margin > TOLERANCE

    @property
    def supported(self) -> bool:
        """A claim may be made only when the term beats no deal or the other side's opening."""
        return self.beats_no_deal or self.beats_opening

    def to_json(self) -> dict[str, object]:
        return {
            "issue": self.issue,
            "issue_name": self.issue_name,
            "term": self.term,
            "weight": self.weight,
            "value": self.value,
            "score": self.score,
            "no_deal": {
                "reference": self.no_deal_reference,
                "margin": self.no_deal_margin,
                "better": self.beats_no_deal,
            },
            "opening": {
                "term": self.opening_term,
                "value": self.opening_value,
                "margin": self.opening_margin,
                "better": self.beats_opening,
            },
            "inflames": [t.to_json() for t in self.inflames],
        }


@dataclass(frozen=True)
class Audience:
    """One constituency (or one voting bloc of it) and the claims the deal supports for it."""

    key: str
    id: str
    name: str
    kind: AudienceKind
    power: Power
    utility: float
    reservation: float
    opening_utility: float
    approval_probability: float
    claims: tuple[Claim, ...]
    heaviest_issue: str
    share: float | None = None
    blocs: tuple[Audience, ...] = ()
    target: float = SECURE_LEVEL

    @property
    def surplus(self) -> float:
        """u(d) − r: the sum of the no-deal margins over every issue it weighs."""
        return self.utility - self.reservation

    @property
    def clears_bar(self) -> bool:
        """It approves with probability ≥ ``target`` and the deal gives it its reservation."""
        return self.surplus >= -TOLERANCE and self.approval_probability >= self.target

    @property
    def speakable(self) -> tuple[Claim, ...]:
        """The claims to make to it: those that inflame no listener, strongest first."""
        return tuple(c for c in self.claims if not c.inflames)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "key": self.key,
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "power": self.power.value,
            "utility": self.utility,
            "reservation": self.reservation,
            "surplus": self.surplus,
            "opening_utility": self.opening_utility,
            "approval_probability": self.approval_probability,
            "target": self.target,
            "clears_bar": self.clears_bar,
            "claims": [c.to_json() for c in self.claims],
            "speakable": [c.issue for c in self.speakable],
            "heaviest_issue": self.heaviest_issue,
        }
        if self.share is not None:
            out["share"] = self.share
        if self.blocs:
            out["blocs"] = [b.to_json() for b in self.blocs]
        return out


@dataclass(frozen=True)
class LineToAvoid:
    """A term not to boast about, the listener it would inflame, and who it was a claim for."""

    issue: str
    issue_name: str
    term: str
    listener: Listener
    audiences: tuple[tuple[str, str], ...]

    def sentence(self) -> str:
        """The advice in one line."""
        t = self.listener
        return (
            f"Do not present {self.term} on {self.issue_name} as a win: {t.name}, of "
            f"{t.side_name}, puts {percent(t.weight, 0)} of its weight on this issue, prefers "
            f"{t.preferred}, and loses {utility(t.loss, 2)} of utility on it."
        )

    def to_json(self) -> dict[str, object]:
        return {
            "issue": self.issue,
            "issue_name": self.issue_name,
            "term": self.term,
            "listener": self.listener.to_json(),
            "audiences": [key for key, _ in self.audiences],
            "text": self.sentence(),
        }


@dataclass(frozen=True)
class SpeechIngredients:
    """Everything a victory speech for one side may say, and what it must not."""

    side: str
    side_name: str
    speaker: str
    negotiator_key: str
    other_side: str
    other_side_name: str
    ours: bool
    issue_names: tuple[tuple[str, str], ...]
    deal: tuple[tuple[str, str], ...]
    opening: tuple[tuple[str, str], ...]
    utility: float
    no_deal_value: float
    concessions: tuple[Claim, ...]
    held: tuple[Claim, ...]
    audiences: tuple[Audience, ...]
    target: float = SECURE_LEVEL
    #: The case field that sets the other side's opening (``opening`` for a speech to
    #: the counterpart, ``their_opening`` for ours), and whether the case leaves it out
    #: (the opening is then the default: that side's negotiator's best deal).
    opening_field: str = "opening"
    opening_default: bool = False

    @property
    def opening_assumption(self) -> str | None:
        """The default opening position, named, when the case does not set it."""
        if not self.opening_default:
            return None
        return (
            f"{self.other_side_name}'s opening position is assumed to be the deal its "
            f"negotiator likes best (the case sets no `{self.opening_field}`)"
        )

    @property
    def won(self) -> tuple[Claim, ...]:
        """The concessions to claim as won: those that inflame no listener."""
        return tuple(c for c in self.concessions if not c.inflames)

    @property
    def withheld(self) -> tuple[Claim, ...]:
        """Concessions won that must not be presented as wins (each is a line to avoid)."""
        return tuple(c for c in self.concessions if c.inflames)

    @property
    def kept(self) -> tuple[Claim, ...]:
        """Opening terms held, to claim (our own side's speech only), inflaming no one."""
        return tuple(c for c in self.held if not c.inflames) if self.ours else ()

    @property
    def beats_no_deal(self) -> bool:
        """The speaker's negotiator values the deal above the side's no-deal value."""
        return self.utility - self.no_deal_value > TOLERANCE

    def lines_to_avoid(self) -> tuple[LineToAvoid, ...]:
        """Each (issue, listener) a claim would inflame, with every audience it was a claim for.

        Ordered by the listener's loss (largest first), then issue order, then listener key.
        """
        found: dict[tuple[str, str], tuple[Claim, Listener, list[tuple[str, str]]]] = {}
        speaker = (self.negotiator_key, self.speaker)
        sources = [(speaker, c) for c in (*self.concessions, *self.held)]
        for a in self.audiences:
            for member in (a, *a.blocs):
                sources.extend(((member.key, member.name), c) for c in member.claims)
        for who, c in sources:
            for t in c.inflames:
                entry = found.setdefault((c.issue, t.key), (c, t, []))
                if who not in entry[2]:
                    entry[2].append(who)
        order = {iid: k for k, (iid, _) in enumerate(self.issue_names)}
        lines = [
            LineToAvoid(c.issue, c.issue_name, c.term, t, tuple(who))
            for c, t, who in found.values()
        ]
        return tuple(
            sorted(lines, key=lambda x: (-x.listener.loss, order[x.issue], x.listener.key))
        )

    def to_json(self) -> dict[str, object]:
        return {
            "side": self.side,
            "side_name": self.side_name,
            "speaker": self.speaker,
            "ours": self.ours,
            "utility": self.utility,
            "no_deal_value": self.no_deal_value,
            "opening": dict(self.opening),
            "opening_source": {
                "field": self.opening_field,
                "default": self.opening_default,
                "side": self.other_side,
            },
            "target": self.target,
            "concessions": [c.to_json() for c in self.concessions],
            "won": [c.issue for c in self.won],
            "held": [c.to_json() for c in self.held],
            "constituencies": [a.to_json() for a in self.audiences],
            "avoid": [line.to_json() for line in self.lines_to_avoid()],
        }


# ---- derivation ------------------------------------------------------------


def _correlation(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation; 0 when either vector is constant."""
    return _correlation_of(tuple(x), tuple(y))


@lru_cache(maxsize=65_536)
def _correlation_of(x: tuple[float, ...], y: tuple[float, ...]) -> float:
    # memoised: a case with hundreds of blocs asks it for every audience × listener
    # pair, and blocs that inherit their values share the same vectors
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx <= TOLERANCE**2 or syy <= TOLERANCE**2:
        return 0.0
    return sxy / sqrt(sxx * syy)


def _listeners(case: Case) -> tuple[tuple[Side, Stakeholder], ...]:
    """(side, stakeholder) for every constituency deciding as one actor, and every bloc."""
    out: list[tuple[Side, Stakeholder]] = []
    for s in case.sides:
        for c in s.constituencies:
            if c.blocs:
                out.extend((s, b) for b in c.blocs)
            else:
                out.append((s, c))
    return tuple(out)


def inflamed_listeners(
    case: Case, deal: Deal, issue: int, values: Sequence[float], exclude: str
) -> tuple[Listener, ...]:
    """The listeners a boast about ``issue`` (to an audience valuing it by ``values``) inflames.

    Ordered by loss (largest first), then key.
    """
    option = deal.choices[issue]
    labels = case.issues[issue].options
    audience = tuple(values)
    out = []
    for side, st in _listeners(case):
        if st.key == exclude:
            continue
        w = st.preferences.weights[issue]
        v = st.preferences.values[issue]
        if w <= 0 or _correlation_of(audience, tuple(v)) >= 0:
            continue
        best = max(range(len(v)), key=v.__getitem__)
        t = Listener(st.key, st.name, side.id, side.name, w, v[option], v[best], labels[best])
        if t.loss >= INFLAME_THRESHOLD - TOLERANCE:
            out.append(t)
    return tuple(sorted(out, key=lambda t: (-t.loss, t.key)))


def opening_of_other_side(case: Case, side: Side) -> Deal:
    """What ``side``'s speech measures concessions from: the other side's opening
    position (the ``victory_speech`` move's reference, so the plan and the speech agree)."""
    return victory_speech.reference(case, side.id)


def _claims(
    case: Case, deal: Deal, st: Stakeholder, reference: float, opening: Deal
) -> tuple[Claim, ...]:
    """The supported claims for one audience against ``opening``, strongest first."""
    prefs = st.preferences
    out = []
    for i, issue in enumerate(case.issues):
        w = prefs.weights[i]
        if w <= 0:
            continue
        d, o = deal.choices[i], opening.choices[i]
        claim = Claim(
            issue.id,
            issue.name,
            issue.options[d],
            w,
            prefs.values[i][d],
            reference,
            issue.options[o],
            prefs.values[i][o],
        )
        if claim.supported:
            inflames = inflamed_listeners(case, deal, i, prefs.values[i], st.key)
            out.append(replace(claim, inflames=inflames))
    order = {iss.id: k for k, iss in enumerate(case.issues)}
    return tuple(sorted(out, key=lambda c: (-c.score, order[c.issue])))


def _heaviest(case: Case, st: Stakeholder) -> str:
    """The id of the issue ``st`` weighs most (ties: the first in the case)."""
    w = st.preferences.weights
    return case.issues[max(range(len(w)), key=w.__getitem__)].id


def _results(assessment: Assessment, side: Side) -> dict[str, StakeholderResult]:
    out = {}
    for r in assessment.side(side.id).constituencies:
        out[r.key] = r
        for b in r.blocs:
            out[b.key] = b
    return out


def _audiences(
    case: Case, deal: Deal, side: Side, assessment: Assessment, target: float
) -> tuple[Audience, ...]:
    results = _results(assessment, side)
    opening = opening_of_other_side(case, side)

    def audience(
        st: Stakeholder,
        kind: AudienceKind,
        power: Power,
        share: float | None = None,
        blocs: tuple[Audience, ...] = (),
    ) -> Audience:
        return Audience(
            st.key,
            st.id,
            st.name,
            kind,
            power,
            st.preferences.utility(deal),
            st.reservation,
            st.preferences.utility(opening),
            results[st.key].approval_probability,
            _claims(case, deal, st, st.reservation, opening),
            _heaviest(case, st),
            share=share,
            blocs=blocs,
            target=target,
        )

    return tuple(
        audience(
            c,
            "constituency",
            c.power,
            blocs=tuple(audience(b, "bloc", c.power, share=b.share) for b in c.blocs),
        )
        for c in side.constituencies
    )


def resolve_side(case: Case, side: str | None) -> Side:
    """The side a speech is for: ``side`` by id, else the counterpart."""
    if side is None:
        return case.their_side
    ids = [s.id for s in case.sides]
    if side not in ids:
        raise InputError([Problem("side", f"one of {', '.join(ids)}", repr(side))])
    return case.side(side)


def speech_ingredients(
    case: Case, deal: Deal | None = None, side: str | None = None, target: float = SECURE_LEVEL
) -> SpeechIngredients:
    """The victory-speech ingredients for ``side`` (default: the counterpart) and ``deal``
    (default: the case's proposal); ``target`` is the approval at which an audience
    "clears the bar". See the module docstring for the formulas."""
    assessment = assess(case, deal)
    d = assessment.deal
    s = resolve_side(case, side)
    other = next(x for x in case.sides if x.id != s.id)
    opening = opening_of_other_side(case, s)
    ours = s.id == case.us
    neg = s.negotiator
    claims = _claims(case, d, neg, s.no_deal_value, opening)
    concessions = tuple(c for c in claims if c.beats_opening)
    mine = case.deal_labels(case.opening_deal())  # our opening: the terms we held
    held = tuple(c for c in claims if ours and c.term == mine[c.issue] and c.beats_no_deal)
    order = {iss.id: k for k, iss in enumerate(case.issues)}
    return SpeechIngredients(
        side=s.id,
        side_name=s.name,
        speaker=neg.name,
        negotiator_key=neg.key,
        other_side=other.id,
        other_side_name=other.name,
        ours=ours,
        issue_names=tuple((i.id, i.name) for i in case.issues),
        deal=tuple(case.deal_labels(d).items()),
        opening=tuple(case.deal_labels(opening).items()),
        utility=neg.preferences.utility(d),
        no_deal_value=s.no_deal_value,
        concessions=tuple(sorted(concessions, key=lambda c: (-c.opening_margin, order[c.issue]))),
        held=held,
        audiences=_audiences(case, d, s, assessment, target),
        target=target,
        opening_field="their_opening" if ours else "opening",
        opening_default=(case.their_opening if ours else case.opening) is None,
    )
