"""Admin for the territory. Official data (countries to postal codes) is loaded by migration: read it, rarely edit."""

from django.contrib import admin

from .models import AdminRegion, Country, CustomRegion, Municipality, MunicipalityFusion, PostalCode, Province


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "name_en"]
    search_fields = ["code", "name_nl", "name_fr", "name_en"]


@admin.register(AdminRegion)
class AdminRegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "country"]
    list_filter = ["country"]
    search_fields = ["code", "name_nl", "name_fr"]
    list_select_related = ["country"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "country", "region"]
    list_filter = ["country", "region"]
    search_fields = ["code", "name_nl", "name_fr"]
    list_select_related = ["country", "region"]


class PostalCodeInline(admin.TabularInline):
    model = PostalCode
    extra = 0
    fields = ["code", "country"]


class FusionInline(admin.TabularInline):
    model = MunicipalityFusion
    extra = 0
    fields = ["old_code", "old_name", "effective"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "province", "country", "lat", "lon"]
    list_filter = ["country", "region", "province"]
    search_fields = ["code", "name_nl", "name_fr", "slug"]
    list_select_related = ["country", "province"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PostalCodeInline, FusionInline]


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "municipality", "country"]
    list_filter = ["country"]
    search_fields = ["code", "municipality__name_nl", "municipality__name_fr"]
    list_select_related = ["municipality", "country"]
    autocomplete_fields = ["municipality"]


@admin.register(MunicipalityFusion)
class MunicipalityFusionAdmin(admin.ModelAdmin):
    list_display = ["old_code", "old_name", "municipality", "effective"]
    list_filter = ["effective"]
    search_fields = ["old_code", "old_name", "municipality__name_nl"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(CustomRegion)
class CustomRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_by", "created_at"]
    search_fields = ["name", "slug", "description"]
    list_select_related = ["created_by"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
    autocomplete_fields = ["created_by"]
