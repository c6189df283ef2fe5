"""The public list of policy goals as a namespace of the response cache.

Every strategy service that changes a goal or its parts (measures, milestones, partners, resources, scores) calls
`goals_changed()`; the cached goal lists become stale when its transaction commits. See
streek.core.response_cache.
"""

from streek.core.response_cache import response_cache_invalidate

GOALS = "goals"


def goals_changed() -> None:
    """Make every cached list of goals stale once the current transaction commits."""
    response_cache_invalidate(GOALS)
