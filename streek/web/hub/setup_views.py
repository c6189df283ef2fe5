"""The incoming and outgoing set-up of a cycle: producers taking part, what each offers, hub fees, pickup slots."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.orders.access import is_editor
from streek.orders.models import CycleProducer, HubFee, PickupSlot
from streek.orders.services.cycles import (
    cycle_offer_remove,
    cycle_offer_set,
    cycle_producer_add,
    cycle_producer_remove,
    hub_fee_remove,
    hub_fee_set,
)
from streek.orders.services.outgoing import pickup_slot_create, pickup_slot_remove

from ..inventory.http import refusals_as_http, signed_in_user
from .cycle_forms import HubFeeForm, OfferFormSet, PickupSlotForm, ProducerAddForm, offer_rows
from .cycle_views import cycle_redirect, render_cycle_detail
from .http import hub_cycle_get, refusal_message, show_service_error
from .reads import producer_offers, producer_variants


@require_POST
@login_required
@refusals_as_http
def cycle_producer_add_view(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    form = ProducerAddForm(request.POST, hub=cycle.hub)
    if form.is_valid():
        try:
            exchange = cycle_producer_add(actor=signed_in_user(request), cycle=cycle, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s takes part in the cycle: choose what it offers.") % {"name": exchange.producer.name},
            )
            return cycle_redirect(cycle)
    return render_cycle_detail(request, cycle, producer_form=form, status=400)


@require_POST
@login_required
@refusals_as_http
def cycle_producer_remove_view(request: HttpRequest, cycle_id: int, exchange_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    exchange = CycleProducer.objects.select_related("producer").filter(pk=exchange_id, cycle=cycle).first()
    if exchange is None:
        raise Http404("exchange")
    try:
        cycle_producer_remove(actor=signed_in_user(request), exchange=exchange)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("%(name)s no longer takes part.") % {"name": exchange.producer.name})
    return cycle_redirect(cycle)


def _exchange_producer(cycle_id: int, producer_id: int, request: HttpRequest) -> tuple[CycleProducer, Organisation]:
    cycle = hub_cycle_get(request, cycle_id, for_write=request.method == "POST")
    exchange = (
        CycleProducer.objects.select_related("producer", "cycle__hub")
        .filter(cycle=cycle, producer_id=producer_id)
        .first()
    )
    if exchange is None:
        raise Http404("exchange")
    return exchange, exchange.producer


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def cycle_offers(request: HttpRequest, cycle_id: int, producer_id: int) -> HttpResponse:
    """What one producer offers in the cycle: one row per active variant (offered, price, stock)."""
    exchange, producer = _exchange_producer(cycle_id, producer_id, request)
    cycle = exchange.cycle
    variants = producer_variants(producer=producer)
    offers = producer_offers(cycle=cycle, producer=producer)
    bound = request.method == "POST"
    formset = OfferFormSet(
        request.POST if bound else None, prefix="offers", initial=offer_rows(variants=variants, offers=offers)
    )
    by_id = {variant.pk: variant for variant in variants}
    if bound and formset.is_valid():
        user = signed_in_user(request)
        changed = 0
        try:
            with transaction.atomic():
                for row in formset:
                    data = row.cleaned_data
                    variant = by_id.get(data.get("variant") or 0)
                    if variant is None:
                        row.add_error(None, _("This variant is not one of the producer's active variants."))
                        raise ApplicationError(_("Unknown variant."))
                    offer = offers.get(variant.pk)
                    try:
                        if data["offered"]:
                            unchanged = (
                                offer is not None
                                and offer.producer_price == data["producer_price"]
                                and offer.stock == data["stock"]
                            )
                            if not unchanged:
                                cycle_offer_set(
                                    actor=user,
                                    cycle=cycle,
                                    variant=variant,
                                    producer_price=data["producer_price"],
                                    stock=data["stock"],
                                )
                                changed += 1
                        elif offer is not None:
                            cycle_offer_remove(actor=user, offer=offer)
                            changed += 1
                    except ApplicationError as error:
                        show_service_error(row, error, field_map={"offer": "offered", "variant": "offered"})
                        raise
        except ApplicationError as error:
            refusal_message(error)  # guard refusals become 403/404
        else:
            messages.success(
                request,
                _("What %(name)s offers is saved (%(count)s changes).") % {"name": producer.name, "count": changed},
            )
            return cycle_redirect(cycle)
    rows = []
    for form in formset:
        variant_id = _int(form["variant"].value())
        rows.append((form, by_id.get(variant_id), offers.get(variant_id)))
    return render(
        request,
        "web/hub/cycle_offers.html",
        {
            "hub": cycle.hub,
            "cycle": cycle,
            "producer": producer,
            "exchange": exchange,
            "formset": formset,
            "rows": rows,
            "can_edit": is_editor(actor=request.user, organisation_id=cycle.hub_id),
        },
        status=400 if bound else 200,
    )


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


@require_POST
@login_required
@refusals_as_http
def cycle_fee_add(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    form = HubFeeForm(request.POST)
    if form.is_valid():
        try:
            fee = hub_fee_set(actor=signed_in_user(request), cycle=cycle, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The fee '%(name)s' is added.") % {"name": fee})
            return cycle_redirect(cycle)
    return render_cycle_detail(request, cycle, fee_form=form, status=400)


@require_POST
@login_required
@refusals_as_http
def cycle_fee_remove(request: HttpRequest, cycle_id: int, fee_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    fee = HubFee.objects.filter(pk=fee_id, cycle=cycle).first()
    if fee is None:
        raise Http404("fee")
    try:
        hub_fee_remove(actor=signed_in_user(request), fee=fee)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The fee '%(name)s' is removed.") % {"name": fee})
    return cycle_redirect(cycle)


@require_POST
@login_required
@refusals_as_http
def cycle_slot_add(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    form = PickupSlotForm(request.POST, hub=cycle.hub)
    if form.is_valid():
        try:
            slot = pickup_slot_create(actor=signed_in_user(request), cycle=cycle, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The pickup slot %(slot)s is added.") % {"slot": slot})
            return cycle_redirect(cycle)
    return render_cycle_detail(request, cycle, slot_form=form, status=400)


@require_POST
@login_required
@refusals_as_http
def cycle_slot_remove(request: HttpRequest, cycle_id: int, slot_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    slot = PickupSlot.objects.select_related("pickup_point").filter(pk=slot_id, cycle=cycle).first()
    if slot is None:
        raise Http404("slot")
    try:
        pickup_slot_remove(actor=signed_in_user(request), slot=slot)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The pickup slot %(slot)s is removed.") % {"slot": slot})
    return cycle_redirect(cycle)
