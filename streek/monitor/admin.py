"""Admin: entered figures and costs can be corrected; facts are read-only (they are appended by events)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    CollaborationFact,
    DonationFact,
    ExternalFigure,
    ProducerCost,
    RouteFact,
    SaleFact,
    SalesPointSnapshot,
    WasteFact,
)


@admin.register(ExternalFigure)
class ExternalFigureAdmin(admin.ModelAdmin[ExternalFigure]):
    list_display = ["municipality", "year", "kind", "value", "original_code", "source", "source_date"]
    list_filter = ["kind", "year"]
    search_fields = ["municipality__name_nl", "municipality__code", "original_code", "source"]
    raw_id_fields = ["municipality", "entered_by"]


@admin.register(ProducerCost)
class ProducerCostAdmin(admin.ModelAdmin[ProducerCost]):
    list_display = ["organisation", "year", "channel", "costs", "consent"]
    list_filter = ["year", "channel", "consent"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "entered_by"]


class FactAdmin(admin.ModelAdmin[Any]):
    """Facts are appended by the domain events and the backfill; the admin only looks."""

    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SaleFact)
class SaleFactAdmin(FactAdmin):
    list_display = ["order_line_id", "delivered_on", "producer_id", "channel", "intermediaries", "value"]
    list_filter = ["year", "channel", "intermediaries", "is_public_buyer"]


@admin.register(CollaborationFact)
class CollaborationFactAdmin(FactAdmin):
    list_display = ["year", "kind", "producer_id", "partner_id", "source", "is_new"]
    list_filter = ["year", "kind", "source", "is_new"]


@admin.register(DonationFact)
class DonationFactAdmin(FactAdmin):
    list_display = ["donation_id", "received_on", "donor_id", "food_bank_id", "kg"]
    list_filter = ["year"]


@admin.register(WasteFact)
class WasteFactAdmin(FactAdmin):
    list_display = ["waste_record_id", "recorded_on", "organisation_id", "reason", "kg"]
    list_filter = ["year", "reason"]


@admin.register(RouteFact)
class RouteFactAdmin(FactAdmin):
    list_display = ["route_id", "driven_on", "hub_id", "km", "kg_delivered", "stops"]
    list_filter = ["year"]


@admin.register(SalesPointSnapshot)
class SalesPointSnapshotAdmin(FactAdmin):
    list_display = ["year", "sales_point_id", "type", "is_active", "last_verified_on"]
    list_filter = ["year", "type", "is_active"]
