"""The printable brochure under /brochure/ (included with app_name "web")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.brochure_form, name="brochure_form"),
    path("pdf/", views.brochure_pdf, name="brochure_pdf"),
]
