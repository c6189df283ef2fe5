"""Trade in the demo region: Voedselhub Haspengouw runs weekly cycles with the demo producers.

Built through the same services as the pages (so the demo obeys every rule), on top of the catalogue demo:
channel terms for consumers, horeca, care and schools; pickup points (one cooled) and a delivery zone; a
closed cycle of last week with delivered and invoiced orders; the open cycle of this week with orders and
a care home's standing order; the next cycle, published by the weekly schedule. Deterministic for a seed.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from streek.accounts.models import User
from streek.catalog.choices import OrganisationKind, SalesPointType
from streek.catalog.demo.context import EMAIL_DOMAIN
from streek.catalog.models import Organisation, SalesPoint, Variant

from .choices import ChannelKind, FeeCalculation, FeeKind, FulfilmentMethod, PaymentTerms, Preparation, PriceRule
from .models import (
    Basket,
    ChannelAdmission,
    ChannelTerms,
    CycleSurplus,
    DeliveryZone,
    Invoice,
    InvoiceSequence,
    Order,
    OrderCycle,
    OrderCycleSeries,
    PickupPoint,
    ReturnableCrate,
    StandingOrder,
)
from .services.basket import basket_get_or_create, basket_set_line
from .services.channels import (
    channel_admission_decide,
    channel_admission_request,
    channel_price_set,
    channel_terms_save,
    returnable_crate_save,
)
from .services.checkout import basket_checkout
from .services.cycle_close import order_cycle_close
from .services.cycles import (
    order_cycle_create,
    order_cycle_publish,
    order_cycle_series_create,
    order_cycle_series_generate,
)
from .services.incoming import cycle_offer_set, cycle_producer_add, hub_fee_set
from .services.orders import order_mark_delivered, order_mark_paid
from .services.outgoing import delivery_zone_save, pickup_point_save, pickup_slot_create

HUB_NAME = "Voedselhub Haspengouw"
# Business buyers of the demo receive on Tuesday and Friday, ordering by the day before.
BUSINESS_DAYS = (1, 4)
PRODUCERS_IN_CYCLE = 10


@dataclass
class TradeDemoResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def trade_demo_exists() -> bool:
    return OrderCycle.objects.filter(hub__is_demo=True).exists()


@transaction.atomic
def trade_demo_delete() -> int:
    """Remove the trade of demo organisations (before the catalogue demo is removed: orders protect it)."""
    hubs = Q(hub__is_demo=True)
    deleted = Invoice.objects.filter(issuer__is_demo=True).exclude(credits=None).delete()[0]
    deleted += Invoice.objects.filter(issuer__is_demo=True).delete()[0]
    deleted += InvoiceSequence.objects.filter(issuer__is_demo=True).delete()[0]
    deleted += Basket.objects.filter(cycle__hub__is_demo=True).delete()[0]
    deleted += CycleSurplus.objects.filter(cycle__hub__is_demo=True).delete()[0]
    deleted += Order.objects.filter(hubs).delete()[0]
    deleted += StandingOrder.objects.filter(hubs).delete()[0]
    deleted += OrderCycleSeries.objects.filter(hubs).delete()[0]
    deleted += OrderCycle.objects.filter(hubs).delete()[0]
    deleted += PickupPoint.objects.filter(hubs).delete()[0]
    deleted += DeliveryZone.objects.filter(hubs).delete()[0]
    deleted += ChannelTerms.objects.filter(hubs).delete()[0]
    deleted += ReturnableCrate.objects.filter(hubs).delete()[0]
    return deleted


def _next_business_day(after: date) -> date:
    day = after
    while day.weekday() not in BUSINESS_DAYS:
        day += timedelta(days=1)
    return day


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _producers(hub: Organisation, province_id: int) -> list[Organisation]:
    """Demo producers and processors of the hub's province with active variants, the personas first."""
    kinds = (OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR)
    candidates = (
        Organisation.objects.filter(is_demo=True, kind__in=kinds)
        .filter(municipality__province_id=province_id)
        .annotate(variants=Count("products__variants", filter=Q(products__variants__is_active=True)))
        .filter(variants__gt=0)
        .order_by("name")
    )
    personas = {"Fruitbedrijf Vanherck", "Hoeve Ter Linden", "Fruitpers Haspengouw"}
    ordered: list[Organisation] = sorted(candidates, key=lambda org: (org.name not in personas, org.name))
    return ordered[:PRODUCERS_IN_CYCLE]


