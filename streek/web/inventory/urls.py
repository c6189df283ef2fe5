"""Pages of the officers who keep the inventory, under /beheer/ (included with app_name "web")."""

from django.urls import path

from . import dashboard, hours, points, regions, reports

urlpatterns = [
    path("geocode/", points.geocode_lookup, name="geocode"),
    path("regios/", regions.region_list, name="region_list"),
    path("regios/nieuw/", regions.region_edit, name="region_create"),
    path("regios/<int:custom_region_id>/bewerken/", regions.region_edit, name="region_edit"),
    path("punt/<int:sales_point_id>/bewerken/", points.inventory_edit, name="inventory_edit"),
    path("punt/<int:sales_point_id>/openingsuren/", hours.inventory_hours, name="inventory_hours"),
    path("punt/<int:sales_point_id>/geschiedenis/", points.inventory_history, name="inventory_history"),
    path("punt/<int:sales_point_id>/verifieren/", points.inventory_verify, name="inventory_verify"),
    path("punt/<int:sales_point_id>/status/", points.inventory_close, name="inventory_close"),
    path("punt/<int:sales_point_id>/goedkeuren/", points.inventory_approve, name="inventory_approve"),
    path("punt/<int:sales_point_id>/afwijzen/", points.inventory_reject, name="inventory_reject"),
    path("melding/<int:change_report_id>/aanvaarden/", reports.report_accept, name="report_accept"),
    path("melding/<int:change_report_id>/afwijzen/", reports.report_reject, name="report_reject"),
    path("<str:municipality_code>/", dashboard.inventory_dashboard, name="inventory_dashboard"),
    path("<str:municipality_code>/nieuw/", points.inventory_create, name="inventory_create"),
]
