"""Internal keys said in words, for every page a person reads.

Case files and the planner name things by keys (``union.members``,
``deal.overtime``, ``union.staffing_caucus.reservation``,
``framing:union.members``); a reader should see names. These functions turn a
key into words using the case's own names, and fall back to the key's parts
with underscores as spaces — never to the raw key.
"""

from __future__ import annotations

from leveltwo.model.case import Case
from leveltwo.model.fields import WORDS

#: The move categories (docs/strategies.md) in words.
CATEGORY_NAMES = {
    "compensation": "tailored terms",
    "agreement_form": "the form of the agreement",
    "process_form": "the form of the process",
    "statements": "public statements",
    "framing": "framing",
    "victory_speech": "a victory speech",
    "table_conduct": "conduct at the table",
    "outside_pressure": "outside pressure",
    "thwart_opponents": "neutralising opponents",
}

#: Stakeholder fields a parameter may name, in words (declared in leveltwo.model.fields).
FIELD_NAMES = WORDS


def plain(word: str) -> str:
    """``staffing_caucus`` → ``staffing caucus``."""
    return word.replace("_", " ").replace("-", " ").strip()


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, plain(category))


def stakeholder_name(case: Case, key: str) -> str | None:
    """The display name of the stakeholder with this key (a negotiator with its side)."""
    for side in case.sides:
        if key == side.negotiator.key:
            return f"{side.negotiator.name} ({side.name})"
    try:
        return case.stakeholder(key).name
    except KeyError:
        return None


def parameter_name(case: Case, parameter: str) -> str:
    """``deal.overtime`` → ``Mandatory overtime``; ``union.members.reservation`` →
    ``Membership ratification vote: reservation (the least it accepts)``."""
    if parameter.startswith("deal."):
        iid = parameter.removeprefix("deal.")
        names = {i.id: i.name for i in case.issues}
        return names.get(iid, plain(iid))
    head, _, field = parameter.rpartition(".")
    who = stakeholder_name(case, head) if head else None
    if who is not None:
        return f"{who}: {FIELD_NAMES.get(field, plain(field))}"
    who = stakeholder_name(case, parameter)
    return who if who is not None else plain(parameter.replace(".", " "))


def move_name(case: Case, key: str) -> str:
    """A move key (``framing:union.members``, ``statements:unaffordable``) in words."""
    category, _, rest = key.partition(":")
    target = rest.split(":", 1)[0]
    who = stakeholder_name(case, target)
    what = who if who is not None else plain(target.replace(".", " "))
    return f"{category_name(category)} ({what})" if what else category_name(category)
