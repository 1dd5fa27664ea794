"""A revision's answers, and what changed in them between two revisions.

For the revision history: a case's headline answers (:func:`case_answers`) —
the chance the deal on the table sticks (the proposal, else our opening), our
expected value, the agreement zone's size, the best deal for us — and, for two
revisions, the list of answers that changed, in words (:func:`answer_changes`):
the headline figures, every stakeholder's approval of the deal on the table
(matched by key; added and removed stakeholders named), and the best deal's
terms. A change smaller than what is shown (a tenth of a point, a thousandth
of utility) is not a change.
"""

from __future__ import annotations

from dataclasses import dataclass

from leveltwo.engine.assessment import Assessment, assess
from leveltwo.engine.winsets import analyze_space
from leveltwo.model.case import Case
from leveltwo.narrative.numbers import percent, utility

#: Whole-space answers (zone, best deal) are left out past this many deals.
MAX_SPACE = 2_000_000
SHOWN_P, SHOWN_U = 5e-4, 5e-4


@dataclass(frozen=True)
class CaseAnswers:
    """The headline answers of one revision of a case."""

    deal_name: str
    deal: tuple[tuple[str, str], ...]  # (issue name, option), in issue order
    success_probability: float
    expected_value: float
    agreement_zone_size: int | None
    best_deal: tuple[tuple[str, str], ...] | None  # (issue name, option)
    approvals: tuple[tuple[str, str, float], ...]  # key, name, approval

    def to_json(self) -> dict[str, object]:
        return {
            "deal_name": self.deal_name,
            "deal": dict(self.deal),
            "success_probability": self.success_probability,
            "expected_value": self.expected_value,
            "agreement_zone_size": self.agreement_zone_size,
            "best_deal": None if self.best_deal is None else dict(self.best_deal),
            "approvals": [{"key": k, "name": n, "approval": p} for k, n, p in self.approvals],
        }


def _approvals(a: Assessment) -> tuple[tuple[str, str, float], ...]:
    out = []
    for side in a.sides:
        for r in side.stakeholders():
            out.append((r.key, r.name, r.approval_probability))
            out.extend((b.key, b.name, b.approval_probability) for b in r.blocs)
    return tuple(out)


def case_answers(case: Case) -> CaseAnswers:
    """The answers of ``case`` (see the module docstring)."""
    deal = case.proposal if case.proposal is not None else case.opening_deal()
    a = assess(case, deal)
    names = {i.id: i.name for i in case.issues}
    zone, best = None, None
    if case.size <= MAX_SPACE:
        space = analyze_space(case)
        zone = space.agreement_zone_size
        best = tuple((names[i], o) for i, o in space.best_deal.labels)
    return CaseAnswers(
        "the proposal" if case.proposal is not None else "our opening",
        tuple((names[i], o) for i, o in a.labels),
        a.success_probability,
        a.expected_value[case.us],
        zone,
        best,
        _approvals(a),
    )


def answer_changes(old: CaseAnswers, new: CaseAnswers) -> tuple[str, ...]:
    """What changed in the answers from ``old`` to ``new``, one sentence each."""
    out: list[str] = []
    if old.deal != new.deal:
        moved = [
            f"{i}: {a} → {b}" for (i, a), (_, b) in zip(old.deal, new.deal, strict=False) if a != b
        ]
        out.append(f"The deal on the table changed ({'; '.join(moved) or 'its issues'}).")
    if abs(new.success_probability - old.success_probability) >= SHOWN_P:
        out.append(
            f"Chance {new.deal_name} sticks: {percent(old.success_probability)} → "
            f"{percent(new.success_probability)}."
        )
    if abs(new.expected_value - old.expected_value) >= SHOWN_U:
        out.append(
            f"Our expected value: {utility(old.expected_value)} → {utility(new.expected_value)}."
        )
    if (
        old.agreement_zone_size is not None
        and new.agreement_zone_size is not None
        and old.agreement_zone_size != new.agreement_zone_size
    ):
        out.append(
            f"Agreement zone: {old.agreement_zone_size:,} → {new.agreement_zone_size:,} deals."
        )
    if old.best_deal is not None and new.best_deal is not None and old.best_deal != new.best_deal:
        moved = [
            f"{i}: {a} → {b}"
            for (i, a), (_, b) in zip(old.best_deal, new.best_deal, strict=False)
            if a != b
        ]
        out.append(f"The best deal for us changed ({'; '.join(moved) or 'its issues'}).")
    before = {k: (n, p) for k, n, p in old.approvals}
    after = {k: (n, p) for k, n, p in new.approvals}
    for k, (name, p) in after.items():
        if k not in before:
            out.append(f"New stakeholder: {name} (approves {percent(p)}).")
        elif abs(p - before[k][1]) >= SHOWN_P:
            out.append(f"{name} approves {percent(before[k][1])} → {percent(p)}.")
    out.extend(f"Removed stakeholder: {n}." for k, (n, _) in before.items() if k not in after)
    return tuple(out)
