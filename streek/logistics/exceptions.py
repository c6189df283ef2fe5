"""Refusals of the logistics services (translated messages; `extra["field"]` names what was wrong)."""

from streek.core.exceptions import ApplicationError


class PlanningRefused(ApplicationError):
    """A plan cannot be made, changed or re-planned in its current state."""
