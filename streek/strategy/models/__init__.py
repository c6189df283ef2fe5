from .goals import AmoreScore, GoalPartner, GoalResource, GoalVersion, Measure, Milestone, PolicyGoal
from .reports import YearlyReport

__all__ = [
    "AmoreScore",
    "GoalPartner",
    "GoalResource",
    "GoalVersion",
    "Measure",
    "Milestone",
    "PolicyGoal",
    "YearlyReport",
]
