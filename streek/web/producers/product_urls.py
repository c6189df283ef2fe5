from django.urls import URLPattern, URLResolver, path

from . import product_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:organisation_id>/producten/", product_views.product_list_view, name="product_list"),
    path("<int:organisation_id>/producten/nieuw/", product_views.product_create_view, name="product_create"),
    path("<int:organisation_id>/producten/<int:product_id>/", product_views.product_edit_view, name="product_edit"),
    path(
        "<int:organisation_id>/producten/<int:product_id>/deactiveren/",
        product_views.product_deactivate_view,
        name="product_deactivate",
    ),
    path(
        "<int:organisation_id>/producten/<int:product_id>/activeren/",
        product_views.product_activate_view,
        name="product_activate",
    ),
]
