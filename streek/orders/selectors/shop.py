"""The shop catalogue of a cycle: what a buyer on one channel can order, page by page, priced as it will pay.

Four queries whatever the number of products: the cycle's fees, the count, one page of offers with their
variant, product, producer and unit, and the channel's price list for that page.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from streek.catalog.choices import COLD_CHAIN_TEMPERATURES
from streek.catalog.models import Organisation, Product, Variant
from streek.core.exceptions import ApplicationError

from ..models import ChannelTerms, ChannelVariantTerm, CycleOffer, HubFee, OrderCycle
from ..pricing import FeeRule, LinePrice, line_price

MAX_PER_PAGE = 200

# The columns a shop row reads: loading only these (not every column and timestamp of six models) is a good
# part of the page's Python time. Anything else read on a row would cost a query per row: keep this complete.
SHOP_ROW_FIELDS = (
    "cycle_id",
    "exchange_id",
    "variant_id",
    "producer_price",
    "stock",
    "sold",
    "variant__product_id",
    "variant__unit_id",
    "variant__name",
    "variant__sku",
    "variant__quantity",
    "variant__vat_rate",
    "variant__is_active",
    "variant__unit__key",
    "variant__unit__label_nl",
    "variant__unit__label_fr",
    "variant__unit__label_en",
    "variant__product__organisation_id",
    "variant__product__product_type_id",
    "variant__product__name_nl",
    "variant__product__name_fr",
    "variant__product__name_en",
    "variant__product__description_nl",
    "variant__product__description_fr",
    "variant__product__description_en",
    "variant__product__storage_temperature",
    "variant__product__season_months",
    "variant__product__is_active",
    "variant__product__organisation__name",
    "variant__product__organisation__slug",
    "variant__product__organisation__kind",
    "variant__product__product_type__key",
    "variant__product__product_type__label_nl",
    "variant__product__product_type__label_fr",
    "variant__product__product_type__label_en",
)


@dataclass(frozen=True)
class ShopRow:
    """One offered variant as the shop shows it. `price` is for `case_size` items (one item or one case)."""

    offer: CycleOffer
    variant: Variant
    product: Product
    producer: Organisation
    available: int | None
    case_size: int
    minimum_quantity: int
    price: LinePrice
    is_chilled: bool

    @property
    def is_sold_out(self) -> bool:
        return self.available is not None and self.available < self.case_size


@dataclass(frozen=True)
class ShopPage:
    cycle: OrderCycle
    terms: ChannelTerms
    rows: list[ShopRow]
    page: int
    per_page: int
    total: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def fee_rules(*, cycle: OrderCycle) -> list[FeeRule]:
    """The cycle's hub fees as pricing rules (one query)."""
    return [
        FeeRule(
            kind=fee.kind, name=fee.name or str(fee.get_kind_display()), calculation=fee.calculation, amount=fee.amount
        )
        for fee in HubFee.objects.filter(cycle=cycle).order_by("kind", "pk")
    ]


def _product_type_q(key: str) -> Q:
    """The product type or any narrower one (paths are keys from the top down, joined by '/')."""
    field = "variant__product__product_type__path"
    return (
        Q(**{field: key})
        | Q(**{f"{field}__startswith": f"{key}/"})
        | Q(**{f"{field}__endswith": f"/{key}"})
        | Q(**{f"{field}__contains": f"/{key}/"})
    )


def _search_q(word: str) -> Q:
    """Offers whose product (any language), variant or producer name contains `word` (case-insensitive).

    Each name is matched in its own table, where PostgreSQL uses the trigram indexes of migration orders 0006,
    and the offers are kept by variant id: three small hashed sets instead of five ILIKEs on every offer of the
    cycle joined to its variant, product and producer (what made a search cost 100-200 ms on 10,000 offers).
    """
    by_product = Product.objects.filter(
        Q(name_nl__icontains=word) | Q(name_fr__icontains=word) | Q(name_en__icontains=word)
    ).values("pk")
    by_producer = Product.objects.filter(
        organisation_id__in=Organisation.objects.filter(name__icontains=word).values("pk")
    ).values("pk")
    return (
        Q(variant_id__in=Variant.objects.filter(name__icontains=word).values("pk"))
        | Q(variant_id__in=Variant.objects.filter(product_id__in=by_product).values("pk"))
        | Q(variant_id__in=Variant.objects.filter(product_id__in=by_producer).values("pk"))
    )


