"""Sign-in and the personal dashboard that leads each persona to its work."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from streek.accounts.selectors import is_platform_admin
from streek.catalog.selectors.dashboard import actor_overview
from streek.orders.services.basket import basket_merge_session

from ..shop.buyer import guest_token


class LoginView(auth_views.LoginView):
    """Sign in; what the visitor put in a basket as a guest becomes the user's basket."""

    template_name = "web/accounts/login.html"

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        token = guest_token(self.request)
        response = super().form_valid(form)
        basket_merge_session(session_key=token, user=form.get_user())
        return response


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    overview = actor_overview(actor=request.user)
    return render(
        request,
        "web/accounts/dashboard.html",
        {"overview": overview, "is_admin": is_platform_admin(actor=request.user)},
    )
