"""The basket: lines from many producers of one cycle, kept until checkout."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import Preparation


class Basket(BaseModel):
    """What a buyer is about to order in one cycle; a guest's basket is tied to the session until login."""

    cycle = models.ForeignKey(
        "orders.OrderCycle", on_delete=models.CASCADE, related_name="baskets", verbose_name=_("cycle")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="baskets",
        verbose_name=_("user"),
    )
    session_key = models.CharField(_("session"), max_length=40, blank=True, db_index=True)
    buyer_organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="baskets",
        verbose_name=_("buying for"),
    )
    terms = models.ForeignKey(
        "orders.ChannelTerms", on_delete=models.PROTECT, related_name="+", verbose_name=_("channel terms")
    )

    class Meta:
        verbose_name = _("basket")
        verbose_name_plural = _("baskets")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(session_key=""), name="orders_basket_has_owner"
            ),
            models.UniqueConstraint(
                fields=["cycle", "user"],
                condition=Q(user__isnull=False, buyer_organisation__isnull=True),
                name="orders_basket_unique_user",
            ),
            models.UniqueConstraint(
                fields=["cycle", "user", "buyer_organisation"],
                condition=Q(user__isnull=False, buyer_organisation__isnull=False),
                name="orders_basket_unique_user_organisation",
            ),
            models.UniqueConstraint(
                fields=["cycle", "session_key"],
                condition=Q(user__isnull=True),
                name="orders_basket_unique_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} - {self.user or self.session_key[:8]}"


class BasketLine(BaseModel):
    """A number of items of one offered variant in a basket."""

    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="lines", verbose_name=_("basket"))
    offer = models.ForeignKey(
        "orders.CycleOffer", on_delete=models.CASCADE, related_name="+", verbose_name=_("offered variant")
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    preparation = models.CharField(_("preparation"), max_length=16, choices=Preparation.choices, blank=True)

    class Meta:
        verbose_name = _("basket line")
        verbose_name_plural = _("basket lines")
        ordering = ["basket_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["basket", "offer"], name="orders_basketline_unique_offer"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="orders_basketline_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.offer}"
