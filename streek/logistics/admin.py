"""Admin for logistics: functional, for platform admins. Hubs set up their fleet and plan in their own pages.

Plans, routes and stops are read-only here: they are written by the planner and the dispatch services.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Depot, Driver, Plan, Route, Stop, Vehicle

TIMESTAMPS = ["created_at", "updated_at"]


@admin.register(Depot)
class DepotAdmin(admin.ModelAdmin[Depot]):
    list_display = ["name", "hub", "locality", "opens", "closes", "has_cold_storage", "is_active"]
    list_filter = ["has_cold_storage", "is_active"]
    search_fields = ["name", "hub__name", "locality"]
    raw_id_fields = ["hub"]
    readonly_fields = TIMESTAMPS


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin[Vehicle]):
    list_display = ["name", "hub", "depot", "capacity_kg", "capacity_crates", "is_cooled", "max_trips", "is_active"]
    list_filter = ["is_cooled", "is_active"]
    search_fields = ["name", "hub__name"]
    raw_id_fields = ["hub", "depot"]
    readonly_fields = TIMESTAMPS


@admin.register(Driver)
class DriverAdmin(admin.ModelAdmin[Driver]):
    list_display = ["name", "hub", "user", "phone", "is_active"]
    search_fields = ["name", "hub__name", "user__username", "user__email"]
    raw_id_fields = ["hub", "user"]
    readonly_fields = TIMESTAMPS


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "hub", "status", "progress", "is_feasible", "total_km", "solo_km", "created_at"]
    list_filter = ["status", "is_feasible"]
    search_fields = ["hub__name"]
    date_hierarchy = "day"


@admin.register(Route)
class RouteAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "plan", "driver", "km", "hours", "trips"]
    raw_id_fields = ["plan", "vehicle", "driver", "depot"]


@admin.register(Stop)
class StopAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "plan",
        "route",
        "kind",
        "sequence",
        "arrival_at",
        "is_locked",
        "unplanned_reason",
        "done_at",
    ]
    list_filter = ["kind", "is_locked", "unplanned_reason"]
    search_fields = ["name", "key"]
    raw_id_fields = ["plan", "route", "producer", "order", "pickup_point", "done_by"]
