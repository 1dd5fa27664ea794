"""A case built from a guided interview: the answers a negotiator can give, turned into
a valid case file with a comment on every number saying where it came from.

The interview (``leveltwo new`` in the terminal, the guided flow of the web app)
asks, in this order:

1. the **issues** and their options, in order (worst to best for nobody in
   particular: the order the ``ascending``/``descending`` shorthands run along);
2. for **each side**: who must say yes and how (the negotiator always;
   constituencies that ``ratify``, ``block`` — and how likely a disapproving
   blocker derails the deal — or only ``influence``), and whether one votes by
   **blocs** (with shares and a quota);
3. for **each stakeholder**: the issues it cares about, **ranked** (→ swing
   weights, :func:`~leveltwo.engine.elicitation.rank_weights`) and which way it
   wants each (more or less, along the listed order);
4. for each stakeholder (each bloc of a voting constituency), **how likely it is
   to say yes** to two or three concrete deals, chosen to span its utility
   (→ reservation and uncertainty, :func:`~leveltwo.engine.elicitation.fit_bar`);
5. the **Level II levers**: what each stakeholder must not be seen to concede
   (→ ``audience_cost``), offers we could put on the table (→
   ``level2.compensation``) and third parties who could press a stakeholder (→
   ``level2.third_parties`` and the target's ``pressure``).

Verbal answers map to numbers through :data:`SCALES`; every such number is an
assumption, and its comment in the written file says so.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from leveltwo.engine.elicitation import FittedBar, fit_bar, probe_deals, rank_weights
from leveltwo.errors import InputError, Problem
from leveltwo.io.casewriter import write_case
from leveltwo.model.build import build_case
from leveltwo.model.case import Case, Power
from leveltwo.model.deal import Deal
from leveltwo.model.keys import StakeholderKey, is_key
from leveltwo.narrative.numbers import percent, share, utility

#: Words → numbers (utility on the 0–1 scale, or a probability).
SCALES: dict[str, dict[str, float]] = {
    # audience cost: how much of its bar is the price of being seen to concede in public
    "concede": {"no": 0.0, "some": 0.05, "a lot": 0.1},
    # an offer's worth to its recipient, and its cost to us
    "worth": {"small": 0.03, "medium": 0.06, "large": 0.1},
    # a third party's pressure: how far a fully susceptible stakeholder's bar falls
    "pressure": {"weak": 0.05, "moderate": 0.1, "strong": 0.2},
    # how much the stakeholder a third party reaches listens to it
    "listens": {"a little": 0.5, "a lot": 1.0},
}

DIRECTIONS = ("ascending", "descending")


def slug(text: str, taken: Sequence[str] = ()) -> str:
    """An id from a name: ``Board of directors`` → ``board_of_directors`` (unique in taken)."""
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"
    if not base[0].isalpha():
        base = "x_" + base
    out, k = base, 2
    while out in taken or out == "negotiator":
        out, k = f"{base}_{k}", k + 1
    return out


@dataclass(frozen=True)
class IssueAnswer:
    id: str
    name: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class BlocAnswer:
    id: str
    name: str
    share: float
    votes: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class StakeholderAnswer:
    """One negotiator or constituency: how it decides, what it wants, how it would vote."""

    id: str  # "negotiator" for the negotiator
    name: str
    ranking: tuple[str, ...]  # issue ids, most important first
    directions: tuple[tuple[str, str], ...]  # issue id → ascending | descending
    power: Power = Power.RATIFY
    strength: float = 1.0  # for block: probability a disapproving blocker derails it
    blocs: tuple[BlocAnswer, ...] = ()
    quota: float = 0.5
    concede: str = "no"  # what it must not be seen to concede: SCALES["concede"]
    votes: tuple[float | None, ...] = ()  # P(yes) for each probe deal (blocs: their own)


@dataclass(frozen=True)
class SideAnswer:
    id: str
    name: str
    negotiator: StakeholderAnswer
    constituencies: tuple[StakeholderAnswer, ...] = ()


@dataclass(frozen=True)
class OfferAnswer:
    name: str
    to: str  # stakeholder key
    worth: str  # SCALES["worth"]
    cost: str  # SCALES["worth"]


@dataclass(frozen=True)
class ThirdPartyAnswer:
    name: str
    reaches: str  # stakeholder key
    pressure: str  # SCALES["pressure"]
    listens: str  # SCALES["listens"]


@dataclass(frozen=True)
class Interview:
    title: str
    issues: tuple[IssueAnswer, ...]
    sides: tuple[SideAnswer, SideAnswer]
    offers: tuple[OfferAnswer, ...] = ()
    third_parties: tuple[ThirdPartyAnswer, ...] = ()
    description: str = ""
    proposal: tuple[tuple[str, str], ...] = ()  # issue id → option: the deal on the table
    money: tuple[str, float] | None = None  # (currency, what our worst-to-best range is worth)

    def voters(self) -> list[tuple[str, StakeholderAnswer, BlocAnswer | None]]:
        """Every stakeholder whose bar is asked for: key, its answer, its bloc if any."""
        out: list[tuple[str, StakeholderAnswer, BlocAnswer | None]] = []
        for s in self.sides:
            out.append((f"{s.id}.negotiator", s.negotiator, None))
            for c in s.constituencies:
                if c.power is Power.INFLUENCE:
                    continue
                if c.blocs:
                    out.extend((f"{s.id}.{c.id}.{b.id}", c, b) for b in c.blocs)
                else:
                    out.append((f"{s.id}.{c.id}", c, None))
        return out


def _preferences(st: StakeholderAnswer) -> dict[str, Any]:
    weights = rank_weights(len(st.ranking))
    dirs = dict(st.directions)
    return {
        "weights": {iid: round(w, 6) for iid, w in zip(st.ranking, weights, strict=True)},
        "values": {iid: dirs.get(iid, "ascending") for iid in st.ranking},
    }


def _stakeholder_data(st: StakeholderAnswer, negotiator: bool) -> dict[str, Any]:
    out: dict[str, Any] = {} if negotiator else {"id": st.id}
    out["name"] = st.name
    if not negotiator:
        out["power"] = st.power.value
        if st.power is Power.BLOCK:
            out["strength"] = st.strength
    out.update(_preferences(st))
    if st.blocs:
        out["quota"] = st.quota
        out["blocs"] = [{"id": b.id, "name": b.name, "share": b.share} for b in st.blocs]
    cost = SCALES["concede"][st.concede]
    if cost:
        out["audience_cost"] = cost
    return out


def draft_data(iv: Interview) -> dict[str, Any]:
    """The case file without the fitted bars (every reservation 0): enough to choose the
    deals to ask about."""
    sides = []
    for s in iv.sides:
        side: dict[str, Any] = {
            "id": s.id,
            "name": s.name,
            "negotiator": _stakeholder_data(s.negotiator, True),
        }
        if s.constituencies:
            side["constituencies"] = [_stakeholder_data(c, False) for c in s.constituencies]
        sides.append(side)
    data: dict[str, Any] = {"leveltwo": 1, "title": iv.title}
    if iv.description:
        data["description"] = iv.description
    data["us"] = iv.sides[0].id
    data["issues"] = [{"id": i.id, "name": i.name, "options": list(i.options)} for i in iv.issues]
    data["sides"] = sides
    if iv.proposal:
        data["proposal"] = dict(iv.proposal)
    if iv.money is not None:
        data["money"] = {"currency": iv.money[0], "per_utility": iv.money[1]}
    level2 = _level2(iv, sides)
    if level2:
        data["level2"] = level2
    return data


def _level2(iv: Interview, sides: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    ids: list[str] = []
    if iv.offers:
        out["compensation"] = []
        for o in iv.offers:
            oid = slug(o.name, ids)
            ids.append(oid)
            out["compensation"].append(
                {
                    "id": oid,
                    "name": o.name,
                    "value": {o.to: SCALES["worth"][o.worth]},
                    "cost": SCALES["worth"][o.cost],
                }
            )
    if iv.third_parties:
        out["third_parties"] = []
        for t in iv.third_parties:
            tid = slug(t.name, ids)
            ids.append(tid)
            out["third_parties"].append(
                {
                    "id": tid,
                    "name": t.name,
                    "reaches": [t.reaches],
                    "strength": SCALES["pressure"][t.pressure],
                }
            )
            node = _node_of(sides, t.reaches)
            if node is not None:
                node["pressure"] = max(node.get("pressure", 0.0), SCALES["listens"][t.listens])
    return out


def _node_of(sides: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    found = _find(sides, key)
    return found[1] if found is not None else None


def _path_of(data: Mapping[str, Any], key: str) -> str:
    found = _find(data["sides"], key)
    return found[0] if found is not None else ""


def _find(sides: list[dict[str, Any]], key: str) -> tuple[str, dict[str, Any]] | None:
    """The path and the raw node of stakeholder ``key`` in the answers' sides."""
    if not is_key(key):
        return None
    k = StakeholderKey(key)
    for si, s in enumerate(sides):
        if s["id"] != k.side:
            continue
        if k.constituency is None:
            return f"sides[{si}].negotiator", s["negotiator"]
        for ci, c in enumerate(s.get("constituencies", [])):
            if c["id"] != k.constituency:
                continue
            if k.bloc is None:
                return f"sides[{si}].constituencies[{ci}]", c
            for bi, b in enumerate(c.get("blocs", [])):
                if b["id"] == k.bloc:
                    return f"sides[{si}].constituencies[{ci}].blocs[{bi}]", b
    return None


