"""Collection and delivery rounds under /rondes/ (included with app_name "web")."""

from django.urls import URLPattern, URLResolver, path

from . import document_views, driver_views, plan_views, setup_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", setup_views.logistics_index, name="logistics_index"),
    path("hub/<int:hub_id>/", setup_views.logistics_hub, name="logistics_hub"),
    path("hub/<int:hub_id>/depots/nieuw/", setup_views.depot_edit, name="logistics_depot_create"),
    path("hub/<int:hub_id>/depots/<int:depot_id>/", setup_views.depot_edit, name="logistics_depot_edit"),
    path("hub/<int:hub_id>/voertuigen/nieuw/", setup_views.vehicle_edit, name="logistics_vehicle_create"),
    path("hub/<int:hub_id>/voertuigen/<int:vehicle_id>/", setup_views.vehicle_edit, name="logistics_vehicle_edit"),
    path("hub/<int:hub_id>/chauffeurs/nieuw/", setup_views.driver_add, name="logistics_driver_add"),
    path("hub/<int:hub_id>/plannen/nieuw/", plan_views.plan_new, name="logistics_plan_create"),
    path("plannen/<int:plan_id>/", plan_views.plan_view, name="logistics_plan"),
    path("plannen/<int:plan_id>/herplannen/", plan_views.plan_replan_view, name="logistics_plan_replan"),
    path("stops/<int:stop_id>/verplaatsen/", plan_views.stop_move_view, name="logistics_stop_move"),
    path("stops/<int:stop_id>/vastzetten/", plan_views.stop_lock_view, name="logistics_stop_lock"),
    path("routes/<int:route_id>/chauffeur/", plan_views.route_driver_view, name="logistics_route_driver"),
    path("routes/<int:route_id>/rittenblad.pdf", document_views.route_sheet_pdf, name="logistics_route_pdf"),
    path("routes/<int:route_id>/route.gpx", document_views.route_gpx, name="logistics_route_gpx"),
    path("chauffeur/", driver_views.driver_home, name="logistics_driver_home"),
    path("chauffeur/routes/<int:route_id>/", driver_views.driver_route, name="logistics_driver_route"),
    path("chauffeur/stops/<int:stop_id>/klaar/", driver_views.driver_stop_done, name="logistics_stop_done"),
]
