import json
from decimal import Decimal

import pytest
from django.utils import translation

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Product, Variant
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory
from streek.core.exceptions import PermissionRefused
from streek.interop.choices import DfcLinkKind
from streek.interop.models import DfcLink
from streek.interop.services.dfc_import import dfc_catalogue_import
from streek.interop.tests.dfc_documents import (
    apples,
    catalogue,
    group_node,
    supplied_product_id,
    variant_nodes,
)

pytestmark = pytest.mark.django_db


def _owner():  # type: ignore[no-untyped-def]
    membership = MembershipFactory(role=MembershipRole.OWNER)
    return membership.user, membership.organisation


def _rows(organisation) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(
        Variant.objects.filter(product__organisation=organisation)
        .order_by("pk")
        .values_list("pk", "product_id", "product__name_nl", "name", "quantity", "unit__key", "price", "sku")
    )


def test_imports_a_group_as_one_product_with_its_variants() -> None:
    # given an owner and OFN-shaped catalogue of one product group with two variants
    user, organisation = _owner()

    # when
    result = dfc_catalogue_import(
        actor=user, organisation=organisation, document=apples(), source="https://ofn.example"
    )

    # then
    assert result.ok, result.problems
    assert (result.created, result.updated, result.unchanged, result.products) == (2, 0, 0, 1)
    product = Product.objects.get(organisation=organisation)
    assert product.name_nl == "Appels"
    assert product.product_type.key == "apples"
    assert product.description_nl == "Jonagold van de hoogstam"
    variants = {v.name: v for v in product.variants.select_related("unit")}
    assert set(variants) == {"1 kg", "5 kg"}
    assert variants["5 kg"].quantity == Decimal("5.000")
    assert variants["5 kg"].unit.key == "Kilogram"
    assert variants["1 kg"].price == Decimal("3.50")
    assert variants["1 kg"].vat_rate == Decimal("6.00")
    assert variants["1 kg"].sku == "APL-1"
    links = DfcLink.objects.filter(organisation=organisation)
    assert links.filter(kind=DfcLinkKind.VARIANT, semantic_id=supplied_product_id(1)).get().object_id == (
        variants["1 kg"].pk
    )
    assert links.get(kind=DfcLinkKind.PRODUCT).object_id == product.pk
    assert links.first().source == "https://ofn.example"  # type: ignore[union-attr]


def test_importing_again_updates_and_never_duplicates() -> None:
    # given a catalogue imported once
    user, organisation = _owner()
    dfc_catalogue_import(actor=user, organisation=organisation, document=apples())
    before = _rows(organisation)

    # when the same document comes again (as text)
    again = dfc_catalogue_import(actor=user, organisation=organisation, document=json.dumps(apples()))

    # then nothing changes
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert _rows(organisation) == before

    # when it comes with a new price
    changed = dfc_catalogue_import(actor=user, organisation=organisation, document=apples(price="3.95"))

    # then the same rows are updated
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    after = _rows(organisation)
    assert [row[0] for row in after] == [row[0] for row in before]
    assert Variant.objects.get(sku="APL-1", product__organisation=organisation).price == Decimal("3.95")
    assert DfcLink.objects.filter(organisation=organisation).count() == 3


def test_keeps_the_variants_made_on_streek() -> None:
    # given a product imported, to which the producer added a variant here
    user, organisation = _owner()
    dfc_catalogue_import(actor=user, organisation=organisation, document=apples())
    product = Product.objects.get(organisation=organisation)
    own = VariantFactory(product=product, name="kist", sku="")

    # when the catalogue is imported again with a change
    dfc_catalogue_import(actor=user, organisation=organisation, document=apples(price=4))

    # then the producer's own variant is still there, untouched
    own.refresh_from_db()
    assert own.name == "kist"
    assert product.variants.count() == 3


def test_an_invalid_document_writes_nothing_and_names_node_and_property() -> None:
    # given a document with a unit that is not a measure, a negative price and a product without a name
    user, organisation = _owner()
    document = catalogue(
        group_node(variants=(1, 2, 3)),
        *variant_nodes(1, unit="dfc-m:Banana"),
        *variant_nodes(2, price=-1),
        *variant_nodes(3, name=""),
    )

    # when
    with translation.override("en"):
        result = dfc_catalogue_import(actor=user, organisation=organisation, document=document)
        texts = [str(problem) for problem in result.problems]

    # then nothing is written and each problem names its node and property
    assert not result.ok
    assert Product.objects.filter(organisation=organisation).count() == 0
    assert DfcLink.objects.count() == 0
    assert (
        f"Node {supplied_product_id(1)}: property dfc-b:hasQuantity: the unit "
        "https://github.com/datafoodconsortium/taxonomies/releases/latest/download/measures.rdf#Banana "
        "is not a DFC measure." in texts
    )
    assert "Node https://ofn.example/api/dfc/enterprises/7/offers/2: property dfc-b:hasPrice: the price cannot be " \
        "negative (-1)." in texts  # fmt: skip
    assert f"Node {supplied_product_id(3)}: property dfc-b:name: a SuppliedProduct needs a name." in texts


