"""The case model: frozen domain objects, the case-file schema, and validation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leveltwo.lazy import facade

#: Names are imported on first use (PEP 562) from the modules the TYPE_CHECKING block
#: below names: that block is the one list of the package's public names (see
#: leveltwo/lazy.py), read by type checkers as it is and by ``facade`` from the source.
__getattr__, __dir__ = facade(globals())


if TYPE_CHECKING:  # the public names: explicit re-exports, imported on first use
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
    from leveltwo.model.keys import KeyKind as KeyKind
    from leveltwo.model.keys import StakeholderKey as StakeholderKey
