"""Adopting a plan: the case as it stands once every move of the plan is made.

:func:`adopted` returns a complete case — valid, self-contained, writable with
:func:`leveltwo.io.casewriter.write_case` — in which the engine's assessment
of its ``proposal`` is exactly the plan's ``success_probability_after`` and
``expected_value_after``:

- every primitive change of the moves is applied (the intended outcome of each
  move, as the plan reports it): new options with their value for every
  stakeholder, perceived weights after a frame, reservations after credits,
  shifts and speeches, rules after a rule change, the no-deal value of a side
  whose negotiator's reservation moved pinned where it was;
- the plan's deal is the ``proposal``;
- an implementation risk the plan adds (a tacit understanding not honoured) is
  on its side, as the model has it (``implementation_risks:`` in the file),
  with probability 1 − enforceability;
- the one-off moves the plan made are spent: the compensation, process terms,
  third parties, statements and rule changes it used leave the ``level2``
  block, and the stakeholders it acted on no longer list the receptivity,
  audience cost or signal credit it used (so planning the adopted case does not
  make the same move twice).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from leveltwo.model.case import (
    Bloc,
    Case,
    Constituency,
    Negotiator,
    Signal,
    Stakeholder,
)
from leveltwo.model.deal import Deal
from leveltwo.strategies.evaluate import apply_moves
from leveltwo.strategies.move import Move
from leveltwo.strategies.ops import (
    ClaimVictory,
    Reframe,
    ShiftReservation,
    StakeholderFn,
    State,
    evolve,
    rebuild,
)
from leveltwo.strategies.planner import start_state
from leveltwo.strategies.stakeholders import params


def adopted(case: Case, moves: Sequence[Move], deal: Deal | None = None) -> Case:
    """The case with ``moves`` made and their deal as the proposal (module docstring)."""
    state: State = apply_moves(start_state(case, deal), moves)
    return _spent(replace(state.case, proposal=state.deal), moves)


def _spent(case: Case, moves: Sequence[Move]) -> Case:
    """The case without the one-off inputs the moves used (module docstring)."""
    used: dict[str, set[str]] = {}
    signals: set[Signal] = set()
    zero: dict[str, set[str]] = {}  # stakeholder key → parameters to clear
    for m in moves:
        kind, _, rest = m.key.partition(":")
        if kind == "compensation" and rest.startswith(("offer:", "new:")):
            used.setdefault(rest.split(":", 1)[0], set()).add(rest.split(":", 1)[1])
        elif kind == "agreement_form":
            if rest.startswith("process:"):
                used.setdefault("process", set()).add(rest.split(":", 1)[1])
            for op in m.ops:
                if isinstance(op, ShiftReservation):
                    zero.setdefault(op.key, set()).add("audience_cost")
        elif kind in ("outside_pressure", "statements", "thwart_opponents"):
            used.setdefault(kind, set()).add(rest)
        elif kind in ("process_form", "table_conduct"):
            signals.add(Signal.STAGED_WIN if rest.startswith("staged_win:") else Signal(rest))
        for op in m.ops:
            if isinstance(op, Reframe):
                zero.setdefault(op.key, set()).add("framing")
            elif isinstance(op, ClaimVictory):
                zero.setdefault(op.key, set()).add("victory")
    l2 = case.level2
    level2 = replace(
        l2,
        offers=tuple(o for o in l2.offers if o.id not in used.get("offer", set())),
        new_terms=tuple(t for t in l2.new_terms if t.id not in used.get("new", set())),
        process_terms=tuple(t for t in l2.process_terms if t.id not in used.get("process", set())),
        third_parties=tuple(
            t for t in l2.third_parties if t.id not in used.get("outside_pressure", set())
        ),
        statements=tuple(s for s in l2.statements if s.id not in used.get("statements", set())),
        rule_changes=tuple(
            r for r in l2.rule_changes if r.id not in used.get("thwart_opponents", set())
        ),
    )
    fns: dict[str, StakeholderFn] = {}
    for st in case.stakeholders():
        clear = zero.get(st.key, set())
        credits = params(st).credits
        if clear or any(s in signals for s, _ in credits):
            fns[st.key] = _cleared(clear, signals)
    return replace(rebuild(case, fns), level2=level2)


def _cleared(clear: set[str], signals: set[Signal]) -> StakeholderFn:
    def fn(st: Stakeholder) -> Stakeholder:
        assert isinstance(st, Negotiator | Constituency | Bloc)
        p = st.level2
        changes: dict[str, object] = {name: 0.0 for name in clear}
        changes["credits"] = tuple((s, c) for s, c in p.credits if s not in signals)
        return evolve(st, level2=replace(p, **changes))  # type: ignore[arg-type]

    return fn
