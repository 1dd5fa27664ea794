"""The form of the agreement, explained: explicit vs tacit, substantive vs process.

Whatever the plan recommends, the planner reports what each form would give
with the rest of the plan unchanged (Sebenius 2014 (a)):

- *explicit*: the plan without any ``agreement_form`` move — a written,
  public agreement on every term;
- *tacit*: the plan's other moves plus the tacit form (audience costs
  removed, P multiplied by the enforceability e); when e is unknown, at each
  documented plausible value;
- *process*: for each process term in the case, the plan's other moves
  (minus any term change on the same issue) plus that process agreement.

Budget and allowed categories are ignored here: this is an explanation, not
a recommendation.
"""

from __future__ import annotations

from leveltwo.strategies.evaluate import Outcome, context
from leveltwo.strategies.move import Move
from leveltwo.strategies.moves import agreement_form
from leveltwo.strategies.planresult import FormChoice, FormKind
from leveltwo.strategies.registry import REGISTRY
from leveltwo.strategies.search import Search

#: The categories whose moves are alternative forms of the agreement
#: (``Strategy.alternatives``): a plan takes at most one, and each is compared.
ALTERNATIVES = frozenset(s.category for s in REGISTRY if s.alternatives)


def _compare(o: Outcome, plan: Outcome) -> str:
    d = o.value - plan.value
    if abs(d) < 1e-9:
        return "as good as the plan"
    return f"{abs(d):.3f} {'more' if d > 0 else 'less'} net value than the plan"


def _tacit_unavailable(note: str) -> FormChoice:
    """The tacit form when the plan cannot be valued with it; ``note`` says why."""
    return FormChoice(
        form="tacit",
        kind=FormKind.TACIT,
        description="an unwritten understanding on the visible concessions",
        available=False,
        chosen=False,
        success_probability=None,
        expected_value=None,
        net_value=None,
        note=note,
    )


def forms(search: Search, plan: tuple[Move, ...]) -> tuple[FormChoice, ...]:
    """Explicit, tacit and each process form, each with the plan's other moves."""
    chosen = next((m for m in plan if m.category in ALTERNATIVES), None)
    core = tuple(m for m in plan if m.category not in ALTERNATIVES)
    whole = search.value(plan)
    base_ctx = context(search.value(core).state, search.base)
    out: list[FormChoice] = []

    explicit = search.value(core)
    out.append(
        FormChoice(
            form="explicit",
            kind=FormKind.EXPLICIT,
            description="a written, public agreement on every term",
            available=True,
            chosen=chosen is None,
            success_probability=explicit.success_probability,
            expected_value=explicit.expected_value,
            net_value=explicit.value,
            note="the baseline form" if chosen is None else _compare(explicit, whole),
        )
    )

    e = search.base.case.level2.tacit_enforceability
    probe = agreement_form.tacit_move(base_ctx, 1.0 if e is None else e)
    if probe is None:
        out.append(
            _tacit_unavailable(
                "no stakeholder in the case has an audience cost, so a tacit form spares "
                "nobody anything and only adds enforcement risk"
            )
        )
    elif e is not None:
        o = search.value((*core, probe))
        out.append(
            FormChoice(
                form="tacit",
                kind=FormKind.TACIT,
                description=(
                    f"an unwritten understanding on the visible concessions, honoured with "
                    f"probability {e:.2f}"
                ),
                available=True,
                chosen=chosen is not None and chosen.key == probe.key,
                success_probability=o.success_probability,
                expected_value=o.expected_value,
                net_value=o.value,
                note=_compare(o, whole),
            )
        )
    else:
        values = []
        for x in agreement_form.PLAUSIBLE_ENFORCEABILITY:
            m = agreement_form.tacit_move(base_ctx, x)
            assert m is not None
            values.append((x, search.value((*core, m))))
        out.append(
            _tacit_unavailable(
                "its enforceability is unknown (level2.tacit_enforceability); with the "
                "rest of the plan it would give "
                + "; ".join(
                    f"P {o.success_probability:.1%}, net value {o.value:.3f} at e = {x}"
                    for x, o in values
                )
                + f" (the plan: P {whole.success_probability:.1%}, net value "
                f"{whole.value:.3f})"
            )
        )

    for term in search.base.case.level2.process_terms:
        m = next(
            (
                c
                for c in agreement_form.generate(base_ctx)
                if c.key == f"agreement_form:process:{term.id}"
            ),
            None,
        )
        if m is None:
            continue
        rest = tuple(c for c in core if not set(c.groups).intersection(m.groups))
        o = search.value((*rest, m))
        dropped = [c.title for c in core if c not in rest]
        note = _compare(o, whole)
        if dropped:
            note += "; it replaces: " + "; ".join(dropped)
        out.append(
            FormChoice(
                form=f"process:{term.id}",
                kind=FormKind.PROCESS,
                description=f"agree on a process for {term.issue}: {term.name}",
                available=True,
                chosen=chosen is not None and chosen.key == m.key,
                success_probability=o.success_probability,
                expected_value=o.expected_value,
                net_value=o.value,
                note=note,
            )
        )
    return tuple(out)
