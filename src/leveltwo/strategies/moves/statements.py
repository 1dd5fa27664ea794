"""``statements`` — avoid (or make) statements that inflame (or mollify) internal opponents.

Lever: threshold. What is said in public reaches the other side's
constituents directly. A remark that humiliates their negotiator or attacks a
faction hardens that faction's stand: its reservation rises. A statement
that acknowledges its concerns can soften it. Our own hawks listen too.
Sebenius (2014) lists "avoiding (or making) statements that inflame (or
mollify) the other side's internal opponents"; Putnam (1988) calls this
reverberation: messages aimed at one level change the politics of the other.

Model: each stakeholder has ``hostility`` h (how much an inflammatory
statement about it raises its reservation) and ``reassurance`` ρ (how much a
reassuring statement to it lowers it). A statement under consideration
(``level2.statements``) names whom it ``touches``: each touched stakeholder's
reservation rises by h if it is inflammatory, falls by ρ if reassuring; and
side effects: those it ``pleases`` fall by their ρ, those it ``angers`` rise
by their h (blocs with their own parameters). The planner recommends the
statements that help and lists in ``avoid`` those that hurt, with whom.
Statements cost nothing in utility; their cost is their side effects, which
are in the case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from leveltwo.model.case import Case, Category, Statement, StatementKind
from leveltwo.strategies.levers import Lever
from leveltwo.strategies.move import Context, Move, Strategy, Unknown
from leveltwo.strategies.ops import shift_ops
from leveltwo.strategies.stakeholders import (
    binding_first,
    hostility_assumptions,
    name_of,
    names,
    per_member,
    set_param,
    side_id,
)

#: Plausible reassurance of a binding stakeholder the case says nothing about.
PLAUSIBLE_REASSURANCE = (0.01, 0.03, 0.05)


def deltas(case: Case, s: Statement) -> list[tuple[str, float]]:
    """(key, reservation change) the statement causes."""
    out: list[tuple[str, float]] = []
    sign_touch = 1.0 if s.kind is StatementKind.INFLAMMATORY else -1.0
    for key in s.touches:
        if sign_touch > 0:
            out.extend(per_member(case, key, lambda p: p.hostility))
        else:
            out.extend((k, -v) for k, v in per_member(case, key, lambda p: p.reassurance))
    for key in s.pleases:
        out.extend((k, -v) for k, v in per_member(case, key, lambda p: p.reassurance))
    for key in s.angers:
        out.extend(per_member(case, key, lambda p: p.hostility))
    return [(k, d) for k, d in out if d != 0.0]


def statement_move(ctx: Context, s: Statement) -> Move | None:
    """Making statement ``s`` as a move (None when it moves nobody)."""
    case = ctx.case
    changes = deltas(case, s)
    if not changes:
        return None
    touched = binding_first(list(s.touches), ctx.binding)
    verb = "hardens" if s.kind is StatementKind.INFLAMMATORY else "softens"
    why = f"\u201c{s.text}\u201d {verb} {names(case, list(touched))}"
    if s.pleases:
        why += f"; it pleases {names(case, list(s.pleases))}"
    if s.angers:
        why += f"; it angers {names(case, list(s.angers))}"
    hardened = [*(s.touches if s.kind is StatementKind.INFLAMMATORY else ()), *s.angers]
    return Move(
        assumptions=hostility_assumptions(case, hardened),
        key=f"statements:{s.id}",
        category=Category.STATEMENTS,
        lever=Lever.THRESHOLD,
        title=f"Say in public: \u201c{s.text}\u201d",
        targets=touched,
        ops=shift_ops(changes),
        why=why + ".",
        groups=(f"statement:{s.id}",),
    )


def generate(ctx: Context) -> tuple[Move, ...]:
    """Every statement under consideration that moves someone."""
    moves = []
    for s in ctx.case.level2.statements:
        m = statement_move(ctx, s)
        if m is not None:
            moves.append(m)
    return tuple(moves)


def hypothetical_remark(case: Case, key: str) -> Statement:
    """An inflammatory public remark about ``key`` (to price what it would cost)."""
    return Statement(
        id=f"remark_about_{key.replace('.', '_')}",
        text=f"a public attack on {name_of(case, key)}",
        kind=StatementKind.INFLAMMATORY,
        touches=(key,),
    )


def _reassure_setter(key: str) -> Callable[[Case, float], Case]:
    def fn(case: Case, value: float) -> Case:
        out = set_param(case, key, "reassurance", value)
        hypothetical = Statement(
            id=f"reassure_{key.replace('.', '_')}",
            text=f"a public acknowledgement of the concerns of {name_of(case, key)}",
            kind=StatementKind.REASSURING,
            touches=(key,),
        )
        level2 = out.level2
        if all(s.id != hypothetical.id for s in level2.statements):
            level2 = replace(level2, statements=(*level2.statements, hypothetical))
        return replace(out, level2=level2)

    return fn


def unknowns(ctx: Context) -> tuple[Unknown, ...]:
    """Would a reassuring statement move a binding stakeholder of theirs?"""
    case = ctx.case
    out = []
    theirs = case.their_side.id
    for key in [k for k in ctx.binding if side_id(k) == theirs][:3]:
        if any(v > 0 for _, v in per_member(case, key, lambda p: p.reassurance)):
            continue
        out.append(
            Unknown(
                parameter=f"{key}.reassurance",
                question=(
                    "Would a public acknowledgement of the concerns of "
                    f"{name_of(case, key)} soften its stand, and by how much?"
                ),
                category=Category.STATEMENTS,
                lever=Lever.THRESHOLD,
                plausible=PLAUSIBLE_REASSURANCE,
                weights=(1 / 3, 1 / 3, 1 / 3),
                basis="reassurance of 0.01, 0.03 or 0.05 utility, equally likely",
                setter=_reassure_setter(key),
                about=key,
            )
        )
    return tuple(out)


STRATEGY = Strategy(
    category=Category.STATEMENTS,
    lever=Lever.THRESHOLD,
    title="Avoid statements that inflame, make statements that mollify",
    mechanism=(
        "A hostile constituency's reservation rises by its hostility after an inflammatory "
        "statement and falls by its reassurance after a reassuring one; side effects on our "
        "own hawks are part of the same move."
    ),
    parameters=(
        "stakeholder hostility, reassurance",
        "level2.statements[].kind, touches, pleases, angers",
    ),
    cost="none in utility; side effects on whoever the statement angers",
    preconditions="a statement under consideration moves someone",
    sources=("Sebenius 2014 (c)", "Putnam 1988 (reverberation)"),
    generate=generate,
    unknowns=unknowns,
    is_signal=True,
)