def draft_case(iv: Interview) -> Case:
    """The draft as a case (raises :class:`~leveltwo.errors.CaseError` on bad answers)."""
    return build_case(draft_data(iv), "your answers")


def probes(iv: Interview, case: Case | None = None) -> dict[str, tuple[Deal, ...]]:
    """The deals each voter (key) is asked about."""
    case = case or draft_case(iv)
    return {
        key: probe_deals(case.shape, case.stakeholder(key).preferences) for key, _, _ in iv.voters()
    }


@dataclass(frozen=True)
class Built:
    """The case built from an interview, and the comment on each number (path → text)."""

    case: Case
    data: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    bars: dict[str, FittedBar] = field(default_factory=dict)

    def text(self) -> str:
        """The case file, every number commented."""
        return commented_yaml(write_case(self.case), self.notes)


def build(iv: Interview) -> Built:
    """Fit every voter's bar from its answers and build the case; every problem with the
    answers is reported at once, located by the voter's key."""
    case = draft_case(iv)
    asked = probes(iv, case)
    data = draft_data(iv)
    notes: dict[str, str] = {}
    bars: dict[str, FittedBar] = {}
    problems: list[Problem] = []
    for key, st, bloc in iv.voters():
        votes = bloc.votes if bloc is not None else st.votes
        pairs = [
            (case.stakeholder(key).preferences.utility(d), v)
            for d, v in zip(asked[key], votes, strict=False)
            if v is not None
        ]
        try:
            bar = fit_bar([u for u, _ in pairs], [v for _, v in pairs], f"{key}.votes")
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        bars[key] = bar
        node = _node_of(data["sides"], key)
        assert node is not None
        node["reservation"] = round(bar.reservation, 4)
        node["uncertainty"] = round(bar.uncertainty, 4)
    if problems:
        raise InputError(problems, "your answers")
    case = build_case(data, "your answers")
    notes.update(_notes(iv, data, bars))
    return Built(case, data, notes, bars)