@dataclass
class _Setup:
    hub: Organisation
    admin: User
    terms: dict[str, ChannelTerms]
    pickups: list[PickupPoint]
    zone: DeliveryZone
    producers: list[Organisation]
    variants: list[Variant]


def _setup(*, hub: Organisation, admin: User, province_id: int) -> _Setup:
    fees_note = {"price_rule": PriceRule.PRODUCER_PRICE}
    terms: dict[str, ChannelTerms] = {
        ChannelKind.CONSUMER: channel_terms_save(actor=admin, hub=hub, kind=ChannelKind.CONSUMER, **fees_note),
        ChannelKind.HORECA: channel_terms_save(
            actor=admin,
            hub=hub,
            kind=ChannelKind.HORECA,
            price_rule=PriceRule.MARKUP,
            markup_percent=Decimal("-5"),
            minimum_order_value=Decimal("75"),
            delivery_weekdays=list(BUSINESS_DAYS),
            cutoff_days_before=1,
            cutoff_time=time(12, 0),
            preparations=[Preparation.BULK, Preparation.PREPACKED],
            payment_terms=PaymentTerms.NET_14,
        ),
        ChannelKind.CARE: channel_terms_save(
            actor=admin,
            hub=hub,
            kind=ChannelKind.CARE,
            minimum_order_value=Decimal("100"),
            delivery_weekdays=list(BUSINESS_DAYS),
            cutoff_days_before=1,
            cutoff_time=time(12, 0),
            preparations=[Preparation.PREPACKED, Preparation.WASHED, Preparation.CUT],
            payment_terms=PaymentTerms.NET_30,
        ),
        ChannelKind.SCHOOL: channel_terms_save(
            actor=admin,
            hub=hub,
            kind=ChannelKind.SCHOOL,
            minimum_order_value=Decimal("60"),
            delivery_weekdays=list(BUSINESS_DAYS),
            cutoff_days_before=2,
            cutoff_time=time(16, 0),
            preparations=[Preparation.WASHED, Preparation.CUT],
            payment_terms=PaymentTerms.NET_30,
        ),
    }
    depot = pickup_point_save(
        actor=admin,
        hub=hub,
        name=f"{hub.name} - depot",
        street=hub.street,
        postal_code=hub.postal_code,
        locality=hub.locality,
        municipality=hub.municipality,
        lat=hub.lat,
        lon=hub.lon,
        is_cooled=True,
        instructions="Koelcel links van de laadkade; bel aan bij de poort.",
    )
    pickups = [depot]
    nearby = SalesPoint.objects.filter(
        is_demo=True, type=SalesPointType.PICKUP_POINT, municipality__province_id=province_id
    ).order_by("name")[:2]
    pickups += [pickup_point_save(actor=admin, hub=hub, name=point.name, sales_point=point) for point in nearby]
    zone = delivery_zone_save(
        actor=admin,
        hub=hub,
        name="Sint-Truiden en deelgemeenten",
        postal_codes=["3800", "3803", "3806"],
        fee=Decimal("4.50"),
        minimum_order=Decimal("30"),
        delivery_from=time(17, 0),
        delivery_until=time(20, 0),
    )
    producers = _producers(hub, province_id)
    variants = list(
        Variant.objects.filter(product__organisation__in=producers, is_active=True, product__is_active=True)
        .select_related("product")
        .order_by("product__organisation_id", "product_id", "price")
    )
    crate = returnable_crate_save(actor=admin, hub=hub, name="Groentekrat 40 x 60", deposit=Decimal("3.00"))
    for variant in variants[:6]:
        channel_price_set(
            actor=admin,
            terms=terms[ChannelKind.CARE],
            variant=variant,
            price=(variant.price * Decimal("0.95")).quantize(Decimal("0.01")),
            case_size=5,
            minimum_quantity=5,
            crate=crate,
            units_per_crate=10,
        )
    return _Setup(hub=hub, admin=admin, terms=terms, pickups=pickups, zone=zone, producers=producers, variants=variants)


