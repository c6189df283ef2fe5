"""Inventory pages outside /beheer/: a producer proposes a sales point."""

from django.urls import path

from .propose import sales_point_propose_view

urlpatterns = [
    path("verkooppunt-voorstellen/", sales_point_propose_view, name="sales_point_propose"),
]