def _notes(iv: Interview, data: dict[str, Any], bars: Mapping[str, FittedBar]) -> dict[str, str]:
    notes: dict[str, str] = {}
    names = {i.id: i.name for i in iv.issues}
    for si, s in enumerate(iv.sides):
        for ci, st in [(-1, s.negotiator), *enumerate(s.constituencies)]:
            path = f"sides[{si}].negotiator" if ci < 0 else f"sides[{si}].constituencies[{ci}]"
            order = " > ".join(names[i] for i in st.ranking)
            notes[f"{path}.weights"] = (
                f"your ranking {order}: rank-order centroid swing weights (Barron & Barrett 1996)"
            )
            if ci >= 0 and st.power is Power.BLOCK:
                notes[f"{path}.strength"] = (
                    f"you said a disapproving {st.name} derails the deal "
                    f"{share(st.strength)} of the time"
                )
            if st.concede != "no":
                notes[f"{path}.audience_cost"] = (
                    f"'{st.concede}': it must not be seen to concede in public "
                    f"(assumed {SCALES['concede'][st.concede]} of utility; change it)"
                )
            if st.blocs:
                notes[f"{path}.quota"] = "the share of the votes needed, as you gave it"
    for key, bar in bars.items():
        path = _path_of(data, key)
        pairs = ", ".join(
            f"{percent(p, 0)} yes at utility {utility(u, 2)}"
            for u, p in zip(bar.utilities, bar.answers, strict=True)
        )
        notes[f"{path}.reservation"] = (
            f"the bar: fitted to your answers ({pairs}) by probit maximum likelihood"
        )
        notes[f"{path}.uncertainty"] = (
            "how unsure we are of the bar (σ), from the same fit; it gives back "
            + ", ".join(percent(p, 0) for p in bar.fitted)
        )
    if iv.money is not None:
        notes["money.per_utility"] = (
            "what the whole range from our worst deal to our best is worth to us, as you gave it"
        )
    for k, o in enumerate(iv.offers):
        notes[f"level2.compensation[{k}].value"] = (
            f"'{o.worth}' to them: assumed {SCALES['worth'][o.worth]} of utility"
        )
        notes[f"level2.compensation[{k}].cost"] = (
            f"'{o.cost}' to us: assumed {SCALES['worth'][o.cost]} of our utility"
        )
    for k, t in enumerate(iv.third_parties):
        notes[f"level2.third_parties[{k}].strength"] = (
            f"'{t.pressure}' pressure: the bar falls by up to {SCALES['pressure'][t.pressure]} "
            "(an assumption)"
        )
        target = _path_of(data, t.reaches)
        if target:
            notes[f"{target}.pressure"] = (
                f"listens to {t.name} '{t.listens}' (susceptibility {SCALES['listens'][t.listens]},"
                " an assumption)"
            )
    return notes


