"""The numerics of the baseline model: approvals, bloc votes, sides, the deal space."""

from leveltwo.engine.assessment import (
    Assessment,
    RiskResult,
    SideResult,
    StakeholderResult,
    assess,
)
from leveltwo.engine.evaluator import DealArrays, Evaluator, evaluate_all
from leveltwo.engine.results import DealPoint
from leveltwo.engine.winsets import SpaceAnalysis, analyze_space

__all__ = [
    "Assessment",
    "DealArrays",
    "DealPoint",
    "Evaluator",
    "RiskResult",
    "SideResult",
    "SpaceAnalysis",
    "StakeholderResult",
    "analyze_space",
    "assess",
    "evaluate_all",
]
