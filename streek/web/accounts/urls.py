from django.contrib.auth import views as auth_views
from django.urls import path

from . import registration, views

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("mijn/", views.dashboard, name="dashboard"),
    path("aanmelden/", registration.register, name="register"),
    path("aanmelden/bedankt/", registration.register_thanks, name="register_thanks"),
    path("aanmelden/aanvragen/", registration.registration_requests, name="registration_requests"),
    path(
        "aanmelden/aanvragen/<int:registration_request_id>/goedkeuren/",
        registration.registration_approve,
        name="registration_approve",
    ),
    path(
        "aanmelden/aanvragen/<int:registration_request_id>/afwijzen/",
        registration.registration_reject,
        name="registration_reject",
    ),
]
