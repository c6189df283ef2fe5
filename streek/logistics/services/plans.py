"""Making plans: ask for one (queued, run in the background), run it, store its routes, re-plan a new version."""

import logging
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.orders.models import OrderCycle

from ..choices import ROUTE_COLOURS, PlanStatus, StopUnplannedReason
from ..exceptions import PlanningRefused
from ..models import Plan, Route, Stop
from ..planning import PlanResult, default_backend, plan_solve
from ..planning.savings import SavingsReport, savings_compute
from .checks import clean, require_hub_editor
from .problem import PLANNABLE_CYCLE_STATUSES, PlanInput, StopSpec, plan_input_build, vehicle_id_of

logger = logging.getLogger(__name__)
MAX_TIME_LIMIT_SECONDS = 600


def default_time_limit() -> int:
    return max(1, min(MAX_TIME_LIMIT_SECONDS, round(float(getattr(settings, "ROUTING_TIME_LIMIT_SECONDS", 30)))))


def _enqueue(plan: Plan) -> None:
    from ..tasks import plan_run_task

    plan_id = plan.pk
    transaction.on_commit(lambda: plan_run_task.enqueue(plan_id=plan_id))


@transaction.atomic
def plan_create(
    *,
    actor: Actor,
    hub: Organisation,
    day: date,
    cycles: Iterable[OrderCycle],
    partner_hubs: Iterable[Organisation] = (),
    time_limit_seconds: int | None = None,
    collection_minutes: int = 10,
    delivery_minutes: int = 5,
) -> Plan:
    """Ask for the rounds of a day: the cycles of the hub (and of partner hubs) delivering that day.

    The plan is queued; a background task solves it after the transaction commits.
    """
    require_hub_editor(actor=actor, hub_ids=[hub.pk])
    partners = [partner for partner in partner_hubs if partner.pk != hub.pk]
    for partner in partners:
        if partner.kind != OrganisationKind.HUB:
            raise PlanningRefused(_("Only hubs can plan rounds together."), extra={"field": "partner_hubs"})
    hub_ids = {hub.pk, *(partner.pk for partner in partners)}
    chosen = list(cycles)
    if not chosen:
        raise PlanningRefused(_("Choose at least one order cycle."), extra={"field": "cycles"})
    for cycle in chosen:
        if cycle.hub_id not in hub_ids:
            raise PlanningRefused(
                _("%(cycle)s belongs to a hub that is not part of this plan.") % {"cycle": cycle.name},
                extra={"field": "cycles"},
            )
        if cycle.status not in PLANNABLE_CYCLE_STATUSES:
            raise PlanningRefused(
                _("%(cycle)s is not published or closed.") % {"cycle": cycle.name}, extra={"field": "cycles"}
            )
        if cycle.fulfilment_date != day:
            raise PlanningRefused(
                _("%(cycle)s delivers on another day.") % {"cycle": cycle.name}, extra={"field": "cycles"}
            )
    plan = Plan(
        hub=hub,
        day=day,
        time_limit_seconds=time_limit_seconds or default_time_limit(),
        collection_minutes=collection_minutes,
        delivery_minutes=delivery_minutes,
        created_by=actor if actor.is_authenticated else None,
    )
    clean(plan)
    plan.save()
    plan.hubs.set(hub_ids)
    plan.cycles.set(chosen)
    _enqueue(plan)
    return plan


@transaction.atomic
def plan_replan(*, actor: Actor, plan: Plan, time_limit_seconds: int | None = None) -> Plan:
    """A new version of a finished plan from today's orders, keeping locked and moved stops on their vehicles."""
    hub_ids = list(plan.hubs.values_list("pk", flat=True))
    require_hub_editor(actor=actor, hub_ids=[plan.hub_id, *hub_ids])
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    if current.is_active:
        raise PlanningRefused(_("This plan is still being planned."), extra={"field": "status"})
    if Plan.objects.filter(parent=current, status__in=[PlanStatus.QUEUED, PlanStatus.RUNNING]).exists():
        raise PlanningRefused(_("A new version of this plan is already being planned."), extra={"field": "status"})
    latest = Plan.objects.filter(hub_id=current.hub_id, day=current.day).aggregate(top=Max("version"))["top"] or 0
    child = Plan(
        hub_id=current.hub_id,
        day=current.day,
        version=max(latest, current.version) + 1,
        parent=current,
        time_limit_seconds=time_limit_seconds or current.time_limit_seconds,
        collection_minutes=current.collection_minutes,
        delivery_minutes=current.delivery_minutes,
        created_by=actor if actor.is_authenticated else None,
    )
    clean(child)
    child.save()
    child.hubs.set(hub_ids)
    child.cycles.set(current.cycles.all())
    _enqueue(child)
    return child


def _progress(plan_id: int) -> Callable[[float], None]:
    def report(fraction: float) -> None:
        Plan.objects.filter(pk=plan_id, status=PlanStatus.RUNNING).update(progress=min(99, int(fraction * 100)))

    return report


