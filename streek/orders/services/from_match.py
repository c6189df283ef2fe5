"""A market match becomes a trade: the buyer sets up a standing order or places a one-off business order.

The buying party (an owner or manager of the match's request organisation) orders the offering producer's
variant through a hub where the producer sells and where the buyer organisation is admitted to a business
channel (`selectors.match_options`). The order is made by the existing code (`standing_order_create`;
`order_place` with its stock taken by conditional updates, as the checkout does), then the match records
the agreement (`match_record_agreement`, which tells the monitor of the collaboration), all in one
transaction: a refusal writes nothing. Refusals are MatchOrderRefused (or the standing order's and the
checkout's own refusals) naming the field; PermissionRefused when the actor is not the buying party.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.accounts.models import User
from streek.accounts.selectors import Actor, is_organisation_editor
from streek.core.exceptions import PermissionRefused
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.market.services.matches import match_record_agreement

from ..choices import FulfilmentMethod, StandingOrderKind
from ..exceptions import MatchOrderRefused, StandingOrderRefused
from ..models import DeliveryZone, Order, PickupPoint, StandingOrder
from ..notifications import order_placed_notify
from ..selectors.match_options import HubOption, VariantOption, admitted_terms_by_hub, match_order_options
from ..signals import order_placed
from .checkout import IDEMPOTENCY_KEY_LENGTH, order_for_key, order_once
from .checkout_rules import channel_check, fulfilment_resolve
from .placing import PlaceItem, order_place
from .standing import StandingLineInput, standing_order_create

MAX_QUANTITY = 100_000


def _refuse(message: StrOrPromise, *, field: str) -> MatchOrderRefused:
    return MatchOrderRefused(message, field=field)


def require_match_buyer(*, actor: Actor, match: Match) -> None:
    """Only the buying party orders from a match: an owner or manager of the request's organisation."""
    if not is_organisation_editor(actor=actor, organisation_id=match.request.organisation_id):
        raise PermissionRefused(
            str(_("Only the owners and managers of %(buyer)s may order from this match."))
            % {"buyer": match.request.organisation.name}
        )


def _locked_match(match: Match) -> Match:
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("offer__organisation", "request__organisation")
        .get(pk=match.pk)
    )
    if locked.status == MatchStatus.DISMISSED:
        raise _refuse(_("This match is dismissed: reopen it before ordering from it."), field="match")
    return locked


def _hub_option(*, match: Match, hub_id: int | None) -> HubOption:
    """The hub the buyer chose, checked: admitted to a business channel, the producer selling there."""
    if hub_id is None:
        raise _refuse(_("Choose the hub to order through."), field="hub")
    option = next((one for one in match_order_options(match=match) if one.hub.pk == hub_id), None)
    if option is not None:
        return option
    buyer, producer = match.request.organisation, match.offer.organisation
    admitted = admitted_terms_by_hub(buyer_id=buyer.pk)
    if hub_id not in admitted:
        raise _refuse(
            _("%(buyer)s is not admitted to a business channel of this hub: ask the hub to admit you first.")
            % {"buyer": buyer.name},
            field="hub",
        )
    raise _refuse(
        _("%(producer)s does not sell through %(hub)s in an open or upcoming order cycle.")
        % {"producer": producer.name, "hub": admitted[hub_id].hub.name},
        field="hub",
    )


def _variant_option(*, match: Match, option: HubOption, variant_id: int | None) -> VariantOption:
    found = next((one for one in option.variants if one.variant.pk == variant_id), None)
    if found is None:
        raise _refuse(
            _("Choose a product that %(producer)s offers through %(hub)s.")
            % {"producer": match.offer.organisation.name, "hub": option.hub.name},
            field="variant",
        )
    return found


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise _refuse(_("Order between 1 and %(max)s items.") % {"max": MAX_QUANTITY}, field="quantity")


def _default_name(*, match: Match, chosen: VariantOption) -> str:
    return str(_("%(product)s from %(producer)s")) % {
        "product": chosen.description,
        "producer": match.offer.organisation.name,
    }


