"""Sign-in and the personal dashboard that leads each persona to its work."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from streek.accounts.selectors import is_platform_admin
from streek.catalog.selectors.dashboard import actor_overview


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    overview = actor_overview(actor=request.user)
    return render(
        request,
        "web/accounts/dashboard.html",
        {"overview": overview, "is_admin": is_platform_admin(actor=request.user)},
    )
