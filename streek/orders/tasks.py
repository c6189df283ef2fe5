"""Background work of trade (django-tasks): invoice PDFs, rendered once and kept, and the messages of a closed cycle."""

from django_tasks import task


@task()
def invoice_store_pdf_task(invoice_id: int) -> str:
    """Render and keep the PDF of one invoice or credit note (nothing happens when it already has one)."""
    from .services.invoice_pdf import invoice_store_pdf

    return invoice_store_pdf(invoice_id=invoice_id).pdf.name


@task()
def cycle_invoices_store_pdf_task(cycle_id: int) -> int:
    """Render and keep the PDFs of the invoices of a closed cycle that have none yet."""
    from .services.invoice_pdf import invoices_store_missing_pdfs

    return invoices_store_missing_pdfs(cycle_id=cycle_id)


@task()
def order_cycle_closed_notify_task(cycle_id: int) -> int:
    """Mail the buyers, producers and hub of a closed cycle."""
    from .notifications import order_cycle_closed_notify

    return order_cycle_closed_notify(cycle_id=cycle_id)


@task()
def cycle_surplus_post_to_market_task(cycle_id: int) -> int:
    """Post the unsold stock of a closed cycle on the market board (producers that opted in)."""
    from .services.surplus_market import cycle_surplus_post_to_market

    return cycle_surplus_post_to_market(cycle_id=cycle_id)