@transaction.atomic
def standing_order_from_match(
    *,
    actor: User,
    match: Match,
    hub_id: int | None,
    variant_id: int | None,
    quantity: int,
    fulfilment_method: str,
    starts_on: date,
    interval_weeks: int = 1,
    ends_on: date | None = None,
    pickup_point_id: int | None = None,
    delivery_zone_id: int | None = None,
    street: str = "",
    postal_code: str = "",
    locality: str = "",
    note: str = "",
    name: str = "",
) -> StandingOrder:
    """The buyer sets up a standing order of the producer's variant through the hub; the match is agreed."""
    require_match_buyer(actor=actor, match=match)
    match = _locked_match(match)
    option = _hub_option(match=match, hub_id=hub_id)
    chosen = _variant_option(match=match, option=option, variant_id=variant_id)
    _check_quantity(quantity)
    if starts_on < timezone.localdate():
        raise _refuse(_("Start today or later."), field="starts_on")
    delivery = fulfilment_method == FulfilmentMethod.DELIVERY
    pickup_point = None
    if not delivery and pickup_point_id is not None:
        pickup_point = PickupPoint.objects.filter(pk=pickup_point_id).first()
    zone = DeliveryZone.objects.filter(pk=delivery_zone_id).first() if delivery and delivery_zone_id else None
    try:
        standing = standing_order_create(
            actor=actor,
            hub=option.hub,
            kind=StandingOrderKind.STANDING,
            name=(name.strip() or _default_name(match=match, chosen=chosen))[:120],
            lines=[StandingLineInput(variant_id=chosen.variant.pk, quantity=quantity)],
            fulfilment_method=fulfilment_method,
            starts_on=starts_on,
            interval_weeks=interval_weeks,
            ends_on=ends_on,
            buyer_organisation=match.request.organisation,
            pickup_point=pickup_point,
            delivery_zone=zone,
            street=street if delivery else "",
            postal_code=postal_code if delivery else "",
            locality=locality if delivery else "",
            note=note,
        )
    except StandingOrderRefused as refused:
        # The one line of the form is its product and quantity.
        if refused.field == "lines":
            raise _refuse(refused.message, field="quantity") from refused
        raise
    match_record_agreement(match=match, actor=actor, kind=AgreementKind.STANDING_ORDER, reference=str(standing.pk))
    return standing


def order_from_match(
    *,
    actor: User,
    match: Match,
    hub_id: int | None,
    variant_id: int | None,
    quantity: int,
    fulfilment_method: str,
    idempotency_key: str,
    pickup_slot_id: int | None = None,
    delivery_zone_id: int | None = None,
    street: str = "",
    postal_code: str = "",
    locality: str = "",
    note: str = "",
) -> Order:
    """The buyer places a one-off business order of the producer's variant in the hub's open cycle; the match
    is agreed. The same idempotency key again returns the first order (a double submit orders once)."""
    require_match_buyer(actor=actor, match=match)
    key = idempotency_key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_LENGTH:
        raise _refuse(_("The order form expired: reload the page and try again."), field="idempotency_key")
    return order_once(
        buyer_id=actor.pk,
        idempotency_key=key,
        place=lambda: _order_from_match(
            actor=actor,
            match=match,
            hub_id=hub_id,
            variant_id=variant_id,
            quantity=quantity,
            fulfilment_method=fulfilment_method,
            key=key,
            pickup_slot_id=pickup_slot_id,
            delivery_zone_id=delivery_zone_id,
            street=street,
            postal_code=postal_code,
            locality=locality,
            note=note,
        ),
    )


@transaction.atomic
def _order_from_match(
    *,
    actor: User,
    match: Match,
    hub_id: int | None,
    variant_id: int | None,
    quantity: int,
    fulfilment_method: str,
    key: str,
    pickup_slot_id: int | None,
    delivery_zone_id: int | None,
    street: str,
    postal_code: str,
    locality: str,
    note: str,
) -> Order:
    # The match row is the queue for double submits: the second waits here, then finds the first's order.
    match = _locked_match(match)
    existing = order_for_key(buyer_id=actor.pk, idempotency_key=key)
    if existing is not None:
        return existing
    option = _hub_option(match=match, hub_id=hub_id)
    cycle = option.open_cycle
    if cycle is None:
        raise _refuse(
            _("%(hub)s has no order cycle open now in which %(producer)s sells: set up a standing order instead.")
            % {"hub": option.hub.name, "producer": match.offer.organisation.name},
            field="hub",
        )
    chosen = _variant_option(match=match, option=option, variant_id=variant_id)
    if chosen.offer is None:
        raise _refuse(
            _("%(line)s is not on offer in the order cycle open now at %(hub)s.")
            % {"line": chosen.description, "hub": option.hub.name},
            field="variant",
        )
    _check_quantity(quantity)
    cycle.hub = option.hub
    at = timezone.now()
    buyer_organisation = match.request.organisation
    channel_check(cycle=cycle, terms=option.terms, buyer_organisation=buyer_organisation, at=at)
    fulfilment = fulfilment_resolve(
        cycle=cycle,
        method=fulfilment_method,
        pickup_slot_id=pickup_slot_id,
        delivery_zone_id=delivery_zone_id,
        street=street,
        postal_code=postal_code,
        locality=locality,
    )
    placement = order_place(
        cycle=cycle,
        terms=option.terms,
        buyer=actor,
        buyer_organisation=buyer_organisation,
        items=[PlaceItem(offer=chosen.offer, quantity=quantity)],
        fulfilment=fulfilment,
        idempotency_key=key,
        note=note,
        at=at,
    )
    order = placement.order
    match_record_agreement(match=match, actor=actor, kind=AgreementKind.BUSINESS_ORDER, reference=str(order.pk))
    order_id = order.pk
    order_placed.send(sender=Order, order_id=order_id)
    transaction.on_commit(lambda: order_placed_notify(order_id=order_id))
    return order
