"""Choices of the market: offers and requests, matches, threads, donations and procurement scans."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from streek.catalog.choices import OrganisationKind


class PostStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Recurrence(models.TextChoices):
    """How often the quantity of a post is available or needed: once, or again every period."""

    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


# Occurrences per week of a recurring quantity (a month is 52/12 weeks).
OCCURRENCES_PER_WEEK = {
    Recurrence.WEEKLY: 1.0,
    Recurrence.FORTNIGHTLY: 0.5,
    Recurrence.MONTHLY: 12 / 52,
}


class SpecOption(models.TextChoices):
    """How the produce is prepared: what a request asks for and an offer can provide."""

    WASHED = "washed", pgettext_lazy("produce", "Washed")
    PEELED = "peeled", pgettext_lazy("produce", "Peeled")
    CUT = "cut", pgettext_lazy("produce", "Cut")
    PACKED = "packed", pgettext_lazy("produce", "Packed")
    GRADED = "graded", pgettext_lazy("produce", "Graded by size")
    CHILLED = "chilled", pgettext_lazy("produce", "Chilled")
    FROZEN = "frozen", pgettext_lazy("produce", "Frozen")


class MatchStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("match", "New")
    CONTACTED = "contacted", _("Contacted")
    AGREED = "agreed", _("Agreed")
    DISMISSED = "dismissed", _("Dismissed")


class AgreementKind(models.TextChoices):
    """What a match became in Trade (the orders app): the id of that object is stored as a string beside it."""

    STANDING_ORDER = "standing_order", _("Standing order")
    BUSINESS_ORDER = "business_order", _("Business order")
    OTHER = "other", _("Other agreement")


class MatchCriterion(models.TextChoices):
    PRODUCT = "product", _("Product")
    QUANTITY = "quantity", _("Quantity")
    PERIOD = "period", _("Period")
    DISTANCE = "distance", _("Distance")
    LABELS = "labels", _("Labels")
    SPEC = "spec", _("Preparation")
    DELIVERY = "delivery", _("Delivery")


class DonationStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed")
    RECEIVED = "received", _("Received")
    CANCELLED = "cancelled", _("Cancelled")


class Handover(models.TextChoices):
    PICKUP = "pickup", _("Picked up by the food bank")
    DELIVERY = "delivery", _("Delivered by the donor")


class WasteReason(models.TextChoices):
    UNSOLD = "unsold", _("Unsold")
    SPOILED = "spoiled", _("Spoiled")
    DAMAGED = "damaged", _("Damaged")
    NOT_HARVESTED = "not_harvested", _("Not harvested")
    OTHER = "other", _("Other")


class DeliveryFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class ScanStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    COMPUTED = "computed", _("Computed")


# Organisations that may post offers (producers sell, processors sell what they make, hubs resell).
OFFERING_KINDS = frozenset({OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR, OrganisationKind.HUB})
# Organisations that may claim donated surplus.
DONATION_RECEIVER_KINDS = frozenset({OrganisationKind.FOOD_BANK})
# Public buyers that scan the market before a tender (others may try it too: the scan is advisory).
SCANNING_KINDS = frozenset(
    {
        OrganisationKind.SCHOOL,
        OrganisationKind.CARE,
        OrganisationKind.CATERING,
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.HORECA,
        OrganisationKind.RETAILER,
        OrganisationKind.HUB,
        OrganisationKind.PROCESSOR,
        OrganisationKind.FOOD_BANK,
    }
)
