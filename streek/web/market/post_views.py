"""An organisation manages its own offers and requests: create, edit, renew, withdraw."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.core.exceptions import ApplicationError
from streek.market.access import access_acting_organisation, access_offer, access_request
from streek.market.selectors.board import OFFER
from streek.market.services.posts import (
    offer_create,
    offer_renew,
    offer_update,
    offer_withdraw,
    request_create,
    request_renew,
    request_update,
    request_withdraw,
)
from streek.web.inventory.http import add_validation_errors, refusals_as_http, signed_in_user

from .board_views import post_url
from .forms import OfferForm, PostForm, RequestForm

FIELD_MAP = {"label_keys": "labels"}


def _form_page(
    request: HttpRequest, form: PostForm, *, kind: str, organisation: Any, post: Any, status: int
) -> HttpResponse:
    return render(
        request,
        "web/market/post_form.html",
        {"form": form, "kind": kind, "organisation": organisation, "post": post},
        status=status,
    )


def _save(request: HttpRequest, form: PostForm, save: Any) -> Any:
    try:
        return save(**form.service_fields())
    except ValidationError as error:
        add_validation_errors(form, error, field_map=FIELD_MAP)
    except ApplicationError as error:
        form.add_error(None, error.message)
    return None


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def post_create(request: HttpRequest, organisation_id: int, kind: str) -> HttpResponse:
    organisation = access_acting_organisation(actor=request.user, organisation_id=organisation_id)
    form_class = OfferForm if kind == OFFER else RequestForm
    bound = request.method == "POST"
    form = form_class(request.POST if bound else None)
    if bound and form.is_valid():
        create = offer_create if kind == OFFER else request_create
        post = _save(
            request,
            form,
            lambda **fields: create(organisation=organisation, actor=signed_in_user(request), **fields),
        )
        if post is not None:
            messages.success(request, _("'%(title)s' is on the board.") % {"title": post.title})
            return redirect(post_url(kind, post.pk))
    return _form_page(request, form, kind=kind, organisation=organisation, post=None, status=400 if bound else 200)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def post_edit(request: HttpRequest, kind: str, post_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    bound = request.method == "POST"
    if kind == OFFER:
        offer = access_offer(actor=actor, offer_id=post_id, for_write=True)
        post: Any = offer
        form: PostForm = OfferForm(request.POST if bound else None, initial=OfferForm.initial_from(offer))

        def save(**fields: Any) -> Any:
            return offer_update(offer=offer, actor=actor, **fields)

    else:
        wanted = access_request(actor=actor, request_id=post_id, for_write=True)
        post = wanted
        form = RequestForm(request.POST if bound else None, initial=RequestForm.initial_from(wanted))

        def save(**fields: Any) -> Any:
            return request_update(request=wanted, actor=actor, **fields)

    if bound and form.is_valid():
        saved = _save(request, form, save)
        if saved is not None:
            messages.success(request, _("'%(title)s' is saved.") % {"title": saved.title})
            return redirect(post_url(kind, saved.pk))
        post.refresh_from_db()
    return _form_page(request, form, kind=kind, organisation=post.organisation, post=post, status=400 if bound else 200)


def _own_post(actor: Any, kind: str, post_id: int) -> Any:
    if kind == OFFER:
        return access_offer(actor=actor, offer_id=post_id, for_write=True)
    return access_request(actor=actor, request_id=post_id, for_write=True)


@require_POST
@login_required
@refusals_as_http
def post_renew(request: HttpRequest, kind: str, post_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    post = _own_post(actor, kind, post_id)
    try:
        if kind == OFFER:
            offer_renew(offer=post, actor=actor)
        else:
            request_renew(request=post, actor=actor)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("'%(title)s' is renewed.") % {"title": post.title})
    return redirect(post_url(kind, post_id))


@require_POST
@login_required
@refusals_as_http
def post_withdraw(request: HttpRequest, kind: str, post_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    post = _own_post(actor, kind, post_id)
    if kind == OFFER:
        offer_withdraw(offer=post, actor=actor)
    else:
        request_withdraw(request=post, actor=actor)
    messages.success(request, _("'%(title)s' is withdrawn from the board.") % {"title": post.title})
    return redirect(post_url(kind, post_id))
