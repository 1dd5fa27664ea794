"""Level II strategies: the move catalogue, the planner, and robustness checks.

Every move is a transformation of the case (:mod:`leveltwo.strategies.ops`);
the engine assesses the changed case, so every number a plan shows is the
engine's. See docs/strategies.md.
"""

from leveltwo.strategies.levers import Category, Lever
from leveltwo.strategies.move import Move, Strategy
from leveltwo.strategies.planner import plan, steps_for
from leveltwo.strategies.planresult import Plan, Step
from leveltwo.strategies.registry import REGISTRY

__all__ = ["REGISTRY", "Category", "Lever", "Move", "Plan", "Step", "Strategy", "plan", "steps_for"]
