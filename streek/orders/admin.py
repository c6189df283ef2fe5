"""Admin for trade: functional, for platform admins. Hubs and producers work in their own pages.

Orders, invoices and their lines are read-only here: they are written by the services (stock, numbering,
snapshots), and an invoice is corrected only by a credit note. Counters (sold, booked) are read-only too.
Foreign keys to large tables are raw id fields.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Basket,
    BasketLine,
    ChannelAdmission,
    ChannelTerms,
    ChannelVariantTerm,
    CycleOffer,
    CycleProducer,
    CycleSurplus,
    DeliveryZone,
    HubFee,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    Order,
    OrderCycle,
    OrderCycleSeries,
    OrderLine,
    PickupPoint,
    PickupSlot,
    ProducerOrder,
    ReturnableCrate,
    StandingOrder,
    StandingOrderLine,
)

TIMESTAMPS = ["created_at", "updated_at"]


class ReadOnlyAdminMixin:
    """Viewable, never added, changed or deleted through the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyTabularInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0


# Channels ---------------------------------------------------------------------------------------------------------


class ChannelVariantTermInline(admin.TabularInline):
    model = ChannelVariantTerm
    extra = 0
    raw_id_fields = ["variant", "crate"]


@admin.register(ChannelTerms)
class ChannelTermsAdmin(admin.ModelAdmin):
    list_display = ["hub", "kind", "price_rule", "minimum_order_value", "payment_terms", "is_active"]
    list_filter = ["kind", "price_rule", "payment_terms", "is_active"]
    search_fields = ["hub__name"]
    list_select_related = ["hub"]
    raw_id_fields = ["hub"]
    readonly_fields = TIMESTAMPS
    inlines = [ChannelVariantTermInline]


@admin.register(ChannelVariantTerm)
class ChannelVariantTermAdmin(admin.ModelAdmin):
    list_display = ["terms", "variant", "price", "case_size", "minimum_quantity", "crate", "units_per_crate"]
    list_filter = ["terms__kind"]
    search_fields = ["terms__hub__name", "variant__product__name_nl", "variant__name", "variant__sku"]
    list_select_related = ["terms__hub", "variant__product", "crate"]
    raw_id_fields = ["terms", "variant", "crate"]
    readonly_fields = TIMESTAMPS


@admin.register(ChannelAdmission)
class ChannelAdmissionAdmin(admin.ModelAdmin):
    list_display = ["buyer", "terms", "status", "decided_by", "decided_at"]
    list_filter = ["status", "terms__kind"]
    search_fields = ["buyer__name", "terms__hub__name", "note"]
    list_select_related = ["buyer", "terms__hub", "decided_by"]
    raw_id_fields = ["terms", "buyer", "decided_by"]
    readonly_fields = TIMESTAMPS


@admin.register(ReturnableCrate)
class ReturnableCrateAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "deposit"]
    search_fields = ["name", "hub__name"]
    list_select_related = ["hub"]
    raw_id_fields = ["hub"]
    readonly_fields = TIMESTAMPS


# Outgoing ---------------------------------------------------------------------------------------------------------


@admin.register(PickupPoint)
class PickupPointAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "postal_code", "locality", "is_cooled", "is_active"]
    list_filter = ["is_cooled", "is_active"]
    search_fields = ["name", "hub__name", "street", "postal_code", "locality"]
    list_select_related = ["hub"]
    raw_id_fields = ["hub", "sales_point", "municipality"]
    readonly_fields = TIMESTAMPS


@admin.register(DeliveryZone)
class DeliveryZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "fee", "minimum_order", "radius_km", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "hub__name"]
    list_select_related = ["hub"]
    raw_id_fields = ["hub"]
    readonly_fields = TIMESTAMPS


# Cycles -----------------------------------------------------------------------------------------------------------


class CycleProducerInline(admin.TabularInline):
    model = CycleProducer
    extra = 0
    raw_id_fields = ["producer"]


class HubFeeInline(admin.TabularInline):
    model = HubFee
    extra = 0


