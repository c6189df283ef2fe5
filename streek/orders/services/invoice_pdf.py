"""An invoice's PDF is rendered once from its snapshot and kept: never regenerated, never overwritten."""

from django.core.files.base import ContentFile
from django.db import transaction

from ..documents.pdf import invoice_render_pdf
from ..models import Invoice


@transaction.atomic
def invoice_store_pdf(*, invoice_id: int) -> Invoice:
    """Render and keep the PDF of an invoice that has none; an invoice with a PDF is returned as it is."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
    if invoice.pdf:
        return invoice
    content = invoice_render_pdf(invoice=invoice)
    invoice.pdf.save(f"{invoice.issuer_id}-{invoice.number}.pdf", ContentFile(content), save=False)
    invoice.save(update_fields=["pdf", "updated_at"])
    return invoice


def invoices_store_missing_pdfs(*, cycle_id: int) -> int:
    """Store the PDF of every invoice of a cycle's orders that has none yet; returns how many were made."""
    made = 0
    for invoice_id in Invoice.objects.filter(order__cycle_id=cycle_id, pdf="").values_list("pk", flat=True):
        invoice_store_pdf(invoice_id=invoice_id)
        made += 1
    return made