def _cycle(setup: _Setup, *, name: str, fulfilment: date, rng: random.Random) -> OrderCycle:
    """A cycle open from yesterday until the day before `fulfilment` at 10:00, with every producer's variants."""
    now = timezone.now()
    admin = setup.admin
    cycle = order_cycle_create(
        actor=admin,
        hub=setup.hub,
        name=name,
        opens_at=now - timedelta(days=1),
        closes_at=_at(fulfilment - timedelta(days=1), 10),
        fulfilment_date=fulfilment,
        channels=setup.terms.values(),
        delivery_zones=[setup.zone],
        notes="Afhalen op vrijdag tussen 16 en 19 uur; koelwaren enkel aan het depot.",
    )
    for producer in setup.producers:
        cycle_producer_add(
            actor=admin,
            cycle=cycle,
            producer=producer,
            ready_from=_at(fulfilment - timedelta(days=1), 7),
            ready_until=_at(fulfilment - timedelta(days=1), 12),
        )
    for variant in setup.variants:
        stock = None if rng.random() < 0.2 else rng.choice((12, 20, 30, 50))
        cycle_offer_set(actor=admin, cycle=cycle, variant=variant, producer_price=variant.price, stock=stock)
    hub_fee_set(
        actor=admin, cycle=cycle, kind=FeeKind.PACKING, calculation=FeeCalculation.PERCENTAGE, amount=Decimal(8)
    )
    hub_fee_set(
        actor=admin,
        cycle=cycle,
        kind=FeeKind.TRANSPORT,
        calculation=FeeCalculation.PER_LINE,
        amount=Decimal("0.25"),
        name="Ophaalronde",
    )
    for pickup in setup.pickups:
        pickup_slot_create(
            actor=admin,
            cycle=cycle,
            pickup_point=pickup,
            starts_at=_at(fulfilment, 16),
            ends_at=_at(fulfilment, 19),
            capacity=40,
        )
    return order_cycle_publish(actor=admin, cycle=cycle)


def _order(
    setup: _Setup,
    *,
    cycle: OrderCycle,
    buyer: User,
    rng: random.Random,
    key: str,
    lines: int,
    organisation: Organisation | None = None,
    quantity: int = 1,
    delivery: bool = False,
) -> Order | None:
    basket = basket_get_or_create(cycle=cycle, user=buyer, session_key="", buyer_organisation=organisation)
    offers = list(cycle.offers.select_related("variant__product").order_by("pk"))
    if organisation is None:  # consumers: keep chilled goods for the cooled depot
        chosen = rng.sample(offers, k=min(lines, len(offers)))
    else:
        priced = set(basket.terms.variant_terms.values_list("variant_id", flat=True))
        chosen = [offer for offer in offers if offer.variant_id in priced][:lines]
    for offer in chosen:
        basket_set_line(basket=basket, offer_id=offer.pk, quantity=quantity)
    depot = cycle.slots.filter(pickup_point__is_cooled=True).first()
    if delivery:
        return basket_checkout(
            basket=basket,
            actor=buyer,
            idempotency_key=key,
            fulfilment_method=FulfilmentMethod.DELIVERY,
            delivery_zone_id=setup.zone.pk,
            street="Naamsesteenweg 12",
            postal_code="3800",
            locality="Sint-Truiden",
        )
    return basket_checkout(
        basket=basket,
        actor=buyer,
        idempotency_key=key,
        fulfilment_method=FulfilmentMethod.PICKUP,
        pickup_slot_id=depot.pk if depot else None,
    )


def _move_to_past(cycle: OrderCycle, *, weeks: int) -> None:
    """Shift a cycle and its slots back in time (demo history only: services never rewrite the past)."""
    shift = timedelta(weeks=weeks)
    OrderCycle.objects.filter(pk=cycle.pk).update(
        opens_at=cycle.opens_at - shift,
        closes_at=cycle.closes_at - shift,
        fulfilment_date=cycle.fulfilment_date - shift,
    )
    for slot in cycle.slots.all():
        slot.starts_at -= shift
        slot.ends_at -= shift
        slot.save(update_fields=["starts_at", "ends_at"])
    Order.objects.filter(cycle=cycle).update(placed_at=timezone.now() - shift)