class PickupSlotInline(admin.TabularInline):
    model = PickupSlot
    extra = 0
    raw_id_fields = ["pickup_point"]
    readonly_fields = ["booked"]


@admin.register(OrderCycle)
class OrderCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "status", "opens_at", "closes_at", "fulfilment_date"]
    list_filter = ["status", "channels__kind"]
    search_fields = ["name", "hub__name"]
    list_select_related = ["hub"]
    raw_id_fields = ["hub", "series", "cloned_from", "closed_by"]
    filter_horizontal = ["channels", "delivery_zones"]
    readonly_fields = [*TIMESTAMPS, "closed_at", "closed_by"]
    date_hierarchy = "opens_at"
    inlines = [CycleProducerInline, HubFeeInline, PickupSlotInline]


@admin.register(OrderCycleSeries)
class OrderCycleSeriesAdmin(admin.ModelAdmin):
    list_display = ["template", "hub", "interval_weeks", "repeat_until", "is_active"]
    list_filter = ["is_active", "interval_weeks"]
    search_fields = ["hub__name", "template__name"]
    list_select_related = ["hub", "template"]
    raw_id_fields = ["hub", "template"]
    readonly_fields = TIMESTAMPS


@admin.register(CycleProducer)
class CycleProducerAdmin(admin.ModelAdmin):
    list_display = ["producer", "cycle", "ready_from", "ready_until"]
    search_fields = ["producer__name", "cycle__name", "cycle__hub__name"]
    list_select_related = ["producer", "cycle"]
    raw_id_fields = ["cycle", "producer"]
    readonly_fields = TIMESTAMPS


@admin.register(CycleOffer)
class CycleOfferAdmin(admin.ModelAdmin):
    list_display = ["variant", "cycle", "producer_price", "stock", "sold"]
    list_filter = ["cycle__status"]
    search_fields = ["variant__product__name_nl", "variant__name", "variant__sku", "cycle__name"]
    list_select_related = ["variant__product", "cycle"]
    raw_id_fields = ["cycle", "exchange", "variant"]
    readonly_fields = [*TIMESTAMPS, "sold"]


@admin.register(HubFee)
class HubFeeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cycle", "kind", "calculation", "amount"]
    list_filter = ["kind", "calculation"]
    search_fields = ["name", "cycle__name", "cycle__hub__name"]
    list_select_related = ["cycle"]
    raw_id_fields = ["cycle"]
    readonly_fields = TIMESTAMPS


@admin.register(PickupSlot)
class PickupSlotAdmin(admin.ModelAdmin):
    list_display = ["pickup_point", "cycle", "starts_at", "ends_at", "capacity", "booked"]
    list_filter = ["pickup_point__is_cooled"]
    search_fields = ["pickup_point__name", "cycle__name"]
    list_select_related = ["pickup_point", "cycle"]
    raw_id_fields = ["cycle", "pickup_point"]
    readonly_fields = [*TIMESTAMPS, "booked"]


@admin.register(CycleSurplus)
class CycleSurplusAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["offer", "producer", "cycle", "quantity", "weight_kg", "market_offer_id"]
    search_fields = ["producer__name", "cycle__name"]
    list_select_related = ["offer__variant__product", "producer", "cycle"]
    raw_id_fields = ["cycle", "offer", "producer"]


# Baskets and orders -----------------------------------------------------------------------------------------------


class BasketLineInline(admin.TabularInline):
    model = BasketLine
    extra = 0
    raw_id_fields = ["offer"]


@admin.register(Basket)
class BasketAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cycle", "user", "buyer_organisation", "terms", "updated_at"]
    list_filter = ["terms__kind"]
    search_fields = ["user__username", "user__email", "buyer_organisation__name", "cycle__name"]
    list_select_related = ["cycle", "user", "buyer_organisation", "terms"]
    raw_id_fields = ["cycle", "user", "buyer_organisation", "terms"]
    readonly_fields = TIMESTAMPS
    inlines = [BasketLineInline]


