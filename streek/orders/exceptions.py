"""Refusals of the trade domain. Each message is translated and names what is wrong (the line, the field).

`extra` carries the same facts for the API: `offer_id` (the basket or order line's offer), `field`
(the form field to mark), `available` (what is left). Other helpers may append a class at the end.
"""

from typing import Any

from django_stubs_ext import StrOrPromise

from streek.core.exceptions import ApplicationError


class TradeError(ApplicationError):
    """A trade rule refuses the action; nothing was changed."""

    def __init__(
        self,
        message: StrOrPromise,
        *,
        offer_id: int | None = None,
        field: str = "",
        extra: dict[str, Any] | None = None,
    ) -> None:
        details = dict(extra or {})
        if offer_id is not None:
            details.setdefault("offer_id", offer_id)
        if field:
            details.setdefault("field", field)
        super().__init__(str(message), extra=details)
        self.offer_id = offer_id
        self.field = field


class BasketRefused(TradeError):
    """A basket line cannot be set: not offered, case size, minimum quantity, preparation, stock."""


class ChannelRefused(TradeError):
    """The buyer may not buy on this channel (not admitted, channel not served in this cycle)."""


class CheckoutRefused(TradeError):
    """The checkout is refused as a whole; `offer_id` names the line when one line is the reason."""


class OrderChangeRefused(TradeError):
    """An order or one of its lines can no longer be changed (cut-off, status) or not this way."""


class StandingOrderRefused(TradeError):
    """A standing order or subscription box cannot be saved as asked."""


class InvoiceRefused(TradeError):
    """An invoice or credit note cannot be issued as asked (cancelled order, nothing left to credit, no reason)."""


class CycleCloseRefused(TradeError):
    """A cycle cannot be closed (a draft or a cancelled cycle)."""


class MatchOrderRefused(TradeError):
    """A market match cannot become a standing or one-off order as asked (the hub, the variant, the party)."""
