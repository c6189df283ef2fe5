"""Reads on the mirrored open data: the sources and their read-only copies of sales points."""

from django.db.models import QuerySet

from ..models import MirroredSalesPoint, MirrorSource


def mirror_source_list() -> QuerySet[MirrorSource]:
    return MirrorSource.objects.order_by("name", "id")


def mirror_source_get(*, source_id: int) -> MirrorSource | None:
    return MirrorSource.objects.filter(pk=source_id).first()


def mirrored_point_list(*, source_id: int) -> QuerySet[MirroredSalesPoint]:
    return MirroredSalesPoint.objects.filter(source_id=source_id).select_related("municipality").order_by("name", "id")
