from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.event_manage_list_page, name="event_manage_list"),
    path("nieuw/", views.event_create_page, name="event_create"),
    path("<int:event_id>/", views.event_edit_page, name="event_edit"),
    path("<int:event_id>/annuleren/", views.event_cancel_page, name="event_cancel"),
    path("<int:event_id>/herstellen/", views.event_restore_page, name="event_restore"),
    path("<int:event_id>/verwijderen/", views.event_delete_page, name="event_delete"),
]
