"""Shaping the shop's rows for the page: the price per item and per case incl. VAT, the share, the badges."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from streek.orders.pricing import CENT
from streek.orders.selectors.shop import ShopRow

# Below this many items left the shop says how many there are.
LOW_STOCK = 5


@dataclass(frozen=True)
class OfferRow:
    """One offered variant as the shop page shows it to one buyer."""

    row: ShopRow
    price_case: Decimal
    price_each: Decimal
    share_percent: int
    intermediaries: int
    in_season: bool
    low_stock: int | None
    in_basket: int

    @property
    def offer_id(self) -> int:
        return self.row.offer.pk

    @property
    def step(self) -> int:
        return self.row.case_size

    @property
    def minimum(self) -> int:
        """The smallest quantity the channel accepts: the minimum rounded up to whole cases."""
        case = self.row.case_size
        return max(case, -(-self.row.minimum_quantity // case) * case)

    @property
    def initial_quantity(self) -> int:
        return self.in_basket or self.minimum

    @property
    def is_sold_out(self) -> bool:
        return self.row.is_sold_out

    @property
    def has_case_terms(self) -> bool:
        return self.row.case_size > 1 or self.row.minimum_quantity > 1


def share_percent(share: Decimal) -> int:
    return int((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def offer_rows(
    rows: list[ShopRow], *, hub_id: int, today: date, in_basket: Mapping[int, int] | None = None
) -> list[OfferRow]:
    """The page's rows; `in_basket` maps offer ids to the quantity already in the buyer's basket."""
    quantities = in_basket or {}
    shaped = []
    for row in rows:
        price = row.price
        total = price.amount_incl_vat
        product = row.product
        months = product.months
        available = row.available
        shaped.append(
            OfferRow(
                row=row,
                price_case=total,
                price_each=(total / row.case_size).quantize(CENT, rounding=ROUND_HALF_UP),
                share_percent=share_percent(price.producer_share),
                intermediaries=0 if row.producer.pk == hub_id else 1,
                in_season=0 < len(months) < 12 and product.available_in(today.month),
                low_stock=available if available is not None and 0 < available <= LOW_STOCK else None,
                in_basket=quantities.get(row.offer.pk, 0),
            )
        )
    return shaped
