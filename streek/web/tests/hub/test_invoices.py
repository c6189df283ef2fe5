from decimal import Decimal

import pytest
from django.urls import reverse

from streek.orders.choices import InvoiceKind
from streek.orders.models import Invoice, InvoiceLine
from streek.orders.services.cycle_close import order_cycle_close
from streek.orders.services.invoice_pdf import invoices_store_missing_pdfs

from .scenario import Trading, client_for, trading

pytestmark = pytest.mark.django_db


def closed(orders: int = 1, *, pdfs: bool = True) -> Trading:
    """A closed cycle; its invoice PDFs made as the task after the commit makes them (unless pdfs=False)."""
    scene = trading(orders=orders)
    order_cycle_close(actor=scene.team.owner, cycle=scene.cycle)
    if pdfs:
        invoices_store_missing_pdfs(cycle_id=scene.cycle.pk)
    return scene


def test_the_invoices_of_a_closed_cycle_are_listed_with_their_pdfs_ready() -> None:
    scene = closed(orders=2)

    response = client_for(scene.team.staff).get(reverse("web:hub_cycle_invoices", args=[scene.cycle.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for invoice in Invoice.objects.all():
        assert invoice.number in page
        assert reverse("web:hub_invoice_pdf", args=[invoice.pk]) in page
    assert "The PDFs of all 2 invoices are ready." in page
    assert "Credit note" not in page  # staff do not issue credit notes


def test_while_the_pdfs_are_made_the_page_polls_and_htmx_gets_only_the_progress() -> None:
    scene = closed(orders=2, pdfs=False)
    url = reverse("web:hub_cycle_invoices", args=[scene.cycle.pk])

    page = client_for(scene.team.owner).get(url).content.decode()
    assert "Making the invoice PDFs: 0 of 2 ready" in page
    assert f'hx-get="{url}"' in page

    response = client_for(scene.team.owner).get(
        reverse("web:hub_cycle_invoices", args=[scene.cycle.pk]), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="pdf-progress"')


def test_the_pdf_of_an_invoice_is_downloaded_and_made_now_when_the_task_has_not_run() -> None:
    scene = closed(pdfs=False)
    invoice = Invoice.objects.get()

    response = client_for(scene.team.owner).get(reverse("web:hub_invoice_pdf", args=[invoice.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    invoice.refresh_from_db()
    assert invoice.pdf


def test_a_credit_note_for_some_lines() -> None:
    # given an invoice with a line of 2 carrots
    scene = closed()
    invoice = Invoice.objects.get()
    carrots = InvoiceLine.objects.get(invoice=invoice, description__startswith="Wortelen")
    lines = list(invoice.lines.order_by("pk"))
    data: dict[str, str] = {
        "reason": "Wortelen waren beschadigd",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": str(len(lines)),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for index, line in enumerate(lines):
        data[f"lines-{index}-line"] = str(line.pk)
        data[f"lines-{index}-quantity"] = "1" if line.pk == carrots.pk else ""

    # when
    response = client_for(scene.team.owner).post(reverse("web:hub_credit_note", args=[invoice.pk]), data)

    # then
    assert response.status_code == 302
    credit = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    (line,) = credit.lines.all()
    assert (credit.credits, credit.reason) == (invoice, "Wortelen waren beschadigd")
    assert (line.corrects, line.quantity) == (carrots, Decimal("1.000"))
    assert line.amount < 0


def test_a_credit_note_needs_a_reason_and_staff_or_another_hub_cannot_issue_one() -> None:
    scene = closed()
    invoice = Invoice.objects.get()
    url = reverse("web:hub_credit_note", args=[invoice.pk])
    data = {"reason": "", "everything": "on", "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0"}

    missing = client_for(scene.team.owner).post(url, data)
    staff = client_for(scene.team.staff).post(url, {**data, "reason": "fout"})
    stranger = client_for(scene.team.stranger).post(url, {**data, "reason": "fout"})
    buyer = client_for(scene.orders[0].buyer).post(url, {**data, "reason": "fout"})

    assert missing.status_code == 400
    assert "reason" in missing.context["form"].errors
    assert (staff.status_code, stranger.status_code, buyer.status_code) == (403, 404, 404)
    assert Invoice.objects.count() == 1


def test_crediting_everything_twice_is_refused_the_second_time() -> None:
    scene = closed()
    invoice = Invoice.objects.get()
    url = reverse("web:hub_credit_note", args=[invoice.pk])
    data = {"reason": "Geannuleerd", "everything": "on", "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0"}
    client = client_for(scene.team.owner)

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == 302
    assert second.status_code == 400
    assert "already credited" in second.content.decode()
    assert Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).count() == 1
