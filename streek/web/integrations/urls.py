"""An organisation's integrations under /mijn-organisatie/<id>/koppelingen/: API tokens and webhooks."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
