"""Synthetic cases for the benchmarks, built from a dict with the library's ``build_case``.

Every case is generated from a seeded :class:`numpy.random.Generator`, so a
size, a variant and a seed always give the same case.

The deal space of ``10^k`` deals has ``k`` issues of 5 options, ``k // 2`` of 4
and ``k % 2`` of 2 (10^4 deals: 6 issues; 10^7 deals: 11 issues), so it grows
the way real cases do, by adding issues rather than options.

Ten stakeholders, two sides:

- ``buyer`` (us): the negotiator; ``board`` (ratify, single actor);
  ``regulator`` (ratify, single actor, σ = 0: a hard threshold);
  ``shareholders`` (ratify by a bloc vote: 5 blocs with shares 35/25/20/12/8
  and a 2/3 quota, two blocs with weights of their own); ``press``
  (influence).
- ``target`` (them): the negotiator; ``board`` (ratify, single actor);
  ``ministry`` (ratify, single actor); ``council`` (block, strength 0.6,
  single actor); ``militants`` (block, strength 0.5).

Variant ``realistic``: the negotiators weigh every issue; every constituency
(and each bloc with weights of its own) weighs a random 2 to 4 of them.
Variant ``dense`` (the worst case): every stakeholder weighs every issue.

:func:`legislature_case` is one side whose ratifier is a chamber voting member
by member (435 blocs of one seat each), for the bloc-vote benchmark.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from leveltwo.model.build import build_case
from leveltwo.model.case import Case

Variant = Literal["realistic", "dense"]
VARIANTS: tuple[Variant, ...] = ("realistic", "dense")


def space_shape(size: int) -> list[int]:
    """Option counts of a space with exactly ``size`` = 2^a · 5^b deals."""
    twos = fives = 0
    n = size
    while n % 2 == 0:
        n, twos = n // 2, twos + 1
    while n % 5 == 0:
        n, fives = n // 5, fives + 1
    if n != 1 or size < 2:
        raise ValueError(f"size must be 2^a · 5^b (e.g. a power of ten), found {size}")
    # pair each 5 with a 2 where possible: 5s first, then 4s, then a 2
    return [5] * fives + [4] * (twos // 2) + [2] * (twos % 2)


def _issues(shape: list[int]) -> list[dict[str, Any]]:
    return [{"id": f"i{n}", "options": [f"o{j}" for j in range(k)]} for n, k in enumerate(shape)]


def _values(rng: np.random.Generator, k: int, ascending: bool) -> dict[str, float]:
    """Random values along the options, monotone in the given direction, from 0 to 1."""
    inner = np.sort(rng.uniform(0.0, 1.0, max(k - 2, 0)))
    vals = np.concatenate(([0.0], inner, [1.0]))[:k] if k > 1 else np.array([1.0])
    if not ascending:
        vals = vals[::-1]
    return {f"o{j}": round(float(v), 3) for j, v in enumerate(vals)}


class _Maker:
    """Draws preferences for the stakeholders of one case."""

    def __init__(self, rng: np.random.Generator, shape: list[int], variant: Variant) -> None:
        self.rng, self.shape, self.variant = rng, shape, variant

    def issues_for(self, everything: bool) -> list[int]:
        n = len(self.shape)
        if everything or self.variant == "dense":
            return list(range(n))
        k = int(self.rng.integers(2, min(4, n) + 1))
        return sorted(int(i) for i in self.rng.choice(n, size=k, replace=False))

    def prefs(self, side_up: bool, everything: bool = False) -> dict[str, Any]:
        """Weights and values; values mostly follow the side's interest (80% of issues)."""
        chosen = self.issues_for(everything)
        weights = {f"i{i}": round(float(self.rng.uniform(0.5, 4.0)), 2) for i in chosen}
        values = {
            f"i{i}": _values(self.rng, self.shape[i], side_up == (self.rng.uniform() < 0.8))
            for i in chosen
        }
        return {"weights": weights, "values": values}

    def attitude(self, low: float = 0.25, high: float = 0.5) -> dict[str, float]:
        return {
            "reservation": round(float(self.rng.uniform(low, high)), 3),
            "uncertainty": round(float(self.rng.uniform(0.03, 0.15)), 3),
        }


def synthetic_case(size: int, variant: Variant = "realistic", seed: int = 0) -> Case:
    """The ten-stakeholder benchmark case with ``size`` deals (see the module docstring)."""
    return shaped_case(space_shape(size), variant, seed)


def shaped_case(shape: list[int], variant: Variant = "realistic", seed: int = 0) -> Case:
    """The ten-stakeholder case over issues with these option counts (``[10] * 12``:
    10^12 deals, for the exact search beyond enumeration)."""
    data = _case_data(shape, variant, seed)
    return build_case(data, source=f"synthetic:{variant}:{data['title']}")


