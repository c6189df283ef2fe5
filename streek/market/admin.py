"""Admin for the market: functional, for platform admins. Matches are read-only here (the engine writes them);
message threads are not shown (they stay between the two parties)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    DigestSubscription,
    Donation,
    Match,
    Offer,
    ProcurementScan,
    ProcurementScanLine,
    Request,
    WasteRecord,
)


class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "product_type", "quantity", "unit", "recurrence", "status", "expires_at"]
    list_filter = ["status", "recurrence"]
    search_fields = ["title", "description", "organisation__name", "source_reference"]
    list_select_related = ["organisation", "product_type", "unit"]
    raw_id_fields = ["organisation", "created_by", "municipality"]
    autocomplete_fields = ["product_type", "unit"]
    filter_horizontal = ["labels"]
    readonly_fields = ["created_at", "updated_at", "matched_at"]
    date_hierarchy = "created_at"


@admin.register(Offer)
class OfferAdmin(PostAdmin):
    list_display = [*PostAdmin.list_display, "is_surplus", "quantity_claimed"]
    list_filter = [*PostAdmin.list_filter, "is_surplus", "donation_allowed"]
    raw_id_fields = [*PostAdmin.raw_id_fields, "product"]
    readonly_fields = [*PostAdmin.readonly_fields, "quantity_claimed"]


@admin.register(Request)
class RequestAdmin(PostAdmin):
    list_display = [*PostAdmin.list_display, "max_distance_km", "needs_delivery"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["id", "offer", "request", "score", "distance_km", "status", "agreement_kind", "created_at"]
    list_filter = ["status", "agreement_kind"]
    search_fields = ["offer__title", "request__title", "agreement_reference"]
    list_select_related = ["offer", "request"]
    raw_id_fields = ["offer", "request", "agreed_by", "dismissed_by"]
    readonly_fields = [field.name for field in Match._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    list_display = ["receipt_number", "offer", "donor", "food_bank", "quantity", "unit", "status", "received_at"]
    list_filter = ["status", "handover"]
    search_fields = ["offer__title", "donor__name", "food_bank__name"]
    list_select_related = ["offer", "donor", "food_bank", "unit"]
    raw_id_fields = ["offer", "donor", "food_bank", "claimed_by", "received_by", "cancelled_by", "unit"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(WasteRecord)
class WasteRecordAdmin(admin.ModelAdmin):
    list_display = ["recorded_on", "organisation", "description", "quantity", "unit", "quantity_kg", "reason"]
    list_filter = ["reason"]
    search_fields = ["organisation__name", "description"]
    list_select_related = ["organisation", "unit"]
    raw_id_fields = ["organisation", "offer", "product_type", "unit", "recorded_by"]
    readonly_fields = ["created_at", "updated_at"]


class ProcurementScanLineInline(admin.TabularInline):
    model = ProcurementScanLine
    extra = 0
    fields = ("row_number", "product_text", "product_type", "yearly_quantity", "unit", "frequency", "coverage")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProcurementScan)
class ProcurementScanAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "radius_km", "status", "coverage", "computed_at"]
    list_filter = ["status"]
    search_fields = ["name", "organisation__name"]
    raw_id_fields = ["organisation", "created_by"]
    readonly_fields = ["created_at", "updated_at", "computed_at", "coverage", "lots"]
    inlines = [ProcurementScanLineInline]


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "is_active", "last_sent_at"]
    list_filter = ["is_active"]
    raw_id_fields = ["user", "organisation"]
