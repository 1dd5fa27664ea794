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

from leveltwo.engine import (
    Assessment,
    DealPoint,
    Evaluator,
    SpaceAnalysis,
    analyze_space,
    assess,
    evaluate_all,
)
from leveltwo.engine.diagnosis import Diagnosis, diagnose
from leveltwo.errors import (
    CaseError,
    CaseNotFoundError,
    DealError,
    InfeasibleError,
    InputError,
    LeveltwoError,
    Problem,
)
from leveltwo.io.bundled import bundled_cases
from leveltwo.io.casefile import case_from_text, load_case, validate_text
from leveltwo.model import Case, Deal, Power, build_case, deal_from_labels, parse_deal_args
from leveltwo.narrative import VictorySpeech, victory_speech
from leveltwo.strategies import Plan, plan
from leveltwo.version import __version__

__all__ = [
    "Assessment",
    "Case",
    "CaseError",
    "CaseNotFoundError",
    "Deal",
    "DealError",
    "DealPoint",
    "Diagnosis",
    "Evaluator",
    "InfeasibleError",
    "InputError",
    "LeveltwoError",
    "Plan",
    "Power",
    "Problem",
    "SpaceAnalysis",
    "VictorySpeech",
    "__version__",
    "analyze_space",
    "assess",
    "build_case",
    "bundled_cases",
    "case_from_text",
    "deal_from_labels",
    "diagnose",
    "evaluate_all",
    "load_case",
    "parse_deal_args",
    "plan",
    "validate_text",
    "victory_speech",
]