@admin.register(BasketLine)
class BasketLineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "basket", "quantity", "preparation"]
    raw_id_fields = ["basket", "offer"]
    readonly_fields = TIMESTAMPS


class ProducerOrderInline(ReadOnlyTabularInline):
    model = ProducerOrder
    fields = ["producer", "status", "producer_total"]


class OrderLineInline(ReadOnlyTabularInline):
    model = OrderLine
    fields = [
        "description",
        "producer",
        "quantity",
        "final_quantity",
        "is_out_of_stock",
        "unit_price",
        "fee_total",
        "amount",
        "vat_amount",
        "producer_share",
        "intermediaries",
    ]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "hub", "buyer", "buyer_organisation", "channel", "status", "payment_status", "total"]
    list_filter = ["status", "payment_status", "channel", "fulfilment_method"]
    search_fields = ["reference", "structured_communication", "buyer__username", "buyer__email", "hub__name"]
    list_select_related = ["hub", "buyer", "buyer_organisation"]
    raw_id_fields = [
        "cycle",
        "hub",
        "buyer",
        "buyer_organisation",
        "terms",
        "pickup_slot",
        "delivery_zone",
        "municipality",
        "standing_order",
    ]
    date_hierarchy = "placed_at"
    inlines = [ProducerOrderInline, OrderLineInline]


@admin.register(ProducerOrder)
class ProducerOrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["order", "producer", "cycle", "status", "producer_total"]
    list_filter = ["status"]
    search_fields = ["order__reference", "producer__name"]
    list_select_related = ["order", "producer", "cycle"]
    raw_id_fields = ["order", "cycle", "producer"]


@admin.register(OrderLine)
class OrderLineAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["description", "order", "producer", "quantity", "amount", "producer_share", "intermediaries"]
    list_filter = ["intermediaries", "is_out_of_stock"]
    search_fields = ["description", "order__reference", "producer__name"]
    list_select_related = ["order", "producer"]
    raw_id_fields = ["order", "producer_order", "offer", "variant", "producer"]


# Invoices ---------------------------------------------------------------------------------------------------------


class InvoiceLineInline(ReadOnlyTabularInline):
    model = InvoiceLine
    fields = ["description", "quantity", "unit_price", "vat_rate", "amount", "vat_amount"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "kind", "issuer", "buyer_name", "issued_on", "total"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "issuer__name", "buyer_name", "structured_communication", "order__reference"]
    list_select_related = ["issuer"]
    raw_id_fields = ["issuer", "order", "credits"]
    date_hierarchy = "issued_on"
    inlines = [InvoiceLineInline]


@admin.register(InvoiceLine)
class InvoiceLineAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["description", "invoice", "quantity", "amount", "vat_amount"]
    search_fields = ["description", "invoice__number"]
    list_select_related = ["invoice"]
    raw_id_fields = ["invoice", "order_line"]


@admin.register(InvoiceSequence)
class InvoiceSequenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["issuer", "year", "last_number"]
    list_filter = ["year"]
    search_fields = ["issuer__name"]
    list_select_related = ["issuer"]


# Standing orders --------------------------------------------------------------------------------------------------


class StandingOrderLineInline(admin.TabularInline):
    model = StandingOrderLine
    extra = 0
    raw_id_fields = ["variant"]


@admin.register(StandingOrder)
class StandingOrderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "hub", "buyer", "buyer_organisation", "status", "interval_weeks", "starts_on"]
    list_filter = ["kind", "status", "fulfilment_method"]
    search_fields = ["name", "hub__name", "buyer__username", "buyer_organisation__name"]
    list_select_related = ["hub", "buyer", "buyer_organisation"]
    raw_id_fields = ["hub", "buyer", "buyer_organisation", "terms", "pickup_point", "delivery_zone"]
    readonly_fields = TIMESTAMPS
    inlines = [StandingOrderLineInline]


@admin.register(StandingOrderLine)
class StandingOrderLineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "standing_order", "quantity", "preparation"]
    raw_id_fields = ["standing_order", "variant"]
    readonly_fields = TIMESTAMPS
