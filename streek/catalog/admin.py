"""Admin for the catalogue: functional, for platform admins. Officers work in the inventory pages instead.

The history of a sales point is read-only here: changes made in the admin bypass the services, so the admin
offers no way to rewrite what was recorded.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from streek.accounts.models import Membership

from .models import (
    ChangeReport,
    ClosurePeriod,
    Concept,
    Event,
    InventoryImport,
    OpeningRule,
    Organisation,
    OrganisationLabel,
    Product,
    ProductClaim,
    RegistrationRequest,
    SalesPoint,
    SalesPointRevision,
    Variant,
)

# Links typed without a scheme are taken as https (Django 6's default).
URL_HTTPS: dict[type[models.Field], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ["key", "label_nl", "label_fr", "label_en", "scheme", "depth", "broader"]
    list_filter = ["scheme", "depth"]
    search_fields = ["key", "label_nl", "label_fr", "label_en", "uri", "path"]
    list_select_related = ["broader"]
    autocomplete_fields = ["broader"]
    readonly_fields = ["created_at", "updated_at"]


class OrganisationLabelInline(admin.TabularInline):
    formfield_overrides = URL_HTTPS
    model = OrganisationLabel
    extra = 0
    autocomplete_fields = ["facet"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ["name", "kind", "municipality", "country", "enterprise_number", "is_demo"]
    list_filter = ["kind", "country", "is_demo"]
    search_fields = ["name", "legal_name", "slug", "enterprise_number", "email", "locality"]
    list_select_related = ["municipality", "country"]
    autocomplete_fields = ["municipality", "created_by"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [OrganisationLabelInline, MembershipInline]


class OpeningRuleInline(admin.TabularInline):
    model = OpeningRule
    extra = 0


class ClosurePeriodInline(admin.TabularInline):
    model = ClosurePeriod
    extra = 0


class SalesPointRevisionInline(ReadOnlyInline):
    model = SalesPointRevision
    fields = ["created_at", "actor", "action", "changes", "note"]
    readonly_fields = ["created_at", "actor", "action", "changes", "note"]
    ordering = ["-created_at"]


@admin.register(SalesPoint)
class SalesPointAdmin(admin.ModelAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ["name", "type", "status", "municipality", "operator", "source", "last_verified_at", "is_demo"]
    list_filter = ["status", "type", "source", "cooled", "is_demo", "municipality__country"]
    search_fields = ["name", "slug", "locality", "postal_code", "street", "operator__name", "external_ref"]
    list_select_related = ["municipality", "operator"]
    autocomplete_fields = ["municipality", "operator", "categories", "labels", "last_verified_by"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [OpeningRuleInline, ClosurePeriodInline, SalesPointRevisionInline]


@admin.register(SalesPointRevision)
class SalesPointRevisionAdmin(admin.ModelAdmin):
    list_display = ["sales_point", "action", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["sales_point__name", "actor__username", "note"]
    list_select_related = ["sales_point", "actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ChangeReport)
class ChangeReportAdmin(admin.ModelAdmin):
    list_display = ["sales_point", "kind", "status", "municipality", "reporter", "reporter_email", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["sales_point__name", "message", "reporter_name", "reporter_email"]
    list_select_related = ["sales_point", "municipality", "reporter"]
    autocomplete_fields = ["sales_point", "municipality", "reporter", "decided_by"]
    readonly_fields = ["created_at", "updated_at", "decided_at"]


@admin.register(RegistrationRequest)
class RegistrationRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are decided on the review page, where approval creates the user and organisation."""

    list_display = ["organisation_name", "kind", "status", "municipality", "applicant_email", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation_name", "applicant_name", "applicant_email", "enterprise_number"]
    list_select_related = ["municipality"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(InventoryImport)
class InventoryImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "file_format", "status", "municipality", "created_by", "total_rows", "created_at"]
    list_filter = ["status", "file_format"]
    search_fields = ["file_name"]
    list_select_related = ["municipality", "created_by"]
    autocomplete_fields = ["municipality", "created_by"]
    readonly_fields = ["created_at", "updated_at", "finished_at", "errors", "summary"]


class VariantInline(admin.TabularInline):
    model = Variant
    extra = 0
    autocomplete_fields = ["unit"]


class ProductClaimInline(admin.StackedInline):
    formfield_overrides = URL_HTTPS
    model = ProductClaim
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "organisation", "product_type", "is_active"]
    list_filter = ["is_active", "product_type__broader"]
    search_fields = ["name_nl", "name_fr", "name_en", "organisation__name"]
    list_select_related = ["organisation", "product_type"]
    autocomplete_fields = ["organisation", "product_type", "labels"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [VariantInline, ProductClaimInline]


@admin.register(Variant)
class VariantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "product", "quantity", "unit", "price", "vat_rate", "is_active"]
    list_filter = ["is_active", "vat_rate"]
    search_fields = ["name", "sku", "product__name_nl"]
    list_select_related = ["product", "unit"]
    autocomplete_fields = ["product", "unit"]


@admin.register(ProductClaim)
class ProductClaimAdmin(admin.ModelAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ["product", "kind", "text_nl"]
    list_filter = ["kind"]
    search_fields = ["text_nl", "text_fr", "text_en", "product__name_nl"]
    list_select_related = ["product"]
    autocomplete_fields = ["product"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "kind", "starts_at", "municipality", "organiser", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["title_nl", "title_fr", "title_en", "place_name"]
    list_select_related = ["municipality", "organiser"]
    autocomplete_fields = ["sales_point", "municipality", "organiser"]
    date_hierarchy = "starts_at"
