from django.urls import include, path

from .views import home

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("", include("streek.web.accounts.urls")),
    path("", include("streek.web.find.urls")),
    path("beheer/", include("streek.web.inventory.urls")),
]
