"""Open data under /open-data/ (included with app_name "web")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.opendata_index, name="opendata_index"),
    path("verkooppunten.<str:fmt>", views.opendata_export, name="opendata_export"),
]