def planning_case(size: int, stakeholders: int = 25, seed: int = 0) -> Case:
    """The realistic case with ``size`` deals, its target side grown to ``stakeholders``
    negotiators and constituencies in all (extra ratifiers and blockers, each weighing
    2 to 4 issues), and Level II inputs for the planner: victory and framing
    receptivity, audience costs and signal credits on the target's constituencies, a
    third party with backlash, a reassuring statement, a side payment and a tacit form."""
    data = _case_data(space_shape(size), "realistic", seed)
    mk = _Maker(np.random.default_rng(seed + 1), space_shape(size), "realistic")
    target = data["sides"][1]
    have = 2 + len(data["sides"][0]["constituencies"]) + len(target["constituencies"])
    for n in range(max(0, stakeholders - have)):
        power = "block" if n % 3 == 2 else "ratify"
        extra: dict[str, Any] = {"strength": 0.5} if power == "block" else {}
        target["constituencies"].append(
            {"id": f"c{n}", "power": power, **mk.prefs(False), **mk.attitude(0.2, 0.4), **extra}
        )
    for k, c in enumerate(target["constituencies"]):
        c["victory"] = 0.2 if k % 2 == 0 else 0.0
        c["framing"] = 0.2 if k % 3 == 0 else 0.0
        c["audience_cost"] = 0.03 if k % 4 == 1 else 0.0
        c["credits"] = {"representatives": 0.02} if k % 5 == 0 else {}
        c["pressure"] = 0.3 if k % 2 == 1 else 0.0
        c["reassurance"] = 0.02 if k % 3 == 1 else 0.0
    ids = [c["id"] for c in target["constituencies"]]
    data["level2"] = {
        "tacit_enforceability": 0.85,
        "third_parties": [
            {
                "id": "investors",
                "name": "Investors",
                "reaches": [f"target.{i}" for i in ids[1::2]],
                "strength": 0.1,
                "backlash": 0.2,
                "cost": 0.005,
            }
        ],
        "statements": [
            {
                "id": "respect",
                "text": "We respect their concerns",
                "kind": "reassuring",
                "touches": [f"target.{i}" for i in ids[1::3]],
            }
        ],
        "compensation": [
            {
                "id": "fund",
                "name": "Transition fund",
                "value": {f"target.{ids[0]}": 0.05},
                "cost": 0.02,
            }
        ],
    }
    data["title"] = f"Planning case, {size} deals, {stakeholders} stakeholders"
    return build_case(data, source=f"synthetic:planning:{size}")


def _case_data(shape: list[int], variant: Variant, seed: int) -> dict[str, Any]:
    size = 1
    for k in shape:
        size *= k
    mk = _Maker(np.random.default_rng(seed), shape, variant)

    def single(cid: str, power: str, up: bool, **extra: Any) -> dict[str, Any]:
        return {"id": cid, "power": power, **mk.prefs(up), **mk.attitude(), **extra}

    shares = [35, 25, 20, 12, 8]
    blocs: list[dict[str, Any]] = []
    for n, share in enumerate(shares):
        bloc: dict[str, Any] = {"id": f"b{n}", "share": share, **mk.attitude()}
        if n in (1, 3):  # two blocs weigh their own issues
            bloc["weights"] = mk.prefs(True)["weights"]
        blocs.append(bloc)
    shareholders = {
        "id": "shareholders",
        "power": "ratify",
        "quota": 2 / 3,
        **mk.prefs(True, everything=True),  # values for every issue a bloc may weigh
        "blocs": blocs,
    }
    if variant == "realistic":
        shareholders["weights"] = mk.prefs(True)["weights"]
    data: dict[str, Any] = {
        "leveltwo": 1,
        "title": f"Synthetic {variant} case, {size} deals",
        "issues": _issues(shape),
        "sides": [
            {
                "id": "buyer",
                "negotiator": {**mk.prefs(True, everything=True), "reservation": 0.3},
                "no_deal": 0.25,
                "constituencies": [
                    single("board", "ratify", True),
                    {**single("regulator", "ratify", True, reservation=0.3), "uncertainty": 0},
                    shareholders,
                    single("press", "influence", False),
                ],
            },
            {
                "id": "target",
                "negotiator": {
                    **mk.prefs(False, everything=True),
                    "reservation": 0.3,
                    "uncertainty": 0.05,
                },
                "constituencies": [
                    single("board", "ratify", False),
                    single("ministry", "ratify", False),
                    single("council", "block", False, strength=0.6),
                    single("militants", "block", False, strength=0.5),
                ],
            },
        ],
    }
    return data


def legislature_case(size: int, members: int = 435, seed: int = 0) -> Case:
    """A case whose counterpart must pass a chamber voting member by member.

    Each member is a bloc of one seat with its own reservation and uncertainty
    (members differ, so no two blocs are alike); the quota is a simple majority.
    Every member weighs every issue, so the vote is computed for every deal.
    """
    shape = space_shape(size)
    mk = _Maker(np.random.default_rng(seed), shape, "dense")
    chamber = {
        "id": "chamber",
        "power": "ratify",
        "quota": 0.5,
        **mk.prefs(False),
        "blocs": [{"id": f"m{n}", "share": 1, **mk.attitude(0.3, 0.7)} for n in range(members)],
    }
    data: dict[str, Any] = {
        "leveltwo": 1,
        "title": f"Synthetic legislature, {members} members, {size} deals",
        "issues": _issues(shape),
        "sides": [
            {"id": "us", "negotiator": {**mk.prefs(True), "reservation": 0.3}},
            {
                "id": "them",
                "negotiator": {**mk.prefs(False), "reservation": 0.3},
                "constituencies": [chamber],
            },
        ],
    }
    return build_case(data, source=f"synthetic:legislature:{members}:{size}")