def test_a_failure_in_one_product_rolls_back_the_others() -> None:
    # given a valid product and one whose quantity has too many decimals for our model
    user, organisation = _owner()
    document = catalogue(
        *variant_nodes(1, group=None),
        *variant_nodes(2, group=None, name="Peren", quantity="0.00001"),
    )

    # when
    result = dfc_catalogue_import(actor=user, organisation=organisation, document=document)

    # then the first one is not written either
    assert not result.ok
    assert result.problems[0].node == supplied_product_id(2)
    assert Product.objects.filter(organisation=organisation).count() == 0
    assert DfcLink.objects.count() == 0


def test_bad_json_names_line_and_column() -> None:
    user, organisation = _owner()

    with translation.override("en"):
        result = dfc_catalogue_import(actor=user, organisation=organisation, document=b'{\n  "@context": ,\n}')

    assert not result.ok
    assert "line 2, column 15" in str(result.problems[0])


def test_an_unknown_remote_context_is_refused_offline() -> None:
    user, organisation = _owner()
    document = {"@context": "https://evil.example/context.jsonld", "@id": "https://x.example/1", "name": "x"}

    with translation.override("en"):
        result = dfc_catalogue_import(actor=user, organisation=organisation, document=document)

    assert not result.ok
    assert result.problems[0].property == "@context"
    assert "https://evil.example/context.jsonld" in str(result.problems[0])
    assert Product.objects.count() == 0


@pytest.mark.parametrize("role", [MembershipRole.STAFF, None])
def test_refuses_whoever_does_not_manage_the_organisation(role: str | None) -> None:
    # given staff of the organisation, or someone else entirely
    organisation = OrganisationFactory()
    user = MembershipFactory(organisation=organisation, role=role).user if role else UserFactory()

    # when / then
    with pytest.raises(PermissionRefused):
        dfc_catalogue_import(actor=user, organisation=organisation, document=apples())
    assert Product.objects.count() == 0
    assert DfcLink.objects.count() == 0


def test_dry_run_counts_but_writes_nothing() -> None:
    user, organisation = _owner()

    result = dfc_catalogue_import(actor=user, organisation=organisation, document=apples(), dry_run=True)

    assert result.ok
    assert result.created == 2
    assert Product.objects.count() == 0
    assert DfcLink.objects.count() == 0


def test_missing_product_type_and_offer_are_warnings_not_errors() -> None:
    # given a lone SuppliedProduct with no type and no catalogue item
    user, organisation = _owner()
    document = catalogue(
        {
            "@id": supplied_product_id(5),
            "@type": "dfc-b:SuppliedProduct",
            "dfc-b:name": "Honing",
            "dfc-b:hasQuantity": {
                "@type": "dfc-b:QuantitativeValue",
                "dfc-b:hasUnit": "dfc-m:Gram",
                "dfc-b:value": 450,
            },
        }
    )

    # when
    result = dfc_catalogue_import(actor=user, organisation=organisation, document=document)

    # then the product is filed under groceries and its variant waits, inactive, for a price
    assert result.ok, result.problems
    assert len(result.warnings) == 2
    variant = Variant.objects.select_related("product__product_type").get(product__organisation=organisation)
    assert variant.product.product_type.key == "local-grocery-store"
    assert variant.product.name_nl == "Honing"
    assert variant.name == ""
    assert not variant.is_active
    assert variant.price == Decimal("0.00")


def test_a_link_to_a_deleted_variant_creates_it_again() -> None:
    user, organisation = _owner()
    dfc_catalogue_import(actor=user, organisation=organisation, document=apples())
    Variant.objects.filter(sku="APL-1").delete()

    result = dfc_catalogue_import(actor=user, organisation=organisation, document=apples())

    assert (result.created, result.unchanged) == (1, 1)
    assert Variant.objects.filter(product__organisation=organisation).count() == 2
    assert DfcLink.objects.filter(organisation=organisation).count() == 3


def test_links_are_per_organisation() -> None:
    # given the same document imported by two organisations
    user, organisation = _owner()
    other_user, other = _owner()
    ProductFactory(organisation=other)

    dfc_catalogue_import(actor=user, organisation=organisation, document=apples())
    result = dfc_catalogue_import(actor=other_user, organisation=other, document=apples())

    # then each gets its own rows
    assert result.created == 2
    assert Variant.objects.filter(product__organisation=organisation).count() == 2
    assert Variant.objects.filter(product__organisation=other).count() == 2
