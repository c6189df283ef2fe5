"""Choices of the logistics app: the status of a plan, the kind of a stop, why a stop is not planned."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .planning.problem import StopKind
from .planning.result import UnplannedReason

__all__ = ["PLAN_ACTIVE_STATUSES", "ROUTE_COLOURS", "PlanStatus", "StopKind", "StopUnplannedReason", "UnplannedReason"]


class PlanStatus(models.TextChoices):
    """A plan waits for the worker, runs within its time limit, then is done or failed."""

    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Planning")
    DONE = "done", _("Planned")
    FAILED = "failed", _("Failed")


PLAN_ACTIVE_STATUSES = frozenset({PlanStatus.QUEUED, PlanStatus.RUNNING})


class StopUnplannedReason(models.TextChoices):
    """Why a stop is not on any route: the planning core's reasons, and what is missing before planning."""

    DID_NOT_FIT = UnplannedReason.DID_NOT_FIT.value, UnplannedReason.DID_NOT_FIT.label
    NO_COOLED_VEHICLE = UnplannedReason.NO_COOLED_VEHICLE.value, UnplannedReason.NO_COOLED_VEHICLE.label
    TOO_LARGE = UnplannedReason.TOO_LARGE.value, UnplannedReason.TOO_LARGE.label
    OUT_OF_HOURS = UnplannedReason.OUT_OF_HOURS.value, UnplannedReason.OUT_OF_HOURS.label
    LOCKED_VEHICLE_UNAVAILABLE = (
        UnplannedReason.LOCKED_VEHICLE_UNAVAILABLE.value,
        UnplannedReason.LOCKED_VEHICLE_UNAVAILABLE.label,
    )
    LOCKED_VEHICLE_NOT_COOLED = (
        UnplannedReason.LOCKED_VEHICLE_NOT_COOLED.value,
        UnplannedReason.LOCKED_VEHICLE_NOT_COOLED.label,
    )
    OPTIONAL_LEFT_OUT = UnplannedReason.OPTIONAL_LEFT_OUT.value, UnplannedReason.OPTIONAL_LEFT_OUT.label
    UNREACHABLE = UnplannedReason.UNREACHABLE.value, UnplannedReason.UNREACHABLE.label
    GOODS_NOT_COLLECTED = UnplannedReason.GOODS_NOT_COLLECTED.value, UnplannedReason.GOODS_NOT_COLLECTED.label
    GOODS_AT_SEVERAL_HUBS = UnplannedReason.GOODS_AT_SEVERAL_HUBS.value, UnplannedReason.GOODS_AT_SEVERAL_HUBS.label
    GOODS_TOO_LATE = UnplannedReason.GOODS_TOO_LATE.value, UnplannedReason.GOODS_TOO_LATE.label
    NO_VEHICLE_AT_HUB = UnplannedReason.NO_VEHICLE_AT_HUB.value, UnplannedReason.NO_VEHICLE_AT_HUB.label
    NO_POSITION = "no_position", _("has no position on the map: add the address's coordinates")
    NO_VEHICLE = "no_vehicle", _("no vehicle is set up at the hubs of this plan")


# Colours of the routes on the map and the sheets: distinguishable, and dark enough for white text.
ROUTE_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#ff7f0e",
)
