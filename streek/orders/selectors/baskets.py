"""Reads on baskets: the basket as the buyer sees it, priced per line and grouped per producer.

Three queries whatever the number of lines: the lines with their offers, variants, products and
producers; the cycle's hub fees; the channel's price-list rows for those variants.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation, Product, Variant

from ..models import Basket, BasketLine, ChannelTerms, CycleOffer, OrderCycle
from ..offer_lines import (
    crates_for,
    fee_rules,
    is_chilled,
    offer_description,
    offer_line_price,
    quantity_problem,
    variant_terms_for,
)
from ..pricing import LinePrice

# Below this many items left, a line warns that the stock is running out.
FEW_LEFT = 5
ZERO = Decimal("0")


@dataclass(frozen=True)
class BasketRow:
    line: BasketLine
    offer: CycleOffer
    variant: Variant
    product: Product
    producer: Organisation
    description: str
    quantity: int
    preparation: str
    price: LinePrice
    available: int | None
    is_chilled: bool
    case_size: int
    minimum_quantity: int
    crates: int
    crate_deposit: Decimal
    warnings: tuple[str, ...]

    @property
    def can_order(self) -> bool:
        """No problem with this line (its warnings are only about stock running low)."""
        return self.available is None or self.quantity <= self.available


@dataclass(frozen=True)
class ProducerGroup:
    producer: Organisation
    rows: tuple[BasketRow, ...]

    @property
    def amount(self) -> Decimal:
        return sum((row.price.amount for row in self.rows), ZERO)

    @property
    def amount_incl_vat(self) -> Decimal:
        return sum((row.price.amount_incl_vat for row in self.rows), ZERO)


@dataclass(frozen=True)
class BasketSummary:
    """The basket priced: goods and fees excl. VAT, VAT, deposits; `total` is what the buyer pays before delivery."""

    basket: Basket
    terms: ChannelTerms
    groups: tuple[ProducerGroup, ...]
    item_count: int
    goods_total: Decimal
    fees_total: Decimal
    vat_total: Decimal
    deposit_total: Decimal
    total: Decimal
    minimum_order_value: Decimal
    below_minimum: bool
    needs_cooled_pickup: bool
    warnings: tuple[str, ...]

    @property
    def rows(self) -> list[BasketRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def goods_incl_vat(self) -> Decimal:
        """Goods and fees with VAT, what a delivery zone's minimum is compared with."""
        return self.goods_total + self.fees_total + self.vat_total


def _row_warnings(*, description: str, quantity: int, available: int | None, problem: object) -> tuple[str, ...]:
    warnings: list[str] = []
    if problem is not None:
        warnings.append(str(problem))
    if available is not None and quantity > available:
        if available == 0:
            warnings.append(str(_("%(line)s is sold out.") % {"line": description}))
        else:
            warnings.append(
                str(_("Only %(available)s left of %(line)s.") % {"available": available, "line": description})
            )
    elif available is not None and available - quantity < FEW_LEFT:
        warnings.append(str(_("Only %(available)s left.") % {"available": available}))
    return tuple(warnings)


def basket_summary(*, basket: Basket) -> BasketSummary:
    """The basket priced on its channel, grouped per producer (by name), with what to fix before checkout."""
    terms = basket.terms
    lines = list(
        BasketLine.objects.filter(basket=basket)
        .select_related("offer__variant__product", "offer__variant__unit", "offer__exchange__producer")
        .order_by("offer__exchange__producer__name", "offer__variant__product__name_nl", "pk")
    )
    rules = fee_rules(cycle_id=basket.cycle_id)
    variant_terms = variant_terms_for(terms=terms, variant_ids=[line.offer.variant_id for line in lines])
    groups: dict[int, list[BasketRow]] = {}
    producers: dict[int, Organisation] = {}
    for line in lines:
        offer = line.offer
        variant = offer.variant
        producer = offer.exchange.producer
        description = offer_description(variant=variant, product=variant.product)
        variant_term = variant_terms.get(variant.pk)
        problem = quantity_problem(description=description, quantity=line.quantity, variant_term=variant_term)
        crates, deposit = crates_for(quantity=line.quantity, variant_term=variant_term)
        row = BasketRow(
            line=line,
            offer=offer,
            variant=variant,
            product=variant.product,
            producer=producer,
            description=description,
            quantity=line.quantity,
            preparation=line.preparation,
            price=offer_line_price(
                offer=offer, quantity=line.quantity, terms=terms, variant_term=variant_term, rules=rules
            ),
            available=offer.available,
            is_chilled=is_chilled(variant.product),
            case_size=variant_term.case_size if variant_term is not None else 1,
            minimum_quantity=variant_term.minimum_quantity if variant_term is not None else 1,
            crates=crates,
            crate_deposit=deposit,
            warnings=_row_warnings(
                description=description, quantity=line.quantity, available=offer.available, problem=problem
            ),
        )
        producers[producer.pk] = producer
        groups.setdefault(producer.pk, []).append(row)
    rows = [row for group_rows in groups.values() for row in group_rows]
    goods = sum((row.price.goods_amount for row in rows), ZERO)
    fees = sum((row.price.fee_total for row in rows), ZERO)
    vat = sum((row.price.vat_amount for row in rows), ZERO)
    deposits = sum((row.crate_deposit for row in rows), ZERO)
    below_minimum = bool(rows) and goods < terms.minimum_order_value
    needs_cooled = any(row.is_chilled for row in rows)
    warnings: list[str] = []
    if below_minimum:
        warnings.append(
            str(
                _("The minimum order on this channel is € %(minimum)s excl. VAT: add € %(missing)s.")
                % {"minimum": terms.minimum_order_value, "missing": terms.minimum_order_value - goods}
            )
        )
    if needs_cooled:
        warnings.append(str(_("Chilled or frozen products: choose a cooled pickup point or home delivery.")))
    return BasketSummary(
        basket=basket,
        terms=terms,
        groups=tuple(ProducerGroup(producer=producers[pk], rows=tuple(group)) for pk, group in groups.items()),
        item_count=sum(row.quantity for row in rows),
        goods_total=goods,
        fees_total=fees,
        vat_total=vat,
        deposit_total=deposits,
        total=goods + fees + vat + deposits,
        minimum_order_value=terms.minimum_order_value,
        below_minimum=below_minimum,
        needs_cooled_pickup=needs_cooled,
        warnings=tuple(warnings),
    )


def basket_for(
    *, cycle: OrderCycle, user: Actor | None, session_key: str, buyer_organisation: Organisation | None = None
) -> Basket | None:
    """The buyer's basket in a cycle if there is one (nothing is created)."""
    baskets = Basket.objects.select_related("cycle", "terms").filter(cycle=cycle)
    if user is not None and user.is_authenticated:
        return baskets.filter(user_id=user.pk, buyer_organisation=buyer_organisation).first()
    if not session_key:
        return None
    return baskets.filter(user__isnull=True, session_key=session_key).first()
