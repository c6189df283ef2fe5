from django.urls import URLPattern, URLResolver, path

from . import profile_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:organisation_id>/profiel/", profile_views.organisation_edit, name="organisation_edit"),
    path("<int:organisation_id>/labels/", profile_views.organisation_labels, name="organisation_labels"),
    path(
        "<int:organisation_id>/labels/<int:label_id>/verwijderen/",
        profile_views.organisation_label_delete,
        name="organisation_label_remove",
    ),
]
