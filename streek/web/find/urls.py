from django.urls import path

from .views import cycle_routes, embed, events, organisations, sales_points

urlpatterns = [
    path("kaart/", sales_points.map_page, name="map"),
    path("kaart/data.json", sales_points.map_data, name="map_data"),
    path("verkooppunten/", sales_points.sales_point_list, name="sales_point_list"),
    path("verkooppunt/<slug:slug>/", sales_points.sales_point_detail, name="sales_point_detail"),
    path("verkooppunt/<slug:slug>/melden/", sales_points.sales_point_report, name="sales_point_report"),
    path("organisatie/<slug:slug>/", organisations.organisation_detail, name="organisation_detail"),
    path("embed/", embed.embed_help, name="embed_help"),
    path("embed/kaart/", embed.map_embed, name="map_embed"),
    path("fietsroute/", cycle_routes.cycle_route, name="cycle_route"),
    path("agenda/", events.event_list_page, name="event_list"),
    path("agenda/<int:event_id>/", events.event_detail, name="event_detail"),
]
