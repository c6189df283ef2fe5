"""The landing page: search near a place, and the ways into the map, the list and the calendar."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from streek.catalog.choices import SalesPointType


def home(request: HttpRequest) -> HttpResponse:
    featured_types = [
        SalesPointType.FARM_SHOP,
        SalesPointType.VENDING_MACHINE,
        SalesPointType.FARMERS_MARKET,
        SalesPointType.SELF_HARVEST,
        SalesPointType.CSA,
        SalesPointType.HONESTY_STALL,
    ]
    return render(request, "web/home.html", {"featured_types": featured_types})