def commented_yaml(text: str, notes: Mapping[str, str]) -> str:
    """``text`` (case-file YAML) with an end-of-line comment at each path of ``notes``."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)  # the case writer's layout
    root = y.load(text)
    for path, note in notes.items():
        node: Any = root
        keys = re.findall(r"[^.\[\]]+|\[\d+\]", path)
        parent: Any = None
        last: Any = None
        for k in keys:
            parent, last = node, (int(k[1:-1]) if k.startswith("[") else k)
            try:
                node = node[last]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        if isinstance(parent, CommentedMap | CommentedSeq) and last is not None:
            parent.yaml_add_eol_comment(note.replace("\n", " "), last)
    out = io.StringIO()
    y.dump(root, out)
    return out.getvalue()


def with_votes(iv: Interview, votes: Mapping[str, Sequence[float | None]]) -> Interview:
    """The interview with each voter's answers (key → P(yes) per probe deal)."""
    sides = []
    for s in iv.sides:
        neg = s.negotiator
        if f"{s.id}.negotiator" in votes:
            neg = replace(neg, votes=tuple(votes[f"{s.id}.negotiator"]))
        cons = []
        for c in s.constituencies:
            if c.blocs:
                blocs = tuple(
                    replace(b, votes=tuple(votes.get(f"{s.id}.{c.id}.{b.id}", b.votes)))
                    for b in c.blocs
                )
                cons.append(replace(c, blocs=blocs))
            else:
                cons.append(replace(c, votes=tuple(votes.get(f"{s.id}.{c.id}", c.votes))))
        sides.append(replace(s, negotiator=neg, constituencies=tuple(cons)))
    return replace(iv, sides=(sides[0], sides[1]))


def interview_json(iv: Interview) -> dict[str, Any]:
    """The interview as JSON-ready data (the web flow carries it from page to page)."""
    from pydantic import TypeAdapter

    out: dict[str, Any] = TypeAdapter(Interview).dump_python(iv, mode="json")
    return out


def interview_from(data: object) -> Interview:
    """An interview from :func:`interview_json` data; a located error if it is malformed."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(Interview).validate_python(data)
    except ValidationError as exc:
        raise InputError(
            [Problem("interview", "the answers given so far", f"{exc.error_count()} problems")]
        ) from None


def stakeholders(iv: Interview) -> list[tuple[int, int, StakeholderAnswer]]:
    """Every negotiator and constituency: (side index, constituency index or −1, answer)."""
    out: list[tuple[int, int, StakeholderAnswer]] = []
    for si, s in enumerate(iv.sides):
        out.append((si, -1, s.negotiator))
        out.extend((si, ci, c) for ci, c in enumerate(s.constituencies))
    return out


def with_stakeholder(iv: Interview, si: int, ci: int, st: StakeholderAnswer) -> Interview:
    """The interview with one negotiator (``ci`` −1) or constituency replaced."""
    side = iv.sides[si]
    if ci < 0:
        side = replace(side, negotiator=st)
    else:
        cons = list(side.constituencies)
        cons[ci] = st
        side = replace(side, constituencies=tuple(cons))
    sides = list(iv.sides)
    sides[si] = side
    return replace(iv, sides=(sides[0], sides[1]))
