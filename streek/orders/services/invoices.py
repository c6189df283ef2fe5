"""Invoices and credit notes: numbered without gaps per issuer and year, issued once, corrected only by credit note.

The hub that sells an order issues its invoice. A number is taken from the issuer's InvoiceSequence under a
row lock in the same transaction that writes the invoice, so a rollback gives the number back and two
issues never share or skip one. Every party, line and amount is copied onto the invoice (a snapshot): later
changes to the order, the organisation or the prices never change an issued invoice, and its PDF is rendered
once by a task after commit and kept.

Lines: the goods at their final quantities (out-of-stock lines are not charged), the hub fees per name and
VAT rate (a fee follows the VAT rate of the goods it is charged on), the delivery fee (incl. VAT, at the
rate of the principal goods), and crate deposits (outside VAT). VAT is computed per line and totalled per rate.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.core.exceptions import PermissionRefused

from ..access import is_editor
from ..choices import PAYMENT_TERM_DAYS, FeeKind, InvoiceKind, InvoiceLineKind, OrderStatus, PaymentTerms
from ..documents.pdf import invoice_render_pdf
from ..exceptions import InvoiceRefused
from ..models import Invoice, InvoiceLine, InvoiceSequence, Order, OrderLine
from ..payment_reference import is_valid_structured_communication, structured_communication
from ..pricing import HUNDRED, to_cents, vat_breakdown
from .invoice_copy import copy_invoices

ZERO = Decimal(0)
UNIT_PRICE_PLACES = Decimal("0.0001")
# The VAT rate of a delivery fee when an invoice has no goods to follow (the standard Belgian rate).
STANDARD_VAT_RATE = Decimal("21.00")
LINE_BATCH = 2000

__all__ = [
    "credit_note_issue",
    "invoice_issue_for_order",
    "invoice_render_pdf",
    "invoices_issue_for_orders",
]


def invoice_number(*, year: int, sequence_number: int) -> str:
    return f"{year}-{sequence_number:06d}"


def invoice_communication(*, year: int, sequence_number: int) -> str:
    """A structured communication of the invoice's own: two digits of the year and eight of the number."""
    return structured_communication((year % 100) * 10**8 + sequence_number % 10**8 or 1)


def _address(street: str, postal_code: str, locality: str) -> str:
    place = " ".join(part for part in (postal_code, locality) if part)
    return ", ".join(part for part in (street, place) if part)


def _allocate_numbers(*, issuer_id: int, year: int, count: int) -> int:
    """Reserve `count` consecutive numbers of an issuer's year under a row lock; returns the first."""
    InvoiceSequence.objects.bulk_create([InvoiceSequence(issuer_id=issuer_id, year=year)], ignore_conflicts=True)
    sequence = InvoiceSequence.objects.select_for_update().get(issuer_id=issuer_id, year=year)
    first = sequence.last_number + 1
    sequence.last_number += count
    sequence.save(update_fields=["last_number", "updated_at"])
    return first


class _Line(NamedTuple):
    """An invoice line being built (a tuple, not a model object: a big cycle close writes tens of thousands)."""

    kind: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    amount: Decimal
    vat_amount: Decimal
    order_line_id: int | None = None
    corrects_id: int | None = None


@dataclass
class _Draft:
    """An invoice being built in memory, with its lines, before it gets a number."""

    invoice: Invoice
    lines: list[_Line] = field(default_factory=list)

    def add(self, **values: Any) -> None:
        self.lines.append(_Line(**values))

    def total_up(self) -> None:
        taxed = [line for line in self.lines if line.kind != InvoiceLineKind.DEPOSIT]
        self.invoice.subtotal = sum((line.amount for line in taxed), ZERO)
        self.invoice.vat_total = sum((line.vat_amount for line in taxed), ZERO)
        self.invoice.deposit_total = sum(
            (line.amount for line in self.lines if line.kind == InvoiceLineKind.DEPOSIT), ZERO
        )
        self.invoice.total = self.invoice.subtotal + self.invoice.vat_total + self.invoice.deposit_total
        self.invoice.vat_breakdown = vat_breakdown((line.vat_rate, line.amount, line.vat_amount) for line in taxed)


def _vat(amount: Decimal, rate: Decimal) -> Decimal:
    return to_cents(amount * rate / HUNDRED)


def _fee_label(fee: dict[str, str]) -> str:
    if fee.get("name"):
        return str(fee["name"])
    kind = fee.get("kind", "")
    return str(FeeKind(kind).label) if kind in FeeKind.values else str(_("Hub fee"))


class _Charge(NamedTuple):
    """What an invoice needs of an order line (read as tuples: 20,000 lines load in a fraction of a second)."""

    pk: int
    order_id: int
    description: str
    quantity: int
    final_quantity: Decimal | None
    is_out_of_stock: bool
    amount: Decimal
    fee_total: Decimal
    fees: list[dict[str, str]]
    vat_rate: Decimal
    crates: int
    crate_deposit: Decimal


