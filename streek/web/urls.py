from django.urls import include, path

from .views import home

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("", include("streek.web.accounts.urls")),
    path("", include("streek.web.find.urls")),
    # before "beheer/": the inventory pages take "beheer/<municipality_code>/"
    path("beheer/import/", include("streek.web.imports.urls")),
    path("beheer/", include("streek.web.inventory.urls")),
    path("", include("streek.web.inventory.public_urls")),
    path("mijn-organisatie/", include("streek.web.producers.urls")),
    path("mijn-organisatie/", include("streek.web.integrations.urls")),
    path("open-data/", include("streek.web.opendata.urls")),
    path("brochure/", include("streek.web.brochure.urls")),
    path("evenementen/", include("streek.web.events.urls")),
    path("winkel/", include("streek.web.shop.urls")),
    path("hub/", include("streek.web.hub.urls")),
    path("markt/", include("streek.web.market.urls")),
    path("marktverkenning/", include("streek.web.procurement.urls")),
    path("rondes/", include("streek.web.logistics.urls")),
    path("monitor/verslag/", include("streek.web.reports.urls")),
    path("monitor/", include("streek.web.monitor.urls")),
    path("beleid/", include("streek.web.strategy.urls")),
]
