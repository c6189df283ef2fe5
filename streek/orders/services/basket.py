"""Writes on baskets: one basket per buyer per cycle (per organisation for business buyers), lines from many producers.

The basket checks what it can know early (the channel, case sizes, minimum quantities, preparations,
what is left); the checkout checks it all again under lock, because stock may go while a buyer hesitates.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation

from ..access import is_editor
from ..choices import BUSINESS_CHANNELS, AdmissionStatus, ChannelKind, Preparation
from ..exceptions import BasketRefused, ChannelRefused
from ..models import Basket, BasketLine, ChannelAdmission, ChannelTerms, CycleOffer, OrderCycle
from ..offer_lines import offer_description, quantity_problem, variant_terms_for


def basket_terms(*, cycle: OrderCycle, buyer_organisation: Organisation | None) -> ChannelTerms:
    """The terms a buyer trades on in a cycle: consumers on the consumer channel, organisations where admitted."""
    channels = cycle.channels.filter(is_active=True)
    if buyer_organisation is None:
        if "channels" in getattr(cycle, "_prefetched_objects_cache", {}):  # the shop page prefetches them
            consumer = [c for c in cycle.channels.all() if c.is_active and c.kind == ChannelKind.CONSUMER]
            terms = min(consumer, key=lambda c: c.pk, default=None)
        else:
            terms = channels.filter(kind=ChannelKind.CONSUMER).first()
        if terms is None:
            raise ChannelRefused(_("This order cycle does not sell to households."), field="channel")
        return terms
    admission = (
        ChannelAdmission.objects.filter(
            terms__in=channels,
            terms__kind__in=BUSINESS_CHANNELS,
            buyer=buyer_organisation,
            status=AdmissionStatus.ADMITTED,
        )
        .select_related("terms")
        .order_by("terms__kind", "pk")
        .first()
    )
    if admission is None:
        raise ChannelRefused(
            _("%(buyer)s is not admitted to a business channel of %(hub)s in this order cycle.")
            % {"buyer": buyer_organisation.name, "hub": cycle.hub.name},
            field="channel",
        )
    return admission.terms


def basket_get_or_create(
    *, cycle: OrderCycle, user: Actor | None, session_key: str, buyer_organisation: Organisation | None = None
) -> Basket:
    """The buyer's basket in this cycle, made on first use; a guest's is tied to the session until login."""
    owner = user if user is not None and user.is_authenticated else None
    if buyer_organisation is not None and (
        owner is None or not is_editor(actor=owner, organisation_id=buyer_organisation.pk)
    ):
        raise ChannelRefused(_("You may only order for an organisation you manage."), field="buyer_organisation")
    if owner is None and not session_key:
        raise BasketRefused(_("A basket needs a session or a login."), field="session")
    terms = basket_terms(cycle=cycle, buyer_organisation=buyer_organisation)
    if owner is not None:
        lookup = Basket.objects.filter(cycle=cycle, user_id=owner.pk, buyer_organisation=buyer_organisation)
    else:
        lookup = Basket.objects.filter(cycle=cycle, user__isnull=True, session_key=session_key)
    basket = lookup.first()
    if basket is None:
        try:
            with transaction.atomic():
                basket = Basket.objects.create(
                    cycle=cycle,
                    user_id=owner.pk if owner is not None else None,
                    session_key="" if owner is not None else session_key,
                    buyer_organisation=buyer_organisation,
                    terms=terms,
                )
        except IntegrityError:
            # The same buyer opened the basket in another request at the same moment.
            basket = lookup.get()
    if basket.terms_id != terms.pk:
        basket.terms = terms
        basket.save(update_fields=["terms", "updated_at"])
    return basket


@transaction.atomic
def basket_set_line(*, basket: Basket, offer_id: int, quantity: int, preparation: str = "") -> BasketLine | None:
    """Put `quantity` items of an offered variant in the basket (0 removes the line)."""
    if quantity < 0:
        raise BasketRefused(_("A quantity cannot be negative."), offer_id=offer_id, field="quantity")
    cycle = basket.cycle
    if not cycle.is_open():
        raise BasketRefused(_("This order cycle is not open for orders."), field="cycle")
    offer = (
        CycleOffer.objects.select_related("variant__product", "variant__unit")
        .filter(pk=offer_id, cycle_id=basket.cycle_id)
        .first()
    )
    if offer is None:
        raise BasketRefused(_("This product is not offered in this order cycle."), offer_id=offer_id, field="offer")
    if quantity == 0:
        BasketLine.objects.filter(basket=basket, offer=offer).delete()
        return None
    description = offer_description(variant=offer.variant, product=offer.variant.product)
    variant_term = variant_terms_for(terms=basket.terms, variant_ids=[offer.variant_id]).get(offer.variant_id)
    problem = quantity_problem(description=description, quantity=quantity, variant_term=variant_term)
    if problem is not None:
        raise BasketRefused(problem, offer_id=offer.pk, field="quantity")
    if preparation and (preparation not in Preparation.values or preparation not in basket.terms.preparations):
        raise BasketRefused(
            _("%(line)s: this preparation is not offered on this channel.") % {"line": description},
            offer_id=offer.pk,
            field="preparation",
        )
    available = offer.available
    if available is not None and quantity > available:
        raise BasketRefused(
            _("Only %(available)s left of %(line)s.") % {"available": available, "line": description},
            offer_id=offer.pk,
            field="quantity",
            extra={"available": available},
        )
    line, _created = BasketLine.objects.update_or_create(
        basket=basket, offer=offer, defaults={"quantity": quantity, "preparation": preparation}
    )
    return line


@transaction.atomic
def basket_merge_session(*, session_key: str, user: Actor) -> list[Basket]:
    """At login, the guest's baskets become the user's; lines join a basket the user already had (larger quantity)."""
    if not session_key or not user.is_authenticated:
        return []
    merged: list[Basket] = []
    guest_baskets = Basket.objects.select_for_update().filter(session_key=session_key, user__isnull=True)
    for guest in guest_baskets:
        own = Basket.objects.filter(cycle_id=guest.cycle_id, user_id=user.pk, buyer_organisation__isnull=True).first()
        if own is None:
            guest.user_id = user.pk
            guest.session_key = ""
            guest.save(update_fields=["user", "session_key", "updated_at"])
            merged.append(guest)
            continue
        existing = {line.offer_id: line for line in own.lines.all()}
        for line in guest.lines.all():
            current = existing.get(line.offer_id)
            if current is None:
                BasketLine.objects.create(
                    basket=own, offer_id=line.offer_id, quantity=line.quantity, preparation=line.preparation
                )
            elif line.quantity > current.quantity:
                current.quantity = line.quantity
                current.save(update_fields=["quantity", "updated_at"])
        guest.delete()
        merged.append(own)
    return merged


@transaction.atomic
def basket_clear(*, basket: Basket) -> None:
    """Empty the basket (the basket itself stays, on the same terms)."""
    BasketLine.objects.filter(basket=basket).delete()
