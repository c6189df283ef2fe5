"""Admin for interop: platform admins add mirrored sources (and pull them); webhooks are read-only here.

Organisations keep their webhooks on their own pages; the admin shows them without the signing secret.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import MirroredSalesPoint, MirrorSource, WebhookDelivery, WebhookEndpoint
from .services.mirror import MirrorError, mirror_pull

TIMESTAMPS = ["created_at", "updated_at"]


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("Pull the selected sources now"))
def pull_sources(
    modeladmin: admin.ModelAdmin[MirrorSource], request: HttpRequest, queryset: QuerySet[MirrorSource]
) -> None:
    for source in queryset:
        try:
            result = mirror_pull(source=source)
        except MirrorError as error:
            modeladmin.message_user(request, f"{source.name}: {error.message}", level=messages.ERROR)
        else:
            modeladmin.message_user(request, f"{source.name}: {result.source.item_count}", level=messages.SUCCESS)


@admin.register(MirrorSource)
class MirrorSourceAdmin(admin.ModelAdmin[MirrorSource]):
    list_display = ["name", "url", "licence", "status", "pulled_at", "item_count"]
    list_filter = ["status"]
    search_fields = ["name", "url"]
    fields = ["name", "url", "licence", "licence_url", "status", "error", "pulled_at", "item_count", *TIMESTAMPS]
    readonly_fields = ["licence", "licence_url", "status", "error", "pulled_at", "item_count", *TIMESTAMPS]
    actions = [pull_sources]


@admin.register(MirroredSalesPoint)
class MirroredSalesPointAdmin(ReadOnlyAdmin):
    list_display = ["name", "source", "kind", "municipality", "remote_id"]
    list_filter = ["source", "kind"]
    search_fields = ["name", "remote_id"]
    list_select_related = ["source", "municipality"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin):
    list_display = ["url", "organisation", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "organisation__name"]
    list_select_related = ["organisation"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["event", "endpoint", "status", "attempts", "response_status", "next_attempt_at", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["event_id", "endpoint__url"]
    list_select_related = ["endpoint"]
