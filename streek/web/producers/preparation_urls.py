"""A producer's preparation view under /mijn-organisatie/<id>/voorbereiden/."""

from django.urls import URLPattern, URLResolver, path

from . import preparation_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:organisation_id>/voorbereiden/", preparation_views.preparation_index, name="producer_preparation"),
    path(
        "<int:organisation_id>/voorbereiden/<int:cycle_id>/",
        preparation_views.preparation_cycle,
        name="producer_preparation_cycle",
    ),
    path(
        "<int:organisation_id>/voorbereiden/<int:cycle_id>/lijnen/<int:line_id>/",
        preparation_views.preparation_line,
        name="producer_preparation_line",
    ),
    path(
        "<int:organisation_id>/voorbereiden/<int:cycle_id>/bestellingen/<int:producer_order_id>/klaar/",
        preparation_views.preparation_prepared,
        name="producer_preparation_prepared",
    ),
    path(
        "<int:organisation_id>/voorbereiden/<int:cycle_id>/picklijst.<slug:fmt>",
        preparation_views.preparation_pick_list,
        name="producer_pick_list",
    ),
]
