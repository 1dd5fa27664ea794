"""The case model: frozen domain objects, the case-file schema, and validation."""

from leveltwo.model.build import build_case, deal_from_labels, validate_case_data
from leveltwo.model.case import (
    Bloc,
    Case,
    Constituency,
    Issue,
    Level2Params,
    Negotiator,
    Power,
    Preferences,
    Side,
    Stakeholder,
)
from leveltwo.model.deal import Deal
from leveltwo.model.dealargs import parse_deal_args

__all__ = [
    "Bloc",
    "Case",
    "Constituency",
    "Deal",
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
