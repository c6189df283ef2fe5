"""Standing orders (business buyers) and subscription boxes (households): list, create, change, pause, stop."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.orders.access import access_basket, access_order, access_standing_order
from streek.orders.choices import FulfilmentMethod, StandingOrderKind
from streek.orders.models import DeliveryZone, PickupPoint, StandingOrder
from streek.orders.selectors.baskets import basket_summary
from streek.orders.selectors.orders import order_get_detail, standing_order_list, standing_order_upcoming
from streek.orders.services.standing import (
    StandingLineInput,
    standing_order_cancel,
    standing_order_create,
    standing_order_pause,
    standing_order_resume,
    standing_order_update,
)

from ...inventory.http import refusals_as_http, signed_in_user
from ..buyer import guest_token
from ..forms import MAX_QUANTITY, PauseForm

UPCOMING_SHOWN = 4


@dataclass(frozen=True)
class Template:
    """Where a new standing order starts from: an order or a basket of one hub, with its lines."""

    hub: Organisation
    buyer_organisation: Organisation | None
    lines: list[tuple[int, str, int, str]]  # variant id, description, quantity, preparation
    pickup_point_id: int | None = None
    delivery_zone_id: int | None = None
    street: str = ""
    postal_code: str = ""
    locality: str = ""


class StandingForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    interval_weeks = forms.TypedChoiceField(
        label=gettext_lazy("Repeat"),
        coerce=int,
        choices=[
            (1, gettext_lazy("Every week")),
            (2, gettext_lazy("Every two weeks")),
            (4, gettext_lazy("Every four weeks")),
        ],
    )
    starts_on = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=gettext_lazy("Until (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    fulfilment_method = forms.ChoiceField(
        label=gettext_lazy("Pickup or delivery"), choices=FulfilmentMethod.choices, widget=forms.RadioSelect
    )
    pickup_point = forms.TypedChoiceField(
        label=gettext_lazy("Pickup point"), required=False, coerce=int, empty_value=None
    )
    delivery_zone = forms.TypedChoiceField(
        label=gettext_lazy("Delivery zone"), required=False, coerce=int, empty_value=None
    )
    street = forms.CharField(label=gettext_lazy("Street and number"), required=False, max_length=200)
    postal_code = forms.CharField(label=gettext_lazy("Postal code"), required=False, max_length=10)
    locality = forms.CharField(label=gettext_lazy("Locality"), required=False, max_length=120)
    note = forms.CharField(label=gettext_lazy("Note to the hub"), required=False, max_length=500)

    def __init__(self, *args: Any, points: list[PickupPoint], zones: list[DeliveryZone], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "standing-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["pickup_point"]).choices = [
            ("", _("Choose a pickup point")),
            *[(p.pk, f"{p.name}{' (' + str(_('cooled')) + ')' if p.is_cooled else ''}") for p in points],
        ]
        cast(forms.ChoiceField, self.fields["delivery_zone"]).choices = [
            ("", _("Choose a zone")),
            *[(z.pk, z.name) for z in zones],
        ]


def _line_quantities(request: HttpRequest, variant_ids: list[int]) -> dict[int, int] | None:
    """The posted quantity of each line (`quantity-<variant id>`); None when one is not a whole number."""
    quantities = {}
    for variant_id in variant_ids:
        raw = request.POST.get(f"quantity-{variant_id}", "0").strip() or "0"
        if not raw.isdigit() or int(raw) > MAX_QUANTITY:
            return None
        quantities[variant_id] = int(raw)
    return quantities


def _template(request: HttpRequest, user: User) -> Template:
    """The order (?order=) or basket (?basket=) a new standing order copies."""
    source = request.GET.get("order") or request.POST.get("order")
    if source and source.isdigit():
        order = access_order(actor=user, order_id=int(source))
        detail = order_get_detail(order=order)
        slot = order.pickup_slot
        return Template(
            hub=order.hub,
            buyer_organisation=order.buyer_organisation,
            lines=[
                (line.variant_id, line.description, line.quantity, line.preparation)
                for line in detail.lines
                if not line.is_out_of_stock
            ],
            pickup_point_id=slot.pickup_point_id if slot is not None else None,
            delivery_zone_id=order.delivery_zone_id,
            street=order.delivery_street,
            postal_code=order.delivery_postal_code,
            locality=order.delivery_locality,
        )
    source = request.GET.get("basket") or request.POST.get("basket")
    if source and source.isdigit():
        basket = access_basket(actor=user, basket_id=int(source), session_key=guest_token(request))
        summary = basket_summary(basket=basket)
        return Template(
            hub=basket.cycle.hub,
            buyer_organisation=basket.buyer_organisation,
            lines=[(row.variant.pk, row.description, row.quantity, row.preparation) for row in summary.rows],
        )
    raise Http404("order or basket")


@require_GET
@login_required
def standing_list_page(request: HttpRequest) -> HttpResponse:
    standing = standing_order_list(actor=signed_in_user(request))
    return render(request, "web/shop/standing_list.html", {"standing_orders": standing})


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def standing_create_view(request: HttpRequest) -> HttpResponse:
    """A new standing order or subscription box with the lines of an order or a basket."""
    user = signed_in_user(request)
    template = _template(request, user)
    points = list(PickupPoint.objects.filter(hub=template.hub, is_active=True).order_by("name", "pk"))
    zones = list(DeliveryZone.objects.filter(hub=template.hub, is_active=True).order_by("name", "pk"))
    kind = StandingOrderKind.STANDING if template.buyer_organisation else StandingOrderKind.SUBSCRIPTION
    data = request.POST if request.method == "POST" else None
    initial = {
        "name": _("Weekly order at %(hub)s") % {"hub": template.hub.name},
        "interval_weeks": 1,
        "starts_on": timezone.localdate() + timedelta(days=1),
        "fulfilment_method": FulfilmentMethod.DELIVERY if template.delivery_zone_id else FulfilmentMethod.PICKUP,
        "pickup_point": template.pickup_point_id,
        "delivery_zone": template.delivery_zone_id,
        "street": template.street,
        "postal_code": template.postal_code,
        "locality": template.locality,
    }
    form = StandingForm(data, initial=initial, points=points, zones=zones)
    quantities = {variant_id: quantity for variant_id, _d, quantity, _p in template.lines}
    if data is not None:
        posted = _line_quantities(request, list(quantities))
        if posted is None:
            form.add_error(None, _("Enter a whole number of items for every line."))
        else:
            quantities = posted
        if posted is not None and form.is_valid():
            cleaned = form.cleaned_data
            delivery = cleaned["fulfilment_method"] == FulfilmentMethod.DELIVERY
            try:
                standing = standing_order_create(
                    actor=user,
                    hub=template.hub,
                    kind=kind,
                    name=cleaned["name"],
                    lines=[
                        StandingLineInput(variant_id=variant_id, quantity=posted[variant_id], preparation=preparation)
                        for variant_id, _d, _q, preparation in template.lines
                        if posted[variant_id] > 0
                    ],
                    fulfilment_method=cleaned["fulfilment_method"],
                    starts_on=cleaned["starts_on"],
                    interval_weeks=cleaned["interval_weeks"],
                    ends_on=cleaned["ends_on"],
                    buyer_organisation=template.buyer_organisation,
                    pickup_point=None
                    if delivery
                    else next((p for p in points if p.pk == cleaned["pickup_point"]), None),
                    delivery_zone=next((z for z in zones if z.pk == cleaned["delivery_zone"]), None)
                    if delivery
                    else None,
                    street=cleaned["street"] if delivery else "",
                    postal_code=cleaned["postal_code"] if delivery else "",
                    locality=cleaned["locality"] if delivery else "",
                    note=cleaned["note"],
                )
            except ApplicationError as error:
                field = str(error.extra.get("field", ""))
                form.add_error(field if field in form.fields else None, error.message)
            else:
                messages.success(request, _("'%(name)s' is set up.") % {"name": standing.name})
                return HttpResponseRedirect(reverse("web:standing_detail", args=[standing.pk]))
    return render(
        request,
        "web/shop/standing_form.html",
        {
            "form": form,
            "template": template,
            "kind_label": StandingOrderKind(kind).label,
            "lines": [
                (variant_id, description, quantities[variant_id]) for variant_id, description, _q, _p in template.lines
            ],
            "source": request.GET.urlencode() if request.method == "GET" else "",
            "source_order": request.GET.get("order") or request.POST.get("order") or "",
            "source_basket": request.GET.get("basket") or request.POST.get("basket") or "",
        },
        status=400 if data is not None else 200,
    )


@require_GET
@login_required
@refusals_as_http
def standing_detail_page(request: HttpRequest, standing_id: int) -> HttpResponse:
    user = signed_in_user(request)
    standing = access_standing_order(actor=user, standing_order_id=standing_id)
    upcoming = standing_order_upcoming(standing_order=standing, count=UPCOMING_SHOWN)
    return render(
        request,
        "web/shop/standing_detail.html",
        {
            "standing": standing,
            "lines": list(standing.lines.select_related("variant__product", "variant__unit").order_by("pk")),
            "upcoming": upcoming,
            "pause_form": PauseForm(auto_id="pause-%s", initial={"until": timezone.localdate() + timedelta(days=14)}),
        },
    )


def _detail_url(standing: StandingOrder) -> str:
    return reverse("web:standing_detail", args=[standing.pk])


@require_POST
@login_required
@refusals_as_http
def standing_lines_view(request: HttpRequest, standing_id: int) -> HttpResponse:
    """Change the quantities of the lines (0 removes a line)."""
    user = signed_in_user(request)
    standing = access_standing_order(actor=user, standing_order_id=standing_id, for_write=True)
    current = list(standing.lines.all().order_by("pk"))
    quantities = _line_quantities(request, [line.variant_id for line in current])
    if quantities is None:
        messages.error(request, _("Enter a whole number of items for every line."))
        return HttpResponseRedirect(_detail_url(standing))
    lines = [
        StandingLineInput(
            variant_id=line.variant_id, quantity=quantities[line.variant_id], preparation=line.preparation
        )
        for line in current
        if quantities[line.variant_id] > 0
    ]
    try:
        standing_order_update(actor=user, standing_order=standing, lines=lines)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The lines are saved; orders already placed keep theirs."))
    return HttpResponseRedirect(_detail_url(standing))


@require_POST
@login_required
@refusals_as_http
def standing_pause_view(request: HttpRequest, standing_id: int) -> HttpResponse:
    user = signed_in_user(request)
    standing = access_standing_order(actor=user, standing_order_id=standing_id, for_write=True)
    form = PauseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the day until which to pause."))
        return HttpResponseRedirect(_detail_url(standing))
    until: date = form.cleaned_data["until"]
    try:
        standing_order_pause(actor=user, standing_order=standing, until=until)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Paused until %(day)s.") % {"day": formats.date_format(until, "DATE_FORMAT")})
    return HttpResponseRedirect(_detail_url(standing))


@require_POST
@login_required
@refusals_as_http
def standing_resume_view(request: HttpRequest, standing_id: int) -> HttpResponse:
    user = signed_in_user(request)
    standing = access_standing_order(actor=user, standing_order_id=standing_id, for_write=True)
    try:
        standing_order_resume(actor=user, standing_order=standing)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Resumed."))
    return HttpResponseRedirect(_detail_url(standing))


@require_POST
@login_required
@refusals_as_http
def standing_cancel_view(request: HttpRequest, standing_id: int) -> HttpResponse:
    user = signed_in_user(request)
    standing = access_standing_order(actor=user, standing_order_id=standing_id, for_write=True)
    try:
        standing = standing_order_cancel(actor=user, standing_order=standing)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("'%(name)s' is stopped; orders already placed stay.") % {"name": standing.name})
    return HttpResponseRedirect(_detail_url(standing))
