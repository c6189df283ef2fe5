"""What a buyer pays for a line: the channel's price rule, the hub fees, VAT, and the producer's share.

Pure functions over Decimals, shared by the shop page, the basket, the checkout and the API, so every
place shows the same figures. Amounts are rounded to the cent per line (half up), VAT per line.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .choices import FeeCalculation, PriceRule

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FeeRule:
    """A hub fee as configured on a cycle (see HubFee)."""

    kind: str
    name: str
    calculation: str
    amount: Decimal


@dataclass(frozen=True)
class FeeAmount:
    kind: str
    name: str
    amount: Decimal

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "amount": str(self.amount)}


@dataclass(frozen=True)
class LinePrice:
    """The priced line: `amount` excl. VAT includes the fees; `producer_share` is producer value / amount."""

    quantity: int
    producer_unit_price: Decimal
    unit_price: Decimal
    fees: tuple[FeeAmount, ...] = field(default_factory=tuple)
    vat_rate: Decimal = Decimal(0)

    @property
    def goods_amount(self) -> Decimal:
        return to_cents(self.unit_price * self.quantity)

    @property
    def fee_total(self) -> Decimal:
        return sum((fee.amount for fee in self.fees), Decimal(0))

    @property
    def amount(self) -> Decimal:
        return self.goods_amount + self.fee_total

    @property
    def vat_amount(self) -> Decimal:
        return to_cents(self.amount * self.vat_rate / HUNDRED)

    @property
    def amount_incl_vat(self) -> Decimal:
        return self.amount + self.vat_amount

    @property
    def producer_amount(self) -> Decimal:
        return to_cents(self.producer_unit_price * self.quantity)

    @property
    def producer_share(self) -> Decimal:
        """The producer's value over what the buyer pays excl. VAT, 0..1 (1 when the line is free)."""
        if self.amount <= 0:
            return Decimal(1)
        return min((self.producer_amount / self.amount).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), Decimal(1))


def channel_unit_price(
    *, producer_price: Decimal, price_rule: str, markup_percent: Decimal, list_price: Decimal | None
) -> Decimal:
    """The buyer's unit price excl. VAT before fees: the channel's price list, else its rule on the producer price."""
    if list_price is not None:
        return list_price
    if price_rule == PriceRule.MARKUP:
        return to_cents(producer_price * (HUNDRED + markup_percent) / HUNDRED)
    return producer_price


def fee_amounts(*, rules: Iterable[FeeRule], producer_amount: Decimal, quantity: int) -> tuple[FeeAmount, ...]:
    """The hub fees on one line, each rounded to the cent."""
    amounts = []
    for rule in rules:
        if rule.calculation == FeeCalculation.PERCENTAGE:
            value = producer_amount * rule.amount / HUNDRED
        elif rule.calculation == FeeCalculation.PER_ITEM:
            value = rule.amount * quantity
        else:
            value = rule.amount
        amounts.append(FeeAmount(kind=rule.kind, name=rule.name, amount=to_cents(value)))
    return tuple(amounts)


def line_price(
    *,
    quantity: int,
    producer_price: Decimal,
    price_rule: str,
    markup_percent: Decimal,
    list_price: Decimal | None,
    vat_rate: Decimal,
    fee_rules: Sequence[FeeRule],
) -> LinePrice:
    """Price one line as the buyer will pay it."""
    unit_price = channel_unit_price(
        producer_price=producer_price, price_rule=price_rule, markup_percent=markup_percent, list_price=list_price
    )
    producer_amount = to_cents(producer_price * quantity)
    fees = fee_amounts(rules=fee_rules, producer_amount=producer_amount, quantity=quantity)
    return LinePrice(
        quantity=quantity, producer_unit_price=producer_price, unit_price=unit_price, fees=fees, vat_rate=vat_rate
    )


def vat_breakdown(lines: Iterable[tuple[Decimal, Decimal, Decimal]]) -> list[dict[str, str]]:
    """Totals per VAT rate from (rate, amount excl. VAT, VAT) triples, for invoices: [{rate, base, vat}]."""
    totals: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for rate, base, vat in lines:
        old_base, old_vat = totals.get(rate, (Decimal(0), Decimal(0)))
        totals[rate] = (old_base + base, old_vat + vat)
    return [{"rate": str(rate), "base": str(base), "vat": str(vat)} for rate, (base, vat) in sorted(totals.items())]
