"""Inventory import pages under /beheer/import/ (included with app_name "web")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_upload, name="import_upload"),
    path("<int:import_id>/", views.import_detail, name="import_detail"),
    path("<int:import_id>/toepassen/", views.import_apply, name="import_apply"),
]
