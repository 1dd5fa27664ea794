"""Looking stakeholders up for moves: their Level II parameters, their blocs, their side,
and how to name what they care about in a sentence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from leveltwo.model.case import (
    Bloc,
    Case,
    Constituency,
    Level2Params,
    Negotiator,
    Stakeholder,
)
from leveltwo.model.deal import Deal
from leveltwo.model.keys import StakeholderKey
from leveltwo.strategies.ops import rebuild


def side_id(key: str) -> str:
    """The side a stakeholder key belongs to (``union.members.senior`` → ``union``)."""
    return StakeholderKey(key).side


def params(st: Stakeholder) -> Level2Params:
    """The Level II parameters of any stakeholder."""
    if isinstance(st, Negotiator | Constituency | Bloc):
        return st.level2
    return Level2Params()


def members(case: Case, key: str) -> tuple[Stakeholder, ...]:
    """The stakeholders a move on ``key`` acts on: itself, and its blocs if it votes by blocs."""
    st = case.stakeholder(key)
    if isinstance(st, Constituency) and st.blocs:
        return (st, *st.blocs)
    return (st,)


def per_member(
    case: Case, key: str, amount: Callable[[Level2Params], float]
) -> tuple[tuple[str, float], ...]:
    """(key, amount) for ``key`` and each of its blocs, each from its own parameters."""
    return tuple((m.key, amount(params(m))) for m in members(case, key))


def deciders(case: Case) -> tuple[Stakeholder, ...]:
    """Every stakeholder whose approval can enter P: negotiators, constituencies, blocs."""
    return tuple(case.stakeholders())


def name_of(case: Case, key: str) -> str:
    """A stakeholder's display name, with its side for clarity."""
    st = case.stakeholder(key)
    side = case.side(side_id(key))
    if isinstance(st, Negotiator):
        return f"{side.name}'s negotiator ({st.name})"
    return st.name


def top_issues(case: Case, st: Stakeholder, k: int = 2) -> list[tuple[str, float]]:
    """Its ``k`` heaviest issues as (issue name, weight share)."""
    ranked = sorted(
        ((w, case.issues[i].name) for i, w in enumerate(st.preferences.weights) if w > 0),
        reverse=True,
    )
    return [(name, w) for w, name in ranked[:k]]


def cares_about(case: Case, st: Stakeholder) -> str:
    """``"staffing (45%) and overtime (27%)"``."""
    parts = [f"{name} ({100 * w:.0f}%)" for name, w in top_issues(case, st)]
    return " and ".join(parts) if parts else "nothing on the table"


def where_served(case: Case, st: Stakeholder, deal: Deal, k: int = 2) -> list[str]:
    """The issues where this deal gives it most (weight × value), best first."""
    prefs = st.preferences
    scored = sorted(
        (
            (w * v[c], case.issues[i].name)
            for i, (w, v, c) in enumerate(
                zip(prefs.weights, prefs.values, deal.choices, strict=True)
            )
            if w > 0
        ),
        reverse=True,
    )
    return [name for s, name in scored[:k] if s > 0]


def listing(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def names(case: Case, keys: tuple[str, ...] | list[str], limit: int = 3) -> str:
    """Display names of up to ``limit`` stakeholders, then "and k others"."""
    shown = [name_of(case, k) for k in keys[:limit]]
    rest = len(keys) - limit
    if rest > 0:
        shown.append(f"{rest} other{'s' if rest > 1 else ''}")
    return listing(shown)


def binding_first(keys: list[str], binding: tuple[str, ...]) -> tuple[str, ...]:
    """``keys`` with the binding ones first (in binding order), the rest as given."""
    rank = {k: i for i, k in enumerate(binding)}
    return tuple(sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k))))


def top_level(keys: Sequence[str], case: Case) -> list[str]:
    """Keys with blocs folded into their constituency when the constituency is listed too."""
    present = set(keys)
    out = []
    for k in keys:
        st = case.stakeholder(k)
        if isinstance(st, Bloc) and st.key.parent in present:
            continue
        out.append(k)
    return out


def set_param(case: Case, key: str, name: str, value: Any) -> Case:
    """The case with Level II parameter ``name`` of ``key`` and its blocs set to ``value``."""

    def fn(st: Stakeholder) -> Stakeholder:
        assert isinstance(st, Negotiator | Constituency | Bloc)
        return replace(st, level2=replace(st.level2, **{name: value}))

    return rebuild(case, {m.key: fn for m in members(case, key)})


def setter(key: str, name: str) -> Callable[[Case, float], Case]:
    """A function setting parameter ``name`` of ``key`` (for :class:`Unknown`)."""

    def fn(case: Case, value: float) -> Case:
        return set_param(case, key, name, value)

    return fn


def field_path(case: Case, key: str, name: str) -> str:
    """Where parameter ``name`` of stakeholder ``key`` is set in the case file
    (``sides[1].constituencies[0].blocs[2].hostility``)."""
    sk = StakeholderKey(key)
    k = next(i for i, sd in enumerate(case.sides) if sd.id == sk.side)
    side = case.sides[k]
    if sk.constituency is None:
        return f"sides[{k}].negotiator.{name}"
    c = next(i for i, x in enumerate(side.constituencies) if x.id == sk.constituency)
    path = f"sides[{k}].constituencies[{c}]"
    if sk.bloc is not None:
        b = next(i for i, x in enumerate(side.constituencies[c].blocs) if x.id == sk.bloc)
        path += f".blocs[{b}]"
    return f"{path}.{name}"


def hostility_assumptions(case: Case, keys: Sequence[str]) -> tuple[str, ...]:
    """ "assumes … does not harden" for each of ``keys`` (and blocs) whose hostility the
    case file leaves at its default of 0."""
    out = []
    for key in keys:
        for m in members(case, key):
            if "hostility" in params(m).assumed:
                out.append(
                    f"assumes {name_of(case, m.key)} does not harden (hostility 0): set "
                    f"`{field_path(case, m.key, 'hostility')}`"
                )
    return tuple(dict.fromkeys(out))