@transaction.atomic
def trade_demo_load(*, seed: int, reset: bool = False) -> TradeDemoResult:
    """Create the demo trade unless it exists (the catalogue demo must exist)."""
    if reset:
        trade_demo_delete()
    elif trade_demo_exists():
        return TradeDemoResult(created=False)
    hub = Organisation.objects.filter(is_demo=True, name=HUB_NAME).select_related("municipality").first()
    users = {user.username: user for user in User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")}
    admin = users.get("admin")
    if hub is None or admin is None or hub.municipality is None or hub.municipality.province_id is None:
        return TradeDemoResult(created=False)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    setup = _setup(hub=hub, admin=admin, province_id=hub.municipality.province_id)
    care_home = Organisation.objects.filter(is_demo=True, kind=OrganisationKind.CARE).order_by("name").first()
    school = Organisation.objects.filter(is_demo=True, kind=OrganisationKind.SCHOOL).order_by("name").first()
    kitchen, school_cook = users.get("keuken.zorg"), users.get("school.kok")
    if care_home and kitchen:
        admission = channel_admission_request(actor=kitchen, terms=setup.terms[ChannelKind.CARE], buyer=care_home)
        channel_admission_decide(actor=admin, admission=admission, admit=True, note="Leveringen dinsdag en vrijdag.")
    if school and school_cook:  # waits in the hub's admission queue
        channel_admission_request(actor=school_cook, terms=setup.terms[ChannelKind.SCHOOL], buyer=school)

    today = timezone.localdate()
    resident = users.get("bewoner")
    # Last week's cycle: placed now, then moved a week back, closed, delivered and partly paid.
    past = _cycle(
        setup,
        name="Weekmand Haspengouw - vorige week",
        fulfilment=_next_business_day(today + timedelta(days=2)),
        rng=rng,
    )
    past_orders: list[Order | None] = []
    if resident:
        past_orders.append(_order(setup, cycle=past, buyer=resident, rng=rng, key="demo-past-1", lines=4))
        past_orders.append(
            _order(setup, cycle=past, buyer=resident, rng=rng, key="demo-past-2", lines=6, quantity=2, delivery=True)
        )
    if kitchen and care_home:
        past_orders.append(
            _order(
                setup,
                cycle=past,
                buyer=kitchen,
                rng=rng,
                key="demo-past-care",
                lines=4,
                organisation=care_home,
                quantity=10,
            )
        )
    _move_to_past(past, weeks=1)
    past.refresh_from_db()
    order_cycle_close(actor=admin, cycle=past, offer_surplus=True)
    for number, order in enumerate(o for o in past_orders if o is not None):
        order_mark_delivered(actor=admin, order=order)
        if number % 2 == 0:
            order_mark_paid(actor=admin, order=order)

    # This week's cycle, open now, repeated weekly.
    current = _cycle(
        setup, name="Weekmand Haspengouw", fulfilment=_next_business_day(today + timedelta(days=2)), rng=rng
    )
    if resident:
        _order(setup, cycle=current, buyer=resident, rng=rng, key="demo-now-1", lines=5)
    if kitchen and care_home:
        _order(
            setup,
            cycle=current,
            buyer=kitchen,
            rng=rng,
            key="demo-now-care",
            lines=5,
            organisation=care_home,
            quantity=10,
        )
    series = order_cycle_series_create(
        actor=admin, cycle=current, interval_weeks=1, repeat_until=today + timedelta(weeks=8)
    )
    upcoming = order_cycle_series_generate(series=series)
    counts = {
        "channels": len(setup.terms),
        "pickup points": len(setup.pickups),
        "producers in a cycle": len(setup.producers),
        "offered variants": len(setup.variants),
        "cycles": OrderCycle.objects.filter(hub=hub).count(),
        "orders": Order.objects.filter(hub=hub).count(),
        "invoices": Invoice.objects.filter(issuer=hub).count(),
        "admissions": ChannelAdmission.objects.filter(terms__hub=hub).count(),
        "cycles made by the schedule": len(upcoming),
    }
    return TradeDemoResult(created=True, counts=counts)
