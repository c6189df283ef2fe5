"""Reads on plans: a hub's plans, one plan with its routes and stops, a driver's routes, cycles to plan."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.orders.models import OrderCycle

from ..choices import PlanStatus, StopKind
from ..models import Plan, Route, Stop
from ..services.problem import PLANNABLE_CYCLE_STATUSES


def plan_list(*, hub: Organisation) -> QuerySet[Plan]:
    """The plans the hub takes part in, newest day and version first, with their counts."""
    return (
        Plan.objects.filter(Q(hub=hub) | Q(hubs=hub))
        .distinct()
        .select_related("hub")
        .annotate(
            route_count=Count("routes", distinct=True),
            unplanned_count=Count("stops", filter=Q(stops__route__isnull=True), distinct=True),
        )
        .order_by("-day", "-version", "-pk")
    )


@dataclass(frozen=True)
class PlanDetail:
    plan: Plan
    routes: list[Route]
    unplanned: list[Stop]
    versions: list[Plan]
    hubs: list[Organisation]
    cycles: list[OrderCycle]


@dataclass(frozen=True)
class RouteWait:
    """A route leaves only once this collection route is back at the hub with the goods it carries."""

    number: int
    colour: str
    back_at: datetime | None
    is_same_route: bool  # the vehicle's own earlier collection trip


def route_waits(*, route: Route, stops: Iterable[Stop]) -> list[RouteWait]:
    """The collection routes whose goods `route` delivers, each with its (latest) time back at the hub.

    `stops` are the plan's stops with their routes: the delivery stops of `route` name the collections they
    wait for, whose route and hub arrival tell when the goods are in.
    """
    stops = list(stops)
    collections = {stop.key: stop for stop in stops if stop.kind == StopKind.COLLECTION and stop.route_id}
    latest: dict[int, Stop] = {}
    for stop in stops:
        if stop.route_id != route.pk or stop.kind != StopKind.DELIVERY:
            continue
        for key in stop.waits_for:
            source = collections.get(key)
            if source is None or source.route_id is None:
                continue
            best = latest.get(source.route_id)
            if best is None or (source.hub_arrival_at or datetime.min.replace(tzinfo=UTC)) > (
                best.hub_arrival_at or datetime.min.replace(tzinfo=UTC)
            ):
                latest[source.route_id] = source
    waits = [
        RouteWait(
            number=source.route.number,
            colour=source.route.colour,
            back_at=source.hub_arrival_at,
            is_same_route=source.route_id == route.pk,
        )
        for source in latest.values()
        if source.route is not None
    ]
    return sorted(waits, key=lambda wait: wait.number)


def plan_routed_stops(*, plan: Plan) -> list[Stop]:
    """The plan's stops that tell who waits for whom: deliveries on a route and collections, with their route."""
    return list(
        Stop.objects.filter(plan=plan, route__isnull=False)
        .select_related("route")
        .only("key", "kind", "route_id", "route__number", "route__colour", "waits_for", "hub_arrival_at")
    )


def plan_detail(*, plan: Plan) -> PlanDetail:
    """A plan with its routes (stops in order), its unplanned stops, and the other versions of its day.

    Each route carries `waits`: the collection routes it waits for (same-day cross-docking).
    """
    stops = Stop.objects.order_by("sequence", "pk")
    routes = list(
        plan.routes.select_related("vehicle", "driver", "depot").prefetch_related(Prefetch("stops", queryset=stops))
    )
    by_pk = {route.pk: route for route in routes}
    planned = [stop for route in routes for stop in route.stops.all()]
    for stop in planned:
        if stop.route_id in by_pk:
            stop.route = by_pk[stop.route_id]  # no query per stop for its route
    for route in routes:
        route.waits = route_waits(route=route, stops=planned)  # type: ignore[attr-defined]
    unplanned = list(plan.stops.filter(route__isnull=True).order_by("kind", "name", "pk"))
    versions = list(Plan.objects.filter(hub_id=plan.hub_id, day=plan.day).order_by("-version", "-pk"))
    return PlanDetail(
        plan=plan,
        routes=routes,
        unplanned=unplanned,
        versions=versions,
        hubs=list(plan.hubs.order_by("name")),
        cycles=list(plan.cycles.order_by("name")),
    )


def route_with_stops(*, route: Route) -> list[Stop]:
    return list(route.stops.select_related("order", "pickup_point", "producer").order_by("sequence", "pk"))


def driver_route_list(*, actor: Actor, since: date | None = None) -> QuerySet[Route]:
    """The routes assigned to the actor as a driver in finished plans, from yesterday on."""
    if not actor.is_authenticated:
        return Route.objects.none()
    first = since or (timezone.localdate() - timedelta(days=1))
    return (
        Route.objects.filter(driver__user_id=actor.pk, plan__status=PlanStatus.DONE, plan__day__gte=first)
        .select_related("plan", "vehicle", "depot")
        .annotate(
            stop_count=Count("stops", distinct=True),
            done_count=Count("stops", filter=Q(stops__done_at__isnull=False), distinct=True),
        )
        .order_by("plan__day", "starts_at", "pk")
    )


def plannable_cycle_list(*, hubs: list[Organisation], day: date | None = None) -> QuerySet[OrderCycle]:
    """Published or closed cycles of these hubs, delivering on `day` (or from a week ago on when no day)."""
    cycles = OrderCycle.objects.filter(hub__in=hubs, status__in=PLANNABLE_CYCLE_STATUSES).select_related("hub")
    if day is not None:
        return cycles.filter(fulfilment_date=day).order_by("hub__name", "name", "pk")
    return cycles.filter(fulfilment_date__gte=timezone.localdate() - timedelta(days=7)).order_by(
        "fulfilment_date", "hub__name", "name", "pk"
    )
