"""Open data under /open-data/ (included with app_name "web")."""

from django.urls import path

from . import catalogue_views, mirror_views, views

urlpatterns = [
    path("", views.opendata_index, name="opendata_index"),
    path("verkooppunten.<str:fmt>", views.opendata_export, name="opendata_export"),
    path("catalogus.json", catalogue_views.opendata_catalogue, name="opendata_catalogue"),
    path("bronnen/", mirror_views.mirror_source_index, name="opendata_mirror_sources"),
    path("bronnen/<int:source_id>/", mirror_views.mirror_source_points, name="opendata_mirror_points"),
]
