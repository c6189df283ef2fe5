"""Copies of order cycles and schedules that repeat them.

Copies shift every moment by the same wall-clock interval in the local time zone, so a cycle that opens
on Tuesdays at 18:00 keeps opening at 18:00 across the change to summer time. A schedule (series) makes
its repetitions ahead of time through order_cycle_series_generate (the command orders_generate_cycles).
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.core.exceptions import ApplicationError

from ..choices import CycleStatus
from ..models import CycleOffer, CycleProducer, HubFee, OrderCycle, OrderCycleSeries, PickupSlot
from ..shop_cache import shop_changed
from .cycle_checks import publish_problem
from .roles import clean, require_hub_editor

MAX_INTERVAL_WEEKS = 52
MAX_SERIES_DAYS = 731
SERIES_HORIZON = timedelta(weeks=6)
BATCH = 1000


def shift_local(moment: datetime, shift: timedelta) -> datetime:
    """The moment moved by `shift` on the local wall clock (aware arithmetic keeps the local time across DST)."""
    return timezone.localtime(moment) + shift


def _copy_name(template: OrderCycle, fulfilment_date: date) -> str:
    """The template's name with the new fulfilment day, e.g. 'Groentepakket (14/05/2025)'."""
    base = template.name
    suffix = f" ({template.fulfilment_date:%d/%m/%Y})"
    if base.endswith(suffix):
        base = base[: -len(suffix)]
    return f"{base[:180]} ({fulfilment_date:%d/%m/%Y})"


def _copy(
    template: OrderCycle,
    *,
    shift: timedelta,
    name: str | None,
    series: OrderCycleSeries | None,
    now: datetime | None = None,
) -> OrderCycle:
    """A draft copy of the template shifted in time, with what is still active of its set-up; nothing sold."""
    shop_changed()
    if shift <= timedelta(0):
        raise ApplicationError(_("A copy must be moved forward in time."), extra={"field": "shift"})
    closes_at = shift_local(template.closes_at, shift)
    if closes_at <= (now or timezone.now()):
        raise ApplicationError(
            _("The copy would close in the past (%(closes)s): move it further.")
            % {"closes": timezone.localtime(closes_at).strftime("%d/%m/%Y %H:%M")},
            extra={"field": "shift"},
        )
    fulfilment_date = template.fulfilment_date + shift
    cycle = OrderCycle(
        hub_id=template.hub_id,
        name=(name or "").strip() or _copy_name(template, fulfilment_date),
        status=CycleStatus.DRAFT,
        opens_at=shift_local(template.opens_at, shift),
        closes_at=closes_at,
        fulfilment_date=fulfilment_date,
        notes=template.notes,
        series=series,
        cloned_from=template,
    )
    clean(cycle, exclude=["hub"])
    cycle.save()
    cycle.channels.set(template.channels.filter(is_active=True))
    cycle.delivery_zones.set(template.delivery_zones.filter(is_active=True))

    def moved(moment: datetime | None) -> datetime | None:
        return shift_local(moment, shift) if moment is not None else None

    exchanges = list(CycleProducer.objects.filter(cycle=template).order_by("pk"))
    copies = CycleProducer.objects.bulk_create(
        [
            CycleProducer(
                cycle=cycle,
                producer_id=exchange.producer_id,
                ready_from=moved(exchange.ready_from),
                ready_until=moved(exchange.ready_until),
                note=exchange.note,
            )
            for exchange in exchanges
        ],
        batch_size=BATCH,
    )
    exchange_ids = {old.pk: new.pk for old, new in zip(exchanges, copies, strict=True)}
    offers = (
        CycleOffer.objects.filter(cycle=template, variant__is_active=True, variant__product__is_active=True)
        .order_by("pk")
        .values_list("exchange_id", "variant_id", "producer_price", "stock")
    )
    CycleOffer.objects.bulk_create(
        [
            CycleOffer(
                cycle=cycle,
                exchange_id=exchange_ids[exchange_id],
                variant_id=variant_id,
                producer_price=price,
                stock=stock,
                sold=0,
            )
            for exchange_id, variant_id, price, stock in offers.iterator(chunk_size=BATCH)
        ],
        batch_size=BATCH,
    )
    HubFee.objects.bulk_create(
        [
            HubFee(cycle=cycle, kind=fee.kind, name=fee.name, calculation=fee.calculation, amount=fee.amount)
            for fee in HubFee.objects.filter(cycle=template).order_by("pk")
        ]
    )
    PickupSlot.objects.bulk_create(
        [
            PickupSlot(
                cycle=cycle,
                pickup_point_id=slot.pickup_point_id,
                starts_at=shift_local(slot.starts_at, shift),
                ends_at=shift_local(slot.ends_at, shift),
                capacity=slot.capacity,
                booked=0,
            )
            for slot in PickupSlot.objects.filter(cycle=template, pickup_point__is_active=True).order_by("pk")
        ]
    )
    return cycle


