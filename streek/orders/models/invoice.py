"""Invoices and credit notes: numbered without gaps per issuing organisation, immutable once issued."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import InvoiceKind, InvoiceLineKind


class InvoiceSequence(BaseModel):
    """The last number an organisation issued in a year; incremented under a row lock, so there are no gaps."""

    issuer = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("issuer")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice sequence")
        verbose_name_plural = _("invoice sequences")
        ordering = ["issuer_id", "year"]
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="orders_invoicesequence_unique")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"


class Invoice(BaseModel):
    """An invoice or credit note as issued: every party and amount is a snapshot, never recomputed.

    Corrections are made only by a credit note (`kind=credit_note`, `credits` the corrected invoice)
    with negative amounts. The PDF is rendered once from these fields and kept.
    """

    issuer = models.ForeignKey(
        "catalog.Organisation", on_delete=models.PROTECT, related_name="invoices_issued", verbose_name=_("issuer")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence_number = models.PositiveIntegerField(_("sequence number"))
    number = models.CharField(_("number"), max_length=30)
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("order"),
    )
    credits = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("corrects invoice"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    issuer_name = models.CharField(_("issuer name"), max_length=200)
    issuer_address = models.CharField(_("issuer address"), max_length=400)
    issuer_enterprise_number = models.CharField(_("issuer enterprise number"), max_length=20)
    buyer_name = models.CharField(_("buyer name"), max_length=200)
    buyer_address = models.CharField(_("buyer address"), max_length=400, blank=True)
    buyer_enterprise_number = models.CharField(_("buyer enterprise number"), max_length=20, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    subtotal = models.DecimalField(_("total excl. VAT"), max_digits=12, decimal_places=2)
    vat_total = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    deposit_total = models.DecimalField(_("crate deposits"), max_digits=12, decimal_places=2, default=0)
    total = models.DecimalField(_("total incl. VAT"), max_digits=12, decimal_places=2)
    vat_breakdown = models.JSONField(_("VAT per rate"), default=list)
    structured_communication = models.CharField(_("structured communication"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, default="nl")
    pdf = models.FileField(_("PDF"), upload_to="invoices/%Y/", blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["issuer_id", "-year", "-sequence_number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "sequence_number"], name="orders_invoice_gapless"),
            models.UniqueConstraint(
                fields=["order"], condition=Q(kind=InvoiceKind.INVOICE), name="orders_invoice_one_per_order"
            ),
            models.CheckConstraint(
                condition=Q(kind=InvoiceKind.INVOICE, credits__isnull=True)
                | Q(kind=InvoiceKind.CREDIT_NOTE, credits__isnull=False),
                name="orders_invoice_credit_note_links",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class InvoiceLine(BaseModel):
    """One line of an invoice, as issued."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name=_("invoice"))
    order_line = models.ForeignKey(
        "orders.OrderLine", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("line")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=InvoiceLineKind.choices, default=InvoiceLineKind.GOODS)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects line"),
    )
    description = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit_price = models.DecimalField(_("unit price excl. VAT"), max_digits=12, decimal_places=4)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("amount excl. VAT"), max_digits=12, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice_id", "pk"]

    def __str__(self) -> str:
        return self.description
