"""Reads of the entered figures and producer costs (the lists their pages show)."""

from collections.abc import Iterable

from django.db.models import QuerySet

from ..models import ExternalFigure, ProducerCost


def external_figure_list(*, municipality_ids: Iterable[int] | None) -> QuerySet[ExternalFigure]:
    """Entered figures by municipality, kind and newest year; `None` means every municipality (admins)."""
    qs = ExternalFigure.objects.select_related("municipality").order_by("municipality__name_nl", "kind", "-year")
    return qs if municipality_ids is None else qs.filter(municipality_id__in=list(municipality_ids))


def producer_cost_list(*, organisation_id: int) -> list[ProducerCost]:
    """A producer's costs per channel, newest year first."""
    return list(ProducerCost.objects.filter(organisation_id=organisation_id).order_by("-year", "channel"))