@transaction.atomic
def order_cycle_clone(*, actor: Actor, cycle: OrderCycle, shift: timedelta, name: str | None = None) -> OrderCycle:
    """A draft copy of a cycle moved forward by `shift`: its producers, offers (nothing sold yet, stock as set),
    fees, channels, delivery zones and pickup slots. Inactive variants, channels, zones and points are left out.
    """
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    return _copy(cycle, shift=shift, name=name, series=None)


@transaction.atomic
def order_cycle_series_create(
    *, actor: Actor, cycle: OrderCycle, interval_weeks: int, repeat_until: date
) -> OrderCycleSeries:
    """Repeat a cycle every `interval_weeks` weeks until `repeat_until` (its fulfilment days); the cycle is the template.

    The repetitions are made by order_cycle_series_generate (the command orders_generate_cycles runs it daily).
    """
    cycle = OrderCycle.objects.select_for_update().get(pk=cycle.pk)
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    if cycle.status == CycleStatus.CANCELLED:
        raise ApplicationError(_("A cancelled cycle cannot be repeated."), extra={"field": "cycle"})
    if cycle.series_id is not None:
        raise ApplicationError(_("This cycle already repeats on a schedule."), extra={"field": "cycle"})
    if isinstance(interval_weeks, bool) or not 1 <= interval_weeks <= MAX_INTERVAL_WEEKS:
        raise ApplicationError(
            _("Repeat every 1 to %(max)s weeks.") % {"max": MAX_INTERVAL_WEEKS}, extra={"field": "interval_weeks"}
        )
    first = cycle.fulfilment_date + timedelta(weeks=interval_weeks)
    if repeat_until < first:
        raise ApplicationError(
            _("Repeat until at least the first repetition (%(day)s).") % {"day": first.isoformat()},
            extra={"field": "repeat_until"},
        )
    if repeat_until > cycle.fulfilment_date + timedelta(days=MAX_SERIES_DAYS):
        raise ApplicationError(_("A schedule runs at most two years ahead."), extra={"field": "repeat_until"})
    series = OrderCycleSeries.objects.create(
        hub_id=cycle.hub_id, template=cycle, interval_weeks=interval_weeks, repeat_until=repeat_until
    )
    cycle.series = series
    cycle.save(update_fields=["series", "updated_at"])
    return series


@transaction.atomic
def order_cycle_series_stop(*, actor: Actor, series: OrderCycleSeries) -> OrderCycleSeries:
    """Stop a schedule: no new repetitions; those already made stay as they are."""
    series = OrderCycleSeries.objects.select_for_update().get(pk=series.pk)
    require_hub_editor(actor=actor, hub_id=series.hub_id)
    series.is_active = False
    series.save(update_fields=["is_active", "updated_at"])
    return series


@transaction.atomic
def order_cycle_series_generate(
    *, series: OrderCycleSeries, horizon: timedelta = SERIES_HORIZON, now: datetime | None = None
) -> list[OrderCycle]:
    """Make the repetitions of a schedule that open within `horizon` and have not closed; idempotent.

    A repetition exists once per fulfilment day (a cancelled one is not made again). Repetitions of a
    template that was published are published when they can be (see publish_problem), else left as drafts.
    """
    shop_changed()
    series = OrderCycleSeries.objects.select_for_update().select_related("template").get(pk=series.pk)
    if not series.is_active:
        return []
    now = now or timezone.now()
    template = series.template
    existing = set(OrderCycle.objects.filter(series=series).values_list("fulfilment_date", flat=True))
    publish = template.status in (CycleStatus.PUBLISHED, CycleStatus.CLOSED)
    created: list[OrderCycle] = []
    repetition = 1
    while True:
        shift = timedelta(weeks=repetition * series.interval_weeks)
        repetition += 1
        if template.fulfilment_date + shift > series.repeat_until:
            break
        if shift_local(template.opens_at, shift) > now + horizon:
            break
        if template.fulfilment_date + shift in existing or shift_local(template.closes_at, shift) <= now:
            continue
        cycle = _copy(template, shift=shift, name=None, series=series, now=now)
        if publish and publish_problem(cycle, now=now) is None:
            cycle.status = CycleStatus.PUBLISHED
            cycle.save(update_fields=["status", "updated_at"])
        created.append(cycle)
    return created
