"""Reads of the yearly reports."""

from ..models import YearlyReport


def yearly_report_get(*, area_slug: str, year: int) -> YearlyReport | None:
    return YearlyReport.objects.filter(area_slug=area_slug, year=year).first()


def yearly_report_list(*, area_slug: str) -> list[YearlyReport]:
    """The reports of an area, newest year first (without their page snapshots)."""
    return list(YearlyReport.objects.filter(area_slug=area_slug).defer("html").order_by("-year"))
