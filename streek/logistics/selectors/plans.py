"""Reads on plans: a hub's plans, one plan with its routes and stops, a driver's routes, cycles to plan."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.orders.models import OrderCycle

from ..choices import PlanStatus
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


def plan_detail(*, plan: Plan) -> PlanDetail:
    """A plan with its routes (stops in order), its unplanned stops, and the other versions of its day."""
    stops = Stop.objects.order_by("sequence", "pk")
    routes = list(
        plan.routes.select_related("vehicle", "driver", "depot").prefetch_related(Prefetch("stops", queryset=stops))
    )
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
