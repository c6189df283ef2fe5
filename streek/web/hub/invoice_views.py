"""Invoices of a cycle: the list (with the PDFs being made after closing), a PDF download, and credit notes.

An issued invoice never changes: its PDF is rendered once and kept; corrections are credit notes.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from streek.core.exceptions import ApplicationError
from streek.orders.access import is_editor
from streek.orders.choices import InvoiceKind
from streek.orders.models import InvoiceLine
from streek.orders.services.invoice_pdf import invoice_store_pdf
from streek.orders.services.invoices import credit_note_issue

from ..inventory.http import refusals_as_http, signed_in_user
from .http import hub_cycle_get, hub_invoice_get, show_service_error
from .reads import cycle_invoices, invoice_pdf_progress


@require_GET
@login_required
@refusals_as_http
def cycle_invoices_view(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id)
    progress = invoice_pdf_progress(cycle=cycle)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "web/hub/_pdf_progress.html", {"cycle": cycle, "progress": progress})
    return render(
        request,
        "web/hub/cycle_invoices.html",
        {
            "hub": cycle.hub,
            "cycle": cycle,
            "invoices": cycle_invoices(cycle=cycle),
            "progress": progress,
            "can_edit": is_editor(actor=request.user, organisation_id=cycle.hub_id),
        },
    )


@require_GET
@login_required
@refusals_as_http
def invoice_pdf(request: HttpRequest, invoice_id: int) -> HttpResponse:
    """The kept PDF; rendered and kept now when the background task has not made it yet."""
    invoice = hub_invoice_get(request, invoice_id)
    if not invoice.pdf:
        invoice = invoice_store_pdf(invoice_id=invoice.pk)
    with invoice.pdf.open("rb") as stored:
        content = stored.read()
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response


class CreditNoteForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("reason"), max_length=300)
    everything = forms.BooleanField(
        label=gettext_lazy("Credit everything not yet credited"),
        required=False,
        help_text=gettext_lazy("Otherwise fill in the quantities to credit per line below."),
    )


class CreditLineForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.DecimalField(
        label=gettext_lazy("quantity to credit"),
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal"}),
    )


CreditLineFormSet = forms.formset_factory(CreditLineForm, extra=0, max_num=2000, validate_max=True)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def credit_note_create(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = hub_invoice_get(request, invoice_id, for_write=True)
    lines = list(InvoiceLine.objects.filter(invoice=invoice).order_by("pk"))
    by_id = {line.pk: line for line in lines}
    bound = request.method == "POST"
    form = CreditNoteForm(request.POST if bound else None)
    formset = CreditLineFormSet(
        request.POST if bound else None, prefix="lines", initial=[{"line": line.pk} for line in lines]
    )
    if bound and invoice.kind != InvoiceKind.INVOICE:
        form.add_error(None, _("A credit note corrects an invoice, not another credit note."))
    if bound and form.is_valid() and formset.is_valid():
        asked: list[tuple[InvoiceLine, Decimal | int]] | None = None
        if not form.cleaned_data["everything"]:
            asked = [
                (by_id[row.cleaned_data["line"]], row.cleaned_data["quantity"])
                for row in formset
                if row.cleaned_data.get("quantity") and row.cleaned_data["line"] in by_id
            ]
            if not asked:
                form.add_error("everything", _("Tick 'credit everything' or fill in at least one quantity."))
        if not form.errors:
            try:
                credit = credit_note_issue(
                    actor=signed_in_user(request), invoice=invoice, lines=asked, reason=form.cleaned_data["reason"]
                )
            except ApplicationError as error:
                show_service_error(form, error, field_map={"lines": "everything", "invoice": "reason"})
            else:
                messages.success(
                    request,
                    _("Credit note %(number)s corrects invoice %(invoice)s.")
                    % {"number": credit.number, "invoice": invoice.number},
                )
                if invoice.order is not None:
                    return redirect("web:hub_cycle_invoices", cycle_id=invoice.order.cycle_id)
                return redirect("web:hub_home", hub_id=invoice.issuer_id)
    rows: list[tuple[Any, InvoiceLine | None]] = [(row, by_id.get(_int(row["line"].value()))) for row in formset]
    return render(
        request,
        "web/hub/credit_note_form.html",
        {"hub": invoice.issuer, "invoice": invoice, "form": form, "formset": formset, "rows": rows},
        status=400 if bound else 200,
    )


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
