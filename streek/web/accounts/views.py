"""Sign-in and the personal dashboard that leads each persona to its work (sign-up lives in registration.py)."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from streek.accounts.selectors import is_platform_admin
from streek.catalog.access import can_review_registrations
from streek.catalog.selectors.dashboard import actor_overview
from streek.catalog.selectors.registrations import registration_request_pending_count
from streek.market.selectors.notices import market_notices
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
    may_review = can_review_registrations(actor=request.user)
    context: dict[str, Any] = {
        "overview": overview,
        "is_admin": is_platform_admin(actor=request.user),
        "may_review_registrations": may_review,
        "pending_registrations": registration_request_pending_count(actor=request.user) if may_review else 0,
    }
    notices = market_notices(organisation_ids=[m.organisation_id for m in overview.memberships])
    context["memberships"] = [(m, notices[m.organisation_id]) for m in overview.memberships]
    return render(request, "web/accounts/dashboard.html", context)
