"""Writing many invoices at once on PostgreSQL with COPY (closing a big cycle issues thousands).

`bulk_create` prepares every value of every field through the ORM (most of the time of closing a cycle of
20,000 lines); COPY takes the rows as they are. The invoice ids are taken from the table's sequence first so
that the lines can point to them. Only for drafts already numbered and totalled by `invoices.py`, inside its
transaction; SQLite (tests, development) keeps `bulk_create`.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

from ..models import Invoice, InvoiceLine

if TYPE_CHECKING:
    from .invoices import _Draft

LINE_COLUMNS = (
    "invoice_id",
    "order_line_id",
    "kind",
    "corrects_id",
    "description",
    "quantity",
    "unit_price",
    "vat_rate",
    "amount",
    "vat_amount",
)


def _invoice_value(field: models.Field, invoice: Invoice) -> Any:  # type: ignore[type-arg]
    value = getattr(invoice, field.attname)
    if isinstance(field, models.JSONField):
        return DjangoJSONEncoder().encode(value)
    if isinstance(field, models.FileField):
        return value.name or ""
    return str(value) if isinstance(value, models.Choices) else value


def copy_invoices(drafts: Sequence["_Draft"]) -> list[Invoice]:
    """Write the drafts' invoices and lines with two COPY statements; the invoices get their ids."""
    if not drafts:
        return []
    now = timezone.now()
    invoice_table = Invoice._meta.db_table
    fields = [f for f in Invoice._meta.concrete_fields]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [invoice_table, len(drafts)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        invoices = []
        for draft, pk in zip(drafts, ids, strict=True):
            invoice = draft.invoice
            invoice.pk = pk
            invoice.created_at = invoice.updated_at = now
            invoice._state.adding = False
            invoice._state.db = connection.alias
            invoices.append(invoice)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        raw = cursor.cursor  # the psycopg cursor, for COPY
        with raw.copy(f"COPY {connection.ops.quote_name(invoice_table)} ({columns}) FROM STDIN") as copy:
            for invoice in invoices:
                copy.write_row([_invoice_value(f, invoice) for f in fields])
        line_columns = ", ".join(("created_at", "updated_at", *LINE_COLUMNS))
        with raw.copy(
            f"COPY {connection.ops.quote_name(InvoiceLine._meta.db_table)} ({line_columns}) FROM STDIN"
        ) as copy:
            for draft in drafts:
                invoice_id = draft.invoice.pk
                for line in draft.lines:
                    copy.write_row(
                        (
                            now,
                            now,
                            invoice_id,
                            line.order_line_id,
                            str(line.kind),
                            line.corrects_id,
                            line.description,
                            line.quantity,
                            line.unit_price,
                            line.vat_rate,
                            line.amount,
                            line.vat_amount,
                        )
                    )
    return invoices
