"""The case model: frozen domain objects, the case-file schema, and validation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leveltwo.lazy import lazy_exports

#: Each public name → its module, imported on first use (PEP 562): importing one
#: module of the package does not import the others.
_EXPORTS: dict[str, str] = {
    "Bloc": "leveltwo.model.case",
    "Case": "leveltwo.model.case",
    "Constituency": "leveltwo.model.case",
    "Deal": "leveltwo.model.deal",
    "ImplementationRisk": "leveltwo.model.case",
    "Issue": "leveltwo.model.case",
    "Level2Params": "leveltwo.model.case",
    "Negotiator": "leveltwo.model.case",
    "Power": "leveltwo.model.case",
    "Preferences": "leveltwo.model.case",
    "Side": "leveltwo.model.case",
    "Stakeholder": "leveltwo.model.case",
    "build_case": "leveltwo.model.build",
    "deal_from_labels": "leveltwo.model.build",
    "parse_deal_args": "leveltwo.model.dealargs",
    "validate_case_data": "leveltwo.model.build",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:  # explicit re-exports, for type checkers
    from leveltwo.model.build import build_case as build_case
    from leveltwo.model.build import deal_from_labels as deal_from_labels
    from leveltwo.model.build import validate_case_data as validate_case_data
    from leveltwo.model.case import Bloc as Bloc
    from leveltwo.model.case import Case as Case
    from leveltwo.model.case import Constituency as Constituency
    from leveltwo.model.case import ImplementationRisk as ImplementationRisk
    from leveltwo.model.case import Issue as Issue
    from leveltwo.model.case import Level2Params as Level2Params
    from leveltwo.model.case import Negotiator as Negotiator
    from leveltwo.model.case import Power as Power
    from leveltwo.model.case import Preferences as Preferences
    from leveltwo.model.case import Side as Side
    from leveltwo.model.case import Stakeholder as Stakeholder
    from leveltwo.model.deal import Deal as Deal
    from leveltwo.model.dealargs import parse_deal_args as parse_deal_args

__all__ = [
    "Bloc",
    "Case",
    "Constituency",
    "Deal",
    "ImplementationRisk",
    "Issue",
    "Level2Params",
    "Negotiator",
    "Power",
    "Preferences",
    "Side",
    "Stakeholder",
    "build_case",
    "deal_from_labels",
    "parse_deal_args",
    "validate_case_data",
]