def shop_offers(
    *, cycle: OrderCycle, search: str = "", producer_id: int | None = None, product_type_key: str | None = None
) -> QuerySet[CycleOffer]:
    """The cycle's offers of active variants, filtered, grouped per producer in the order the hub added them.

    The order is on the offer's own columns so that PostgreSQL walks the index (cycle, exchange, variant)
    and stops after one page, instead of sorting every offer of a big cycle by names in other tables.
    """
    # Offers of inactive variants or products are left out by excluding the (few) inactive ones, found through
    # partial indexes (migration orders 0004), rather than by joining every offer to its variant and product.
    inactive_products = Product.objects.filter(is_active=False).values("pk")
    qs = CycleOffer.objects.filter(cycle=cycle).exclude(
        variant_id__in=Variant.objects.filter(is_active=False).values("pk")
    )
    qs = qs.exclude(variant_id__in=Variant.objects.filter(product_id__in=inactive_products).values("pk"))
    if producer_id is not None:
        qs = qs.filter(exchange__producer_id=producer_id)
    if product_type_key:
        qs = qs.filter(_product_type_q(product_type_key))
    for word in search.split()[:5]:
        qs = qs.filter(_search_q(word))
    return qs.order_by("exchange_id", "variant_id")


def shop_catalogue(
    *,
    cycle: OrderCycle,
    terms: ChannelTerms,
    page: int = 1,
    per_page: int = 48,
    search: str = "",
    producer_id: int | None = None,
    product_type_key: str | None = None,
) -> ShopPage:
    """One page of a cycle's shop for a buyer on `terms` (a channel of the cycle's hub); sold-out offers included.

    A page past the end shows the last page.
    """
    if terms.hub_id != cycle.hub_id:
        raise ApplicationError(_("These channel terms belong to another hub."), extra={"field": "terms"})
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    rules = fee_rules(cycle=cycle)
    qs = shop_offers(cycle=cycle, search=search, producer_id=producer_id, product_type_key=product_type_key)
    total = qs.count()
    num_pages = max(1, -(-total // per_page))
    page = min(max(page, 1), num_pages)
    offers = (
        list(
            # The page's ids first (a sort on the offer's own columns), then only those rows joined to their
            # variant, product, producer, type and unit: joining every offer of a big cycle before the LIMIT
            # was most of the database's time.
            CycleOffer.objects.filter(pk__in=qs.values("pk")[(page - 1) * per_page : page * per_page])
            .select_related("variant__unit", "variant__product__organisation", "variant__product__product_type")
            .only(*SHOP_ROW_FIELDS)
            .order_by("exchange_id", "variant_id")
        )
        if total
        else []
    )
    listed = (
        {
            row.variant_id: row
            for row in ChannelVariantTerm.objects.filter(
                terms=terms, variant_id__in=[o.variant_id for o in offers]
            ).only("variant_id", "price", "case_size", "minimum_quantity")
        }
        if offers
        else {}
    )
    rows = []
    for offer in offers:
        variant = offer.variant
        product = variant.product
        listing = listed.get(variant.pk)
        case_size = listing.case_size if listing else 1
        rows.append(
            ShopRow(
                offer=offer,
                variant=variant,
                product=product,
                producer=product.organisation,
                available=offer.available,
                case_size=case_size,
                minimum_quantity=listing.minimum_quantity if listing else 1,
                price=line_price(
                    quantity=case_size,
                    producer_price=offer.producer_price,
                    price_rule=terms.price_rule,
                    markup_percent=terms.markup_percent,
                    list_price=listing.price if listing else None,
                    vat_rate=Decimal(variant.vat_rate),
                    fee_rules=rules,
                ),
                is_chilled=product.storage_temperature in COLD_CHAIN_TEMPERATURES,
            )
        )
    return ShopPage(cycle=cycle, terms=terms, rows=rows, page=page, per_page=per_page, total=total)


def cycle_producer_list(*, cycle: OrderCycle) -> list[Organisation]:
    """The producers taking part in a cycle, by name (for the shop's producer filter). One query."""
    return list(Organisation.objects.filter(cycle_exchanges__cycle=cycle).order_by("name", "pk"))


def cycle_producer_choices(*, cycle: OrderCycle) -> list[tuple[int, str]]:
    """(id, name) of the producers taking part in a cycle, by name: the shop's producer filter. One query,
    no model objects (a big cycle has hundreds of producers)."""
    return list(
        Organisation.objects.filter(cycle_exchanges__cycle=cycle).order_by("name", "pk").values_list("pk", "name")
    )