def _charges(order_ids: Iterable[int]) -> dict[int, list[_Charge]]:
    rows = (
        OrderLine.objects.filter(order_id__in=list(order_ids))
        .order_by("order_id", "producer_id", "pk")
        .values_list(*_Charge._fields)
    )
    charges: dict[int, list[_Charge]] = defaultdict(list)
    for row in rows:
        charge = _Charge(*row)
        charges[charge.order_id].append(charge)
    return charges


def _add_order_lines(draft: _Draft, order: Order, lines: Sequence[_Charge]) -> None:
    """Goods, fees, delivery and deposits of one order, in the invoice's language (descriptions are kept)."""
    fees: dict[tuple[str, Decimal], Decimal] = defaultdict(lambda: ZERO)
    bases: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    deposits: dict[Decimal, tuple[int, Decimal]] = {}
    for line in lines:
        if line.crates and line.crate_deposit:
            per_crate = (line.crate_deposit / line.crates).quantize(UNIT_PRICE_PLACES, rounding=ROUND_HALF_UP)
            crates, amount = deposits.get(per_crate, (0, ZERO))
            deposits[per_crate] = (crates + line.crates, amount + line.crate_deposit)
        if line.is_out_of_stock:
            continue
        quantity = line.final_quantity if line.final_quantity is not None else Decimal(line.quantity)
        goods = line.amount - line.fee_total
        rate = Decimal(line.vat_rate)
        draft.add(
            kind=InvoiceLineKind.GOODS,
            order_line_id=line.pk,
            description=line.description,
            quantity=quantity,
            unit_price=(goods / quantity).quantize(UNIT_PRICE_PLACES, rounding=ROUND_HALF_UP) if quantity else goods,
            vat_rate=rate,
            amount=goods,
            vat_amount=_vat(goods, rate),
        )
        bases[rate] += line.amount
        detailed = sum((Decimal(fee.get("amount", "0")) for fee in line.fees or []), ZERO)
        if detailed == line.fee_total:
            for fee in line.fees or []:
                fees[(_fee_label(fee), rate)] += Decimal(fee.get("amount", "0"))
        elif line.fee_total:
            fees[(str(_("Hub fees")), rate)] += line.fee_total
    for (label, rate), amount in sorted(fees.items(), key=lambda item: (item[0][0], item[0][1])):
        if amount:
            draft.add(
                kind=InvoiceLineKind.FEE,
                description=label,
                quantity=Decimal(1),
                unit_price=amount,
                vat_rate=rate,
                amount=amount,
                vat_amount=_vat(amount, rate),
            )
    if order.delivery_fee:
        rate = max(bases.items(), key=lambda item: (item[1], item[0]))[0] if bases else STANDARD_VAT_RATE
        base = to_cents(order.delivery_fee * HUNDRED / (HUNDRED + rate))
        draft.add(
            kind=InvoiceLineKind.DELIVERY,
            description=str(_("Home delivery: %(zone)s") % {"zone": order.delivery_zone or ""}),
            quantity=Decimal(1),
            unit_price=base,
            vat_rate=rate,
            amount=base,
            vat_amount=order.delivery_fee - base,
        )
    for per_crate, (crates, amount) in sorted(deposits.items()):
        draft.add(
            kind=InvoiceLineKind.DEPOSIT,
            description=str(_("Deposit on returnable crates")),
            quantity=Decimal(crates),
            unit_price=per_crate,
            vat_rate=ZERO,
            amount=amount,
            vat_amount=ZERO,
        )


def _due_on(order: Order, issued_on: date) -> date:
    days = PAYMENT_TERM_DAYS.get(PaymentTerms(order.payment_terms), 0) if order.payment_terms else 0
    due = issued_on + timedelta(days=days)
    return max(due, order.payment_due_on) if order.payment_due_on and days else due


_PARTY_FIELDS = ("name", "legal_name", "street", "postal_code", "locality", "enterprise_number")
# What `_order_draft` reads of an order: loading only these keeps thousands of orders light (no timestamps).
_ORDER_FIELDS = (
    "hub_id",
    "buyer_id",
    "buyer_organisation_id",
    "delivery_zone_id",
    "delivery_street",
    "delivery_postal_code",
    "delivery_locality",
    "delivery_fee",
    "structured_communication",
    "payment_terms",
    "payment_due_on",
    *(f"hub__{name}" for name in _PARTY_FIELDS),
    *(f"buyer_organisation__{name}" for name in _PARTY_FIELDS),
    "buyer__language",
    "buyer__first_name",
    "buyer__last_name",
    "buyer__username",
    "delivery_zone__name",
)


