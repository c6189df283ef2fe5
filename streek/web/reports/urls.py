"""Yearly impact reports under /monitor/verslag/ (included with app_name "web" before the monitor's own pages)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:area_slug>/<int:year>/", views.report_detail, name="report_detail"),
    path("<str:area_slug>/<int:year>/status/", views.report_status, name="report_status"),
    path("<str:area_slug>/<int:year>/pdf/", views.report_download, name="report_pdf"),
]
