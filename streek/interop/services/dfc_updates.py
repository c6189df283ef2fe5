"""Updates of one variant through DFC, as Open Food Network sends them: PUT of a lone Offer or CatalogItem.

OFN's bodies (swagger/dfc.yaml): an Offer {dfc-b:hasPrice (a number, or a dfc-b:Price with value and VATrate),
dfc-b:stockLimitation} and a CatalogItem {dfc-b:sku, dfc-b:stockLimitation} (in the pre-1.0 namespace, without
@id). What they change: the price (excl. VAT) and VAT rate and the SKU of the variant; the stock left (stock
limitation) of the variant in the order cycles that are published and not closed yet (Streek keeps stock per
cycle: 0 is sold out there). Checked first (problems naming node and property), then written, all or nothing.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.catalog.access import can_edit_organisation
from streek.catalog.choices import VatRate
from streek.catalog.directory_cache import directory_changed
from streek.catalog.models import Organisation, Variant
from streek.core.exceptions import NotFound, PermissionRefused
from streek.orders.choices import CycleStatus
from streek.orders.models import CycleOffer
from streek.orders.shop_cache import shop_changed

from ..dfc import ids
from ..dfc.jsonld import DFC_B
from ..dfc.reading import (
    CATALOG_ITEM,
    HAS_PRICE,
    MAX_SKU_LENGTH,
    OFFER,
    SKU,
    VALUE,
    VAT_RATE,
    DfcGraph,
    Problem,
    number,
    read_graph,
)

STOCK_LIMITATION = DFC_B + "stockLimitation"
CENT = Decimal("0.01")
MAX_PRICE = Decimal("99999999.99")  # Variant.price: 10 digits, 2 decimals
VAT_RATES = {Decimal(value) for value in VatRate.values}
KINDS = {"offers": OFFER, "catalog_items": CATALOG_ITEM}


@dataclass
class DfcVariantUpdate:
    """What a PUT body changes (None: not stated) and its problems; `changed` the fields and offers written."""

    price: Decimal | None = None
    vat_rate: Decimal | None = None
    sku: str | None = None
    stock: int | None = None
    problems: list[Problem] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    cycle_offers: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "cycle_offers": self.cycle_offers,
            "problems": [problem.as_dict() for problem in self.problems],
        }


def _node(graph: DfcGraph, type_iri: str) -> tuple[str, dict[str, list[Any]]] | None:
    """The node of the body: the one of the expected type, else the one node that states something (OFN's
    CatalogItem body has neither @id nor @type)."""
    typed = list(graph.of_type(type_iri))
    if typed:
        return typed[0]
    stating = [(node_id, node) for node_id, node in graph.nodes.items() if any(not k.startswith("@") for k in node)]
    stating = [(node_id, node) for node_id, node in stating if not node.get("@type")]
    return stating[0] if len(stating) == 1 else None


def _price(graph: DfcGraph, node_id: str, node: dict[str, list[Any]], update: DfcVariantUpdate) -> None:
    prices = node.get(HAS_PRICE, [])
    if not prices:
        return
    first = prices[0]
    rate = None
    if "@value" in first:  # OFN's form: a bare number
        amount = number(first)
    else:
        price = graph.nodes.get(first.get("@id", ""), {})
        values = graph.literals(price, VALUE)
        amount = number(values[0]) if values else None
        rates = graph.literals(price, VAT_RATE)
        rate = number(rates[0]) if rates else None
        if rates and (rate is None or rate.quantize(CENT) not in VAT_RATES):
            message = _("the VAT rate %(value)s %% is not one of Streek's rates.") % {"value": rates[0]["@value"]}
            update.problems.append(Problem(node_id, HAS_PRICE, message))
    if amount is None or amount < 0 or amount > MAX_PRICE:
        update.problems.append(Problem(node_id, HAS_PRICE, _("the price is not an amount from 0 up.")))
        return
    update.price = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if rate is not None and rate.quantize(CENT) in VAT_RATES:
        update.vat_rate = rate.quantize(CENT)


def dfc_variant_update_read(
    document: dict[str, Any] | str | bytes, *, kind: str, organisation_id: int, variant_id: int
) -> DfcVariantUpdate:
    """What an Offer (kind "offers") or CatalogItem ("catalog_items") PUT body changes, or its problems."""
    update = DfcVariantUpdate()
    graph, problems = read_graph(document)
    if graph is None:
        update.problems = problems
        return update
    found = _node(graph, KINDS[kind])
    if found is None:
        message = _("the document has no %(type)s to apply.") % {"type": f"dfc-b:{KINDS[kind].rsplit('#', 1)[-1]}"}
        update.problems.append(Problem("", "@type", message))
        return update
    node_id, node = found
    own = ids.parse_own_id(node_id)
    if own is not None and (own[0] != kind or own[1] != organisation_id or own[2] != variant_id):
        update.problems.append(Problem(node_id, "@id", _("the @id is not the one of the address the body is sent to.")))
    if kind == "offers":
        _price(graph, node_id, node, update)
    else:
        skus = graph.literals(node, SKU)
        if skus:
            sku = str(skus[0]["@value"]).strip()
            if len(sku) > MAX_SKU_LENGTH:
                message = _("the SKU is longer than %(max)d characters.") % {"max": MAX_SKU_LENGTH}
                update.problems.append(Problem(node_id, SKU, message))
            else:
                update.sku = sku
    stocks = graph.literals(node, STOCK_LIMITATION)
    if stocks:
        stock = number(stocks[0])
        if stock is None or stock < 0 or stock != stock.to_integral_value():
            message = _("the stock limitation %(value)s is not a whole number from 0 up.") % {
                "value": stocks[0]["@value"]
            }
            update.problems.append(Problem(node_id, STOCK_LIMITATION, message))
        else:
            update.stock = int(stock)
    return update


@transaction.atomic
def dfc_variant_update(
    *,
    actor: User,
    organisation: Organisation,
    variant_id: int,
    document: dict[str, Any] | str | bytes,
    kind: str,
) -> DfcVariantUpdate:
    """Apply an OFN PUT body to the organisation's variant: all of it, or (with problems) nothing."""
    if not can_edit_organisation(actor=actor, organisation_id=organisation.pk):
        raise PermissionRefused(_("Only the owners and managers of an organisation change its catalogue."))
    variant = (
        Variant.objects.select_for_update().filter(pk=variant_id, product__organisation_id=organisation.pk).first()
    )
    if variant is None:
        raise NotFound("variant")
    update = dfc_variant_update_read(document, kind=kind, organisation_id=organisation.pk, variant_id=variant_id)
    if not update.ok:
        return update
    for name in ("price", "vat_rate", "sku"):
        value = getattr(update, name)
        if value is not None and getattr(variant, name) != value:
            setattr(variant, name, value)
            update.changed.append(name)
    if update.changed:
        variant.full_clean()
        variant.save(update_fields=[*update.changed, "updated_at"])
        directory_changed()
    if update.stock is not None:
        # the stock left becomes `stock` in every cycle still to sell; sold only grows at checkout, so stock = sold
        # + the stock left keeps sold <= stock (the orders_no_oversell constraint) whatever is sold meanwhile
        offers = CycleOffer.objects.filter(
            variant=variant, cycle__status=CycleStatus.PUBLISHED, cycle__closes_at__gt=timezone.now()
        )
        update.cycle_offers = offers.update(stock=F("sold") + update.stock, updated_at=timezone.now())
        if update.cycle_offers:
            update.changed.append("stock")
            shop_changed()
    return update
