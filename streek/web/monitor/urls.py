"""The monitor pages (prefix /monitor/). Areas are written `<kind>-<key>`, e.g. `municipality-11002` (see areas.py)."""

from django.urls import URLPattern, URLResolver, path

from . import entry_views, export, map_views, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="monitor_index"),
    path("indicatoren/", views.definitions, name="monitor_definitions"),
    path("indicatoren/<str:code>/", views.definition, name="monitor_definition"),
    path("kaart/", map_views.choropleth, name="monitor_map"),
    path("cijfers/", entry_views.figure_list, name="monitor_figures"),
    path("cijfers/import/", entry_views.figure_import, name="monitor_figure_import"),
    path("cijfers/<int:figure_id>/verwijderen/", entry_views.figure_delete, name="monitor_figure_delete"),
    path("kosten/<int:organisation_id>/", entry_views.producer_costs, name="monitor_costs"),
    path("kosten/regel/<int:cost_id>/verwijderen/", entry_views.producer_cost_remove, name="monitor_cost_delete"),
    path("export/<str:area>/<int:year>.csv", export.export_csv, name="monitor_export_csv"),
    path("export/<str:area>/<int:year>.json", export.export_json, name="monitor_export_json"),
    path("<str:area>/", views.area_latest, name="monitor_area"),
    path("<str:area>/<int:year>/", views.dashboard, name="monitor_dashboard"),
    path("<str:area>/<int:year>/kwartalen/", views.quarters, name="monitor_quarters"),
]
