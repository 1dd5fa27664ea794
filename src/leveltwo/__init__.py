"""leveltwo: will the deal stick, what can be agreed, and how to help the other side get to yes.

A two-level (Putnam 1988; Sebenius 2013, 2014) negotiation analysis library::

    >>> import leveltwo
    >>> case = leveltwo.load_case("labour-contract")
    >>> result = leveltwo.assess(case)
    >>> 0.0 <= result.success_probability <= 1.0
    True
    >>> steps = leveltwo.plan(case).moves      # the Level II plan, best move first
    >>> len(steps) > 0
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leveltwo.lazy import facade
from leveltwo.version import __version__ as __version__

#: Names are imported on first use (PEP 562) from the modules the TYPE_CHECKING block
#: below names: that block is the one list of the package's public names (see
#: leveltwo/lazy.py), read by type checkers as it is and by ``facade`` from the source.
__getattr__, __dir__ = facade(globals())


if TYPE_CHECKING:  # the public names: explicit re-exports, imported on first use
    from leveltwo.engine.assessment import Assessment as Assessment
    from leveltwo.engine.assessment import assess as assess
    from leveltwo.engine.diagnosis import Diagnosis as Diagnosis
    from leveltwo.engine.diagnosis import diagnose as diagnose
    from leveltwo.engine.evaluator import Evaluator as Evaluator
    from leveltwo.engine.evaluator import evaluate_all as evaluate_all
    from leveltwo.engine.results import DealPoint as DealPoint
    from leveltwo.engine.winsets import SpaceAnalysis as SpaceAnalysis
    from leveltwo.engine.winsets import analyze_space as analyze_space
    from leveltwo.errors import CaseError as CaseError
    from leveltwo.errors import CaseNotFoundError as CaseNotFoundError
    from leveltwo.errors import DealError as DealError
    from leveltwo.errors import InfeasibleError as InfeasibleError
    from leveltwo.errors import InputError as InputError
    from leveltwo.errors import LeveltwoError as LeveltwoError
    from leveltwo.errors import Problem as Problem
    from leveltwo.io.bundled import bundled_cases as bundled_cases
    from leveltwo.io.casefile import case_from_text as case_from_text
    from leveltwo.io.casefile import load_case as load_case
    from leveltwo.io.casefile import validate_text as validate_text
    from leveltwo.io.casewriter import write_case as write_case
    from leveltwo.model.build import build_case as build_case
    from leveltwo.model.build import deal_from_labels as deal_from_labels
    from leveltwo.model.case import Case as Case
    from leveltwo.model.case import Power as Power
    from leveltwo.model.deal import Deal as Deal
    from leveltwo.model.dealargs import parse_deal_args as parse_deal_args
    from leveltwo.model.keys import KeyKind as KeyKind
    from leveltwo.model.keys import StakeholderKey as StakeholderKey
    from leveltwo.narrative.speech import VictorySpeech as VictorySpeech
    from leveltwo.narrative.speech import victory_speech as victory_speech
    from leveltwo.strategies.planner import plan as plan
    from leveltwo.strategies.planresult import Plan as Plan
