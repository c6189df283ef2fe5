"""OFN's PUT of a lone Offer or CatalogItem (its real request bodies) changes the variant's price, SKU and the stock
left in the cycles still selling it; refused for others' variants, with nothing changed."""

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory, UserFactory, issue_api_token
from streek.catalog.models import Variant
from streek.catalog.tests.factories import OrganisationFactory, VariantFactory
from streek.interop.tests.dfc_documents import OFN_FOLDER
from streek.orders.choices import CycleStatus
from streek.orders.models import CycleOffer
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, OrderCycleFactory

pytestmark = pytest.mark.django_db

LD = "application/ld+json"
SWAGGER = OFN_FOLDER / "extracted-from-swagger"
OFFER_BODY = "enterprises_enterprise_id_offers_id__PUT__request.json"
ITEM_BODY = "enterprises_enterprise_id_catalog_items_id__PUT__request.json"


def ofn_body(name: str) -> str:
    path = SWAGGER / name
    if not path.is_file():
        pytest.skip(f"SKIPPED: OFN's request body {path} is absent (the shared DFC folder)")
    return path.read_text(encoding="utf-8")


def put(client: Client, organisation_id: int, kind: str, variant_id: int, body: Any, **headers: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    target = f"/api/dfc/enterprises/{organisation_id}/{kind}/{variant_id}"
    return client.put(target, data, content_type=LD, **headers)


def owned_variant() -> tuple[Client, Variant]:
    membership = MembershipFactory(role=MembershipRole.MANAGER)
    variant = VariantFactory(product__organisation=membership.organisation, price=Decimal("2.00"), sku="OLD")
    client = Client()
    client.force_login(membership.user)
    return client, variant


def cycle_offer(variant: Variant, *, status: str = CycleStatus.PUBLISHED, closes_in: int = 3) -> CycleOffer:
    closes_at = timezone.now() + timedelta(days=closes_in)
    cycle = OrderCycleFactory(status=status, opens_at=closes_at - timedelta(days=7), closes_at=closes_at)
    exchange = CycleProducerFactory(cycle=cycle, producer=variant.product.organisation)
    offer: CycleOffer = CycleOfferFactory(exchange=exchange, variant=variant, stock=10, sold=4)
    return offer


def test_ofns_offer_body_sets_the_price_and_the_stock_left() -> None:
    # given a variant offered in an open cycle, a draft cycle and a past one
    client, variant = owned_variant()
    open_offer = cycle_offer(variant)
    draft = cycle_offer(variant, status=CycleStatus.DRAFT)
    past = cycle_offer(variant, closes_in=-1)
    # when OFN's PUT body of an offer is sent (hasPrice 9.99, stockLimitation 7)
    response = put(client, variant.product.organisation_id, "offers", variant.pk, ofn_body(OFFER_BODY))
    # then the price is set and 7 are left in the open cycle (stock = sold + 7); the others are as they were
    assert response.status_code == 204, response.content
    variant.refresh_from_db()
    assert variant.price == Decimal("9.99")
    assert variant.sku == "OLD"
    open_offer.refresh_from_db()
    assert (open_offer.stock, open_offer.available) == (11, 7)
    assert [CycleOffer.objects.get(pk=o.pk).stock for o in (draft, past)] == [10, 10]


def test_ofns_catalog_item_body_sets_the_sku_and_the_stock_left() -> None:
    client, variant = owned_variant()
    offer = cycle_offer(variant)

    response = put(client, variant.product.organisation_id, "catalog_items", variant.pk, ofn_body(ITEM_BODY))

    assert response.status_code == 204, response.content
    variant.refresh_from_db()
    assert (variant.sku, variant.price) == ("new-sku", Decimal("2.00"))
    offer.refresh_from_db()
    assert offer.available == 3


def test_a_price_node_sets_the_vat_rate_too() -> None:
    client, variant = owned_variant()
    body = {
        "@context": "https://w3id.org/dfc/ontology/context/context_1.16.0.json",
        "@type": "dfc-b:Offer",
        "dfc-b:hasPrice": {
            "@type": "dfc-b:Price",
            "dfc-b:value": 3.5,
            "dfc-b:VATrate": 21,
            "dfc-b:hasUnit": "dfc-m:Euro",
        },
    }

    response = put(client, variant.product.organisation_id, "offers", variant.pk, body)

    assert response.status_code == 204
    variant.refresh_from_db()
    assert (variant.price, variant.vat_rate) == (Decimal("3.50"), Decimal("21.00"))


def test_problems_are_a_422_naming_node_and_property_and_nothing_changes() -> None:
    client, variant = owned_variant()
    offer = cycle_offer(variant)
    body = json.loads(ofn_body(OFFER_BODY))
    body["dfc-b:stockLimitation"] = -2

    response = put(client, variant.product.organisation_id, "offers", variant.pk, body, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["node"], error["property"]) == (body["@id"], "dfc-b:stockLimitation")
    assert "whole number" in error["message"]
    variant.refresh_from_db()
    offer.refresh_from_db()
    assert (variant.price, offer.stock) == (Decimal("2.00"), 10)


def test_others_variants_are_refused_and_nothing_changes() -> None:
    # given a manager of one organisation and a variant of another
    client, own = owned_variant()
    other = VariantFactory(product__organisation=OrganisationFactory(), price=Decimal("2.00"), sku="OLD")
    offer = cycle_offer(other)
    body = ofn_body(OFFER_BODY)
    # when / then: the other organisation's path is refused, its variant under our path is not found
    assert put(client, other.product.organisation_id, "offers", other.pk, body).status_code == 403
    assert put(client, own.product.organisation_id, "offers", other.pk, body).status_code == 404
    # a staff member may not write, an anonymous client not at all
    staff = MembershipFactory(organisation=own.product.organisation, role=MembershipRole.STAFF).user
    client.force_login(staff)
    assert put(client, own.product.organisation_id, "offers", own.pk, body).status_code == 403
    assert put(Client(), own.product.organisation_id, "offers", own.pk, body).status_code == 401
    client.force_login(UserFactory())
    assert put(client, own.product.organisation_id, "catalog_items", own.pk, ofn_body(ITEM_BODY)).status_code == 403
    for variant in (own, other):
        variant.refresh_from_db()
        assert (variant.price, variant.sku) == (Decimal("2.00"), "OLD")
    offer.refresh_from_db()
    assert offer.stock == 10


def test_a_token_needs_dfc_write_and_its_own_organisation() -> None:
    _client, variant = owned_variant()
    organisation = variant.product.organisation
    _row, writer = issue_api_token(organisation=organisation, scopes=["dfc:write"])
    _row, reader = issue_api_token(organisation=organisation, scopes=["dfc:read"])
    _row, stranger = issue_api_token(organisation=OrganisationFactory(), scopes=["dfc:write"])
    body = ofn_body(OFFER_BODY)
    client = Client()

    assert (
        put(client, organisation.pk, "offers", variant.pk, body, HTTP_AUTHORIZATION=f"Bearer {reader}").status_code
        == 403
    )
    assert (
        put(client, organisation.pk, "offers", variant.pk, body, HTTP_AUTHORIZATION=f"Bearer {stranger}").status_code
        == 404
    )
    variant.refresh_from_db()
    assert variant.price == Decimal("2.00")
    assert (
        put(client, organisation.pk, "offers", variant.pk, body, HTTP_AUTHORIZATION=f"Bearer {writer}").status_code
        == 204
    )
    variant.refresh_from_db()
    assert variant.price == Decimal("9.99")


def test_the_dfc_openapi_documents_the_puts_next_to_the_gets() -> None:
    paths = Client().get("/api/dfc/openapi.json").json()["paths"]
    assert {"get", "put"} <= set(paths["/api/dfc/enterprises/{enterprise_id}/offers/{offer_id}"])
    assert {"get", "put"} <= set(paths["/api/dfc/enterprises/{enterprise_id}/catalog_items/{item_id}"])
    assert "get" in paths["/api/dfc/enterprises/{enterprise_id}/sale_sessions"]
