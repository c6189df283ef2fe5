from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("mijn/", views.dashboard, name="dashboard"),
]