def _order_draft(order: Order, lines: Sequence[_Charge], issued_on: date) -> _Draft | None:
    hub: Organisation = order.hub
    buyer_org = order.buyer_organisation
    language = order.buyer.language or "nl"
    if buyer_org is not None:
        buyer_name = buyer_org.legal_name or buyer_org.name
        buyer_address = _address(buyer_org.street, buyer_org.postal_code, buyer_org.locality)
        buyer_number = buyer_org.enterprise_number
    else:
        buyer_name = order.buyer.get_full_name() or order.buyer.username
        buyer_address = _address(order.delivery_street, order.delivery_postal_code, order.delivery_locality)
        buyer_number = ""
    invoice = Invoice(
        issuer_id=hub.pk,
        kind=InvoiceKind.INVOICE,
        year=issued_on.year,
        order_id=order.pk,
        issued_on=issued_on,
        due_on=_due_on(order, issued_on),
        issuer_name=hub.legal_name or hub.name,
        issuer_address=_address(hub.street, hub.postal_code, hub.locality),
        issuer_enterprise_number=hub.enterprise_number,
        buyer_name=buyer_name,
        buyer_address=buyer_address,
        buyer_enterprise_number=buyer_number,
        structured_communication=order.structured_communication,
        language=language,
    )
    draft = _Draft(invoice=invoice)
    with translation.override(language):
        _add_order_lines(draft, order, lines)
    if not draft.lines:
        return None
    draft.total_up()
    return draft


def _number_and_save(drafts: Sequence[_Draft], *, validate: bool) -> list[Invoice]:
    """Give each draft the next numbers of its issuer's year, then write invoices and lines in bulk."""
    per_sequence: dict[tuple[int, int], list[_Draft]] = defaultdict(list)
    for draft in drafts:
        per_sequence[(draft.invoice.issuer_id, draft.invoice.year)].append(draft)
    for (issuer_id, year), group in sorted(per_sequence.items()):
        first = _allocate_numbers(issuer_id=issuer_id, year=year, count=len(group))
        for offset, draft in enumerate(group):
            invoice = draft.invoice
            invoice.sequence_number = first + offset
            invoice.number = invoice_number(year=year, sequence_number=invoice.sequence_number)
            if not is_valid_structured_communication(invoice.structured_communication):
                invoice.structured_communication = invoice_communication(
                    year=year, sequence_number=invoice.sequence_number
                )
            if validate:
                invoice.full_clean(exclude=["pdf"])
    if not validate and connection.vendor == "postgresql":
        return copy_invoices(drafts)
    invoices = Invoice.objects.bulk_create([draft.invoice for draft in drafts])
    lines = []
    for draft in drafts:
        for values in draft.lines:
            line = InvoiceLine(invoice=draft.invoice, **values._asdict())
            if validate:
                line.full_clean()
            lines.append(line)
    InvoiceLine.objects.bulk_create(lines, batch_size=LINE_BATCH)
    return invoices


def invoices_issue_for_orders(*, order_ids: Iterable[int], issued_on: date | None = None) -> list[Invoice]:
    """Issue the invoice of every order that has none yet (cancelled orders and orders with nothing to charge
    are skipped), in bulk: a few queries whatever the number of orders. Call it inside a transaction that
    holds the orders; no PDF is scheduled (see `invoice_store_pdf`)."""
    day = issued_on or timezone.localdate()
    ids = set(order_ids)
    ids -= set(Invoice.objects.filter(order_id__in=ids, kind=InvoiceKind.INVOICE).values_list("order_id", flat=True))
    if not ids:
        return []
    orders = list(
        Order.objects.filter(pk__in=ids)
        .exclude(status=OrderStatus.CANCELLED)
        .select_related("hub", "buyer", "buyer_organisation", "delivery_zone")
        .only(*_ORDER_FIELDS)
        .order_by("placed_at", "pk")
    )
    lines = _charges(order.pk for order in orders)
    drafts = [draft for order in orders if (draft := _order_draft(order, lines[order.pk], day)) is not None]
    return _number_and_save(drafts, validate=False)


def _schedule_pdf(invoice: Invoice) -> None:
    from ..tasks import invoice_store_pdf_task

    invoice_id = invoice.pk
    transaction.on_commit(lambda: invoice_store_pdf_task.enqueue(invoice_id=invoice_id))


