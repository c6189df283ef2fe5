"""Importing a product's details (allergens, nutrition, claims): written with the products, updated on a re-import,
left as they are when the document says nothing, and checked first (errors naming node and property)."""

import copy
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.models import Organisation, Product, ProductClaim
from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.dfc import export
from streek.interop.selectors.dfc import dfc_catalogue_get
from streek.interop.services.dfc_import import dfc_catalogue_import
from streek.interop.tests.dfc.export_data import make_producer

pytestmark = pytest.mark.django_db


def exported(organisation: Organisation) -> dict[str, Any]:
    return export.document(export.catalogue_nodes(dfc_catalogue_get(organisation_id=organisation.pk)))


def variants(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in document["@graph"] if n["@type"] == "dfc-b:SuppliedProduct" and "dfc-b:hasQuantity" in n]


def fresh_owner() -> Any:
    return MembershipFactory(organisation=OrganisationFactory(), role=MembershipRole.OWNER)


def test_a_reimport_updates_allergens_nutrients_and_claims() -> None:
    # given a catalogue imported once
    document = exported(make_producer(products=1, variants=1))
    membership = fresh_owner()
    dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=document)
    # when it is imported again with other allergens, another fat content and another claim text
    changed = copy.deepcopy(document)
    variant = variants(changed)[0]
    variant["dfc-b:hasAllergenCharacteristic"] = [
        {"@type": "dfc-b:AllergenCharacteristic", "dfc-b:hasAllergenDimension": "dfc-m:Peanuts", "dfc-b:value": 1},
        {"@type": "dfc-b:AllergenCharacteristic", "dfc-b:hasAllergenDimension": "dfc-m:Eggs", "dfc-b:value": 0},
    ]
    variant["dfc-b:hasNutrientCharacteristic"] = [
        {"@type": "dfc-b:NutrientCharacteristic", "dfc-b:hasNutrientDimension": "dfc-m:Fat",
         "dfc-b:hasUnit": "dfc-m:Milligram", "dfc-b:value": 1500},
    ]  # fmt: skip
    claim = next(n for n in changed["@graph"] if n["@type"] == "skos:Concept")
    claim["skos:prefLabel"] = [{"@value": "Bijenhotel", "@language": "nl"}]
    result = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=changed)
    # then the product has the new details (value 0: does not contain; milligrams in grams), other nutrients kept
    assert result.ok, [str(p) for p in result.problems]
    product = Product.objects.get(organisation=membership.organisation)
    assert product.allergens == ["peanuts"]
    assert (product.fat, product.sugars) == (Decimal("1.50"), Decimal("10.40"))
    assert list(product.claims.values_list("text_nl", "text_en")) == [("Bijenhotel", "")]


def test_a_document_without_details_leaves_them_as_they_are() -> None:
    producer = make_producer(products=1, variants=1)
    owner = MembershipFactory(organisation=producer, role=MembershipRole.OWNER).user
    document = exported(producer)
    for node in variants(document):
        for key in ("dfc-b:hasAllergenCharacteristic", "dfc-b:hasNutrientCharacteristic", "dfc-b:hasClaim"):
            node.pop(key, None)

    result = dfc_catalogue_import(actor=owner, organisation=producer, document=document)

    assert result.ok
    product = Product.objects.get(organisation=producer)
    assert product.allergens == ["sulphites", "gluten"]
    assert product.fat == Decimal("0.20")
    assert ProductClaim.objects.filter(product=product).count() == 1


def test_an_unknown_allergen_is_an_error_naming_node_and_property_and_nothing_is_written() -> None:
    document = exported(make_producer(products=1, variants=1))
    variant = variants(document)[0]
    variant["dfc-b:hasAllergenCharacteristic"] = [
        {"@type": "dfc-b:AllergenCharacteristic", "dfc-b:hasAllergenDimension": "dfc-m:Kilogram", "dfc-b:value": 1}
    ]
    variant["dfc-b:hasNutrientCharacteristic"] = [
        {"@type": "dfc-b:NutrientCharacteristic", "dfc-b:hasNutrientDimension": "dfc-m:Fat",
         "dfc-b:hasUnit": "dfc-m:Litre", "dfc-b:value": 3},
    ]  # fmt: skip
    membership = fresh_owner()

    with translation.override("en"):
        result = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=document)

    assert not result.ok
    found = {(p.node, p.as_dict()["property"]): p.message for p in result.problems}
    assert "is not a DFC allergen" in found[(variant["@id"], "dfc-b:hasAllergenCharacteristic")]
    assert "is not a mass" in found[(variant["@id"], "dfc-b:hasNutrientCharacteristic")]
    assert not Product.objects.filter(organisation=membership.organisation).exists()


def test_a_claim_of_another_kind_is_left_out_with_a_warning() -> None:
    document = exported(make_producer(products=1, variants=1))
    claim = next(n for n in document["@graph"] if n["@type"] == "skos:Concept")
    claim["skos:notation"] = "tastes-great"
    membership = fresh_owner()

    result = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=document)

    assert result.ok
    assert any(w.as_dict()["property"] == "dfc-b:hasClaim" for w in result.warnings)
    assert not ProductClaim.objects.filter(product__organisation=membership.organisation).exists()