def plan_run(*, plan_id: int) -> Plan:
    """Solve a queued plan within its time limit, store routes, stops and savings. Runs once per plan."""
    started = Plan.objects.filter(pk=plan_id, status=PlanStatus.QUEUED).update(
        status=PlanStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    plan = Plan.objects.get(pk=plan_id)
    if not started:
        return plan
    try:
        built = plan_input_build(plan=plan)
        backend = default_backend()
        result = plan_solve(
            problem=built.problem,
            time_limit_seconds=plan.time_limit_seconds,
            progress=_progress(plan.pk),
            backend=backend,
        )
        savings = savings_compute(
            plan=result, producers=built.solo, backend=backend, stop_seconds=plan.delivery_minutes * 60
        )
        plan_result_store(plan=plan, built=built, result=result, savings=savings)
    except Exception as error:  # the page must say the plan failed, whatever went wrong
        logger.exception("plan %s failed", plan_id)
        Plan.objects.filter(pk=plan_id).update(
            status=PlanStatus.FAILED,
            error_message=str(error)[:2000] or error.__class__.__name__,
            finished_at=timezone.now(),
        )
    plan.refresh_from_db()
    return plan


def _decimal(value: float, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places))


@transaction.atomic
def plan_result_store(*, plan: Plan, built: PlanInput, result: PlanResult, savings: SavingsReport) -> Plan:
    """Replace the plan's routes and stops with the solver's result, and record its totals and savings."""
    Stop.objects.filter(plan=plan).delete()
    Route.objects.filter(plan=plan).delete()
    stops: list[Stop] = []
    back = {key: at for key, (_depot, at) in result.hub_arrivals().items()}
    for number, solved in enumerate(result.routes, start=1):
        vehicle = built.vehicles[solved.vehicle.type_key]
        route = Route.objects.create(
            plan=plan,
            number=number,
            vehicle=vehicle,
            vehicle_name=vehicle.name,
            depot=vehicle.depot,
            colour=ROUTE_COLOURS[(number - 1) % len(ROUTE_COLOURS)],
            is_cooled=solved.cooled,
            starts_at=result.at(solved.start),
            ends_at=result.at(solved.end),
            trips=max(1, len(solved.trips)),
            km=_decimal(solved.km),
            hours=_decimal(solved.hours),
            cost=solved.cost,
            co2_kg=_decimal(solved.co2_kg),
            kg_out=_decimal(sum(trip.load_out_kg for trip in solved.trips)),
            kg_back=_decimal(sum(trip.load_back_kg for trip in solved.trips)),
            crates_out=sum(trip.load_out_crates for trip in solved.trips),
            crates_back=sum(trip.load_back_crates for trip in solved.trips),
        )
        for sequence, visit in enumerate(solved.visits, start=1):
            spec = built.specs[visit.stop_key]
            stop = _stop(plan, spec)
            stop.route = route
            stop.sequence = sequence
            stop.trip = visit.trip
            stop.arrival_at = result.at(visit.start)
            stop.departure_at = result.at(visit.departure)
            stop.on_board_kg = _decimal(visit.load_kg, "0.1")
            stop.on_board_crates = visit.load_crates
            stop.is_locked = spec.locked_vehicle_id is not None and spec.locked_vehicle_id == vehicle_id_of(
                solved.vehicle.type_key
            )
            if visit.stop_key in back:
                stop.hub_arrival_at = result.at(back[visit.stop_key])
            if visit.stop_key in result.ready:
                stop.goods_ready_at = result.at(result.ready[visit.stop_key])
            stops.append(stop)
    reasons = dict(built.left_out)
    reasons.update({u.stop_key: StopUnplannedReason(u.reason.value) for u in result.unplanned})
    for key, reason in reasons.items():
        stop = _stop(plan, built.specs[key])
        stop.unplanned_reason = reason
        stops.append(stop)
    Stop.objects.bulk_create(stops)
    kg = savings.shared.kg_delivered
    plan.status = PlanStatus.DONE
    plan.progress = 100
    plan.finished_at = timezone.now()
    plan.error_message = ""
    plan.is_feasible = result.feasible and not built.left_out
    plan.is_edited = False
    plan.total_km = _decimal(result.km)
    plan.total_hours = _decimal(result.hours)
    plan.total_cost = result.cost
    plan.co2_kg = _decimal(result.co2_kg)
    plan.kg_delivered = _decimal(kg)
    plan.solo_km = _decimal(savings.solo.km)
    plan.solo_hours = _decimal(savings.solo.hours)
    plan.solo_co2_kg = _decimal(savings.solo.co2_kg)
    plan.solo_vehicles = savings.solo.vehicles
    plan.food_km_per_kg = _decimal(savings.shared.km_per_kg, "0.0001")
    plan.solo_food_km_per_kg = _decimal(savings.solo.km_per_kg, "0.0001")
    plan.save()
    return plan


def _stop(plan: Plan, spec: StopSpec) -> Stop:
    return Stop(
        plan=plan,
        key=spec.key,
        kind=spec.kind,
        producer_id=spec.producer_id,
        order_id=spec.order_id,
        pickup_point_id=spec.pickup_point_id,
        name=spec.name[:200],
        address=spec.address[:300],
        lat=spec.position.lat if spec.position else None,
        lon=spec.position.lon if spec.position else None,
        window_start=spec.window_start,
        window_end=spec.window_end,
        service_minutes=spec.service_minutes,
        load_kg=spec.kg.quantize(Decimal("0.1")),
        crates=spec.crates,
        deposit=spec.deposit,
        needs_cooling=spec.needs_cooling,
        items=spec.item_rows(),
        waits_for=list(spec.waits_for),
    )