@transaction.atomic
def invoice_issue_for_order(*, order: Order, issued_on: date | None = None) -> Invoice:
    """The invoice of an order, issued once: asked again, the invoice already issued is returned unchanged."""
    locked = Order.objects.select_for_update().filter(pk=order.pk).first()
    if locked is None:
        raise InvoiceRefused(_("The order no longer exists."), field="order")
    existing = Invoice.objects.filter(order_id=order.pk, kind=InvoiceKind.INVOICE).first()
    if existing is not None:
        return existing
    if locked.status == OrderStatus.CANCELLED:
        raise InvoiceRefused(
            _("Order %(reference)s is cancelled: there is nothing to invoice.") % {"reference": locked.reference},
            field="order",
        )
    full = Order.objects.select_related("hub", "buyer", "buyer_organisation", "delivery_zone").get(pk=order.pk)
    draft = _order_draft(full, _charges([order.pk])[order.pk], issued_on or timezone.localdate())
    if draft is None:
        raise InvoiceRefused(
            _("Order %(reference)s has no line to charge.") % {"reference": locked.reference}, field="order"
        )
    (invoice,) = _number_and_save([draft], validate=True)
    _schedule_pdf(invoice)
    return invoice


def _credited(invoice: Invoice) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    """Per line of an invoice: the quantity, amount and VAT already credited (as positive figures)."""
    rows = (
        InvoiceLine.objects.filter(corrects__invoice=invoice)
        .values("corrects_id")
        .annotate(quantity=Sum("quantity"), amount=Sum("amount"), vat=Sum("vat_amount"))
        .order_by()
    )
    return {
        row["corrects_id"]: (
            Decimal(row["quantity"]).quantize(Decimal("0.001")),
            -to_cents(Decimal(row["amount"])),
            -to_cents(Decimal(row["vat"])),
        )
        for row in rows
    }


@transaction.atomic
def credit_note_issue(
    *,
    actor: Actor,
    invoice: Invoice,
    lines: Sequence[tuple[InvoiceLine, Decimal | int]] | None,
    reason: str,
    issued_on: date | None = None,
) -> Invoice:
    """Correct an invoice by a credit note: the given lines and quantities (all that is left when None), with
    negative amounts and its own number in the issuer's sequence. The invoice itself never changes."""
    if not is_editor(actor=actor, organisation_id=invoice.issuer_id):
        raise PermissionRefused(str(_("Only the issuer's owners and managers may issue a credit note.")))
    reason = reason.strip()
    if not reason:
        raise InvoiceRefused(_("Give the reason for the credit note."), field="reason")
    original = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if original.kind != InvoiceKind.INVOICE:
        raise InvoiceRefused(_("A credit note corrects an invoice, not another credit note."), field="invoice")
    invoice_lines = {line.pk: line for line in original.lines.all()}
    credited = _credited(original)

    def left(line: InvoiceLine) -> tuple[Decimal, Decimal, Decimal]:
        quantity, amount, vat = credited.get(line.pk, (ZERO, ZERO, ZERO))
        return line.quantity - quantity, line.amount - amount, line.vat_amount - vat

    if lines is None:
        asked = [(line, left(line)[0]) for line in invoice_lines.values() if left(line)[0] > 0]
    else:
        asked = [(line, Decimal(quantity)) for line, quantity in lines]
    if not asked:
        raise InvoiceRefused(_("Everything on invoice %(number)s is already credited.") % {"number": original.number})
    day = issued_on or timezone.localdate()
    credit = Invoice(
        issuer_id=original.issuer_id,
        kind=InvoiceKind.CREDIT_NOTE,
        year=day.year,
        order_id=original.order_id,
        credits=original,
        reason=reason,
        issued_on=day,
        due_on=day,
        issuer_name=original.issuer_name,
        issuer_address=original.issuer_address,
        issuer_enterprise_number=original.issuer_enterprise_number,
        buyer_name=original.buyer_name,
        buyer_address=original.buyer_address,
        buyer_enterprise_number=original.buyer_enterprise_number,
        currency=original.currency,
        language=original.language,
    )
    draft = _Draft(invoice=credit)
    for asked_line, quantity in asked:
        line = invoice_lines.get(asked_line.pk)
        if line is None:
            raise InvoiceRefused(
                _("Line %(line)s is not on invoice %(number)s.")
                % {"line": asked_line.description, "number": original.number},
                field="lines",
            )
        quantity_left, amount_left, vat_left = left(line)
        if quantity <= 0 or quantity > quantity_left:
            raise InvoiceRefused(
                _("Line %(line)s: at most %(left)s can still be credited.")
                % {"line": line.description, "left": quantity_left.normalize()},
                field="lines",
            )
        if quantity == quantity_left:
            amount, vat = amount_left, vat_left
        else:
            amount = to_cents(line.unit_price * quantity)
            vat = _vat(amount, line.vat_rate)
        draft.add(
            kind=line.kind,
            corrects_id=line.pk,
            order_line_id=line.order_line_id,
            description=line.description,
            quantity=quantity,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            amount=-amount,
            vat_amount=-vat,
        )
        credited[line.pk] = (
            line.quantity - quantity_left + quantity,
            line.amount - amount_left + amount,
            line.vat_amount - vat_left + vat,
        )
    draft.total_up()
    (issued,) = _number_and_save([draft], validate=True)
    _schedule_pdf(issued)
    return issued
