"""A producer's preparation view: per cycle it takes part in, only its own lines, to weigh, mark out of stock
and mark prepared before the cut-off, and its pick list.

Each view: parse -> guard (access_producer_in_cycle, access_producer_order) -> service/selector -> render.
A producer never sees another producer's lines nor the hub's totals.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from streek.catalog.access import access_organisation
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.orders.access import access_producer_in_cycle, access_producer_order, is_member
from streek.orders.choices import CycleStatus, OrderStatus, ProducerOrderStatus
from streek.orders.deadlines import order_cutoff
from streek.orders.documents.csv_export import pick_list_csv
from streek.orders.documents.pdf import pick_list_pdf
from streek.orders.models import CycleProducer, Order, OrderCycle, OrderLine, ProducerOrder
from streek.orders.selectors.orders import producer_cycle_lines
from streek.orders.selectors.reports import pick_list
from streek.orders.services.orders import order_line_prepare, producer_order_mark_prepared

from ..inventory.http import refusals_as_http, signed_in_user

RECENT_CYCLES = 30


def _member_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    """The producer whose preparation this is: its members only (404 for anyone else)."""
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id)
    if not is_member(actor=request.user, organisation_id=organisation.pk):
        raise NotFound("organisation")
    return organisation


@dataclass(frozen=True)
class CycleRow:
    exchange: CycleProducer
    orders: int
    to_prepare: int


@require_GET
@login_required
@refusals_as_http
def preparation_index(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The cycles the producer takes part in, newest first, with its orders still to prepare (two queries)."""
    producer = _member_organisation(request, organisation_id)
    exchanges = list(
        CycleProducer.objects.filter(producer=producer)
        .exclude(cycle__status__in=[CycleStatus.DRAFT, CycleStatus.CANCELLED])
        .select_related("cycle__hub")
        .order_by("-cycle__fulfilment_date", "-pk")[:RECENT_CYCLES]
    )
    counts = {
        row["cycle_id"]: row
        for row in ProducerOrder.objects.filter(producer=producer, cycle_id__in=[e.cycle_id for e in exchanges])
        .exclude(order__status=OrderStatus.CANCELLED)
        .values("cycle_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(status=ProducerOrderStatus.TO_PREPARE)))
        .order_by()
    }
    rows = [
        CycleRow(
            exchange=exchange,
            orders=counts.get(exchange.cycle_id, {}).get("n", 0),
            to_prepare=counts.get(exchange.cycle_id, {}).get("open", 0),
        )
        for exchange in exchanges
    ]
    return render(request, "web/producers/preparation_index.html", {"organisation": producer, "rows": rows})


class LineForm(forms.Form):
    final_quantity = forms.DecimalField(
        label=gettext_lazy("final quantity"),
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal", "size": 6}),
    )
    out_of_stock = forms.BooleanField(label=gettext_lazy("out of stock"), required=False)


@dataclass
class PrepOrder:
    """One producer order to prepare: the buyer's order, the producer's lines, until when they may change."""

    producer_order: ProducerOrder
    order: Order
    cutoff: datetime
    editable: bool
    lines: list[OrderLine] = field(default_factory=list)


@dataclass
class PrepTotal:
    description: str
    preparation: str
    quantity: int = 0
    final_quantity: Decimal | None = None
    orders: int = 0
    out_of_stock: int = 0


def _line_editable(line: OrderLine, cycle: OrderCycle, now: datetime) -> bool:
    """What order_line_prepare accepts: a placed order of a published cycle, before its channel's cut-off."""
    if cycle.status != CycleStatus.PUBLISHED or line.order.status != OrderStatus.PLACED:
        return False
    return now < order_cutoff(cycle=cycle, terms=line.order.terms)


def _prepare(lines: list[OrderLine], cycle: OrderCycle) -> tuple[list[PrepOrder], list[PrepTotal]]:
    now = timezone.now()
    orders: dict[int, PrepOrder] = {}
    totals: dict[tuple[int, str], PrepTotal] = {}
    seen: dict[tuple[int, str], set[int]] = {}
    for line in lines:
        part = orders.get(line.producer_order_id)
        if part is None:
            part = orders[line.producer_order_id] = PrepOrder(
                producer_order=line.producer_order,
                order=line.order,
                cutoff=order_cutoff(cycle=cycle, terms=line.order.terms),
                editable=_line_editable(line, cycle, now),
            )
        part.lines.append(line)
        key = (line.variant_id, line.preparation)
        total = totals.setdefault(key, PrepTotal(description=line.description, preparation=line.preparation))
        if line.is_out_of_stock:
            total.out_of_stock += line.quantity
            continue
        total.quantity += line.quantity
        if line.final_quantity is not None:
            total.final_quantity = (total.final_quantity or Decimal(0)) + line.final_quantity
        seen.setdefault(key, set()).add(line.order_id)
        total.orders = len(seen[key])
    ordered = sorted(totals.values(), key=lambda total: (total.description.lower(), total.preparation))
    parts = sorted(orders.values(), key=lambda part: (part.order.placed_at, part.order.pk))
    return parts, ordered


@require_GET
@login_required
@refusals_as_http
def preparation_cycle(request: HttpRequest, organisation_id: int, cycle_id: int) -> HttpResponse:
    cycle = access_producer_in_cycle(actor=request.user, cycle_id=cycle_id, producer_id=organisation_id)
    producer = Organisation.objects.get(pk=organisation_id)
    parts, totals = _prepare(producer_cycle_lines(cycle=cycle, producer=producer), cycle)
    return render(
        request,
        "web/producers/preparation.html",
        {"organisation": producer, "cycle": cycle, "parts": parts, "totals": totals},
    )


def _own_line(request: HttpRequest, organisation_id: int, cycle_id: int, line_id: int) -> tuple[OrderCycle, OrderLine]:
    cycle = access_producer_in_cycle(actor=request.user, cycle_id=cycle_id, producer_id=organisation_id)
    line = (
        OrderLine.objects.select_related("order__terms", "producer_order")
        .filter(pk=line_id, producer_id=organisation_id, order__cycle=cycle)
        .first()
    )
    if line is None:
        raise Http404("line")
    access_producer_order(actor=request.user, producer_order_id=line.producer_order_id, for_write=True)
    return cycle, line


def _cycle_url(organisation_id: int, cycle_id: int) -> str:
    return reverse("web:producer_preparation_cycle", args=[organisation_id, cycle_id])


@require_POST
@login_required
@refusals_as_http
def preparation_line(request: HttpRequest, organisation_id: int, cycle_id: int, line_id: int) -> HttpResponse:
    """Set a line's final quantity or mark it out of stock; htmx swaps the row, without htmx the page reloads."""
    cycle, line = _own_line(request, organisation_id, cycle_id, line_id)
    form = LineForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            line = order_line_prepare(
                actor=signed_in_user(request),
                line=line,
                final_quantity=form.cleaned_data["final_quantity"],
                out_of_stock=form.cleaned_data["out_of_stock"],
            )
        except ApplicationError as refused:
            if isinstance(refused, NotFound | PermissionRefused):
                raise
            error = refused.message
    else:
        error = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
    if request.htmx:  # type: ignore[attr-defined]
        line.refresh_from_db()
        return render(
            request,
            "web/producers/_preparation_line.html",
            {
                "organisation_id": organisation_id,
                "cycle": cycle,
                "line": line,
                "editable": _line_editable(line, cycle, timezone.now()),
                "error": error,
                "saved": not error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("%(line)s is saved.") % {"line": line.description})
    return redirect(f"{_cycle_url(organisation_id, cycle.pk)}#line-{line.pk}")


@require_POST
@login_required
@refusals_as_http
def preparation_prepared(
    request: HttpRequest, organisation_id: int, cycle_id: int, producer_order_id: int
) -> HttpResponse:
    cycle = access_producer_in_cycle(actor=request.user, cycle_id=cycle_id, producer_id=organisation_id)
    producer_order = access_producer_order(actor=request.user, producer_order_id=producer_order_id, for_write=True)
    if producer_order.producer_id != organisation_id or producer_order.cycle_id != cycle.pk:
        raise Http404("producer order")
    try:
        producer_order_mark_prepared(actor=signed_in_user(request), producer_order=producer_order)
    except ApplicationError as refused:
        if isinstance(refused, NotFound | PermissionRefused):
            raise
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Order %(reference)s is prepared.") % {"reference": producer_order.order.reference})
    return redirect(_cycle_url(organisation_id, cycle.pk))


@require_GET
@login_required
@refusals_as_http
def preparation_pick_list(request: HttpRequest, organisation_id: int, cycle_id: int, fmt: str) -> HttpResponse:
    """The producer's own pick list, as CSV or PDF."""
    if fmt not in ("csv", "pdf"):
        raise Http404("format")
    cycle = access_producer_in_cycle(actor=request.user, cycle_id=cycle_id, producer_id=organisation_id)
    listing = pick_list(cycle=cycle, producer=Organisation.objects.get(pk=organisation_id))
    filename = slugify(f"{_('pick list')}-{cycle.name}-{listing.producer.name}")[:120] or "pick-list"
    if fmt == "csv":
        response = HttpResponse(
            pick_list_csv(pick_list=listing).encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(pick_list_pdf(pick_list=listing), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
