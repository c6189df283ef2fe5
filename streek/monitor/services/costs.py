"""A producer's own costs per channel and year (K15), used only with its consent."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.core.exceptions import ApplicationError, NotFound
from streek.orders.choices import ChannelKind

from ..access import can_enter_costs
from ..models import ProducerCost


@transaction.atomic
def producer_cost_save(
    *, actor: Actor, organisation_id: int, year: int, channel: str, costs: Decimal, consent: bool
) -> ProducerCost:
    """Create or replace the producer's costs for that channel and year; members of the producer and admins."""
    if not can_enter_costs(actor=actor, organisation_id=organisation_id):
        raise NotFound(_("There is no such producer."))
    if channel not in ChannelKind.values:
        raise ApplicationError(_("Choose one of the sales channels."), extra={"field": "channel"})
    cost = ProducerCost.objects.filter(organisation_id=organisation_id, year=year, channel=channel).first()
    if cost is None:
        cost = ProducerCost(organisation_id=organisation_id, year=year, channel=channel)
    cost.costs = Decimal(costs)
    cost.consent = consent
    cost.entered_by_id = actor.pk if actor.is_authenticated else None
    cost.full_clean()
    cost.save()
    return cost


@transaction.atomic
def producer_cost_delete(*, actor: Actor, producer_cost: ProducerCost) -> None:
    if not can_enter_costs(actor=actor, organisation_id=producer_cost.organisation_id):
        raise NotFound(_("There is no such producer."))
    producer_cost.delete()
