from django.urls import include, path

urlpatterns = [
    path("", include("streek.web.producers.profile_urls")),
    path("", include("streek.web.producers.product_urls")),
    path("", include("streek.web.producers.preparation_urls")),
]
