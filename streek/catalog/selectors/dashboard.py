"""What a signed-in person is responsible for: organisations and municipalities."""

from dataclasses import dataclass

from streek.accounts.models import Membership, OfficerAssignment
from streek.accounts.selectors import Actor


@dataclass(frozen=True)
class ActorOverview:
    memberships: list[Membership]
    officer_assignments: list[OfficerAssignment]


def actor_overview(*, actor: Actor) -> ActorOverview:
    if not actor.is_authenticated:
        return ActorOverview(memberships=[], officer_assignments=[])
    memberships = list(Membership.objects.filter(user_id=actor.pk).select_related("organisation"))
    assignments = list(OfficerAssignment.objects.filter(user_id=actor.pk).select_related("municipality"))
    return ActorOverview(memberships=memberships, officer_assignments=assignments)
