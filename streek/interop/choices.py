from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    ORDER_PLACED = "order.placed", _("Order placed")
    CYCLE_OPENED = "cycle.opened", _("Order cycle opened")
    CYCLE_CLOSED = "cycle.closed", _("Order cycle closed")
    MATCH_FOUND = "match.found", _("Match found")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SUCCEEDED = "succeeded", _("Delivered")
    RETRYING = "retrying", _("Failed, will retry")
    FAILED = "failed", _("Failed, gave up")


class DfcLinkKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PRODUCT = "product", _("Product")
    VARIANT = "variant", _("Variant")


class MirrorStatus(models.TextChoices):
    NEVER = "never", _("Not pulled yet")
    RUNNING = "running", _("Pulling")
    OK = "ok", _("Up to date")
    FAILED = "failed", _("Failed")
