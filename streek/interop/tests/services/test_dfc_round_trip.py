"""Export, import into a fresh organisation, export again: the same RDF graph, once our own ids are set aside."""

from decimal import Decimal
from typing import Any

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.models import Organisation, Variant
from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.dfc import export, ids
from streek.interop.dfc.jsonld import to_graph
from streek.interop.models import DfcLink
from streek.interop.selectors.dfc import dfc_catalogue_get
from streek.interop.services.dfc_import import dfc_catalogue_import
from streek.interop.tests.dfc.export_data import make_producer

pytestmark = pytest.mark.django_db


def catalogue_document(organisation: Organisation) -> dict[str, Any]:
    """The organisation's catalogue as exported (without the enterprise node: the two organisations differ)."""
    return export.document(
        export.catalogue_nodes(dfc_catalogue_get(organisation_id=organisation.pk), with_enterprise=False)
    )


def without_own_ids(graph: Graph) -> Graph:
    """Our semantic ids (organisation, product and variant numbers) as blank nodes: the rest must match."""
    own = ids.base_url()

    def term(value: Any) -> Any:
        return BNode(str(value)) if isinstance(value, URIRef) and str(value).startswith(own) else value

    normalised = Graph()
    for subject, predicate, obj in graph:
        normalised.add((term(subject), predicate, term(obj)))
    return normalised


def test_export_import_export_gives_the_same_graph() -> None:
    # given a producer's catalogue exported as DFC
    producer = make_producer(products=2, variants=2)
    first = catalogue_document(producer)
    membership = MembershipFactory(organisation=OrganisationFactory(), role=MembershipRole.OWNER)

    # when it is imported into a fresh organisation, and that one's catalogue is exported
    result = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=first)
    second = catalogue_document(membership.organisation)

    # then both documents are the same graph
    assert result.ok, [str(problem) for problem in result.problems]
    assert result.created == 4
    assert Variant.objects.filter(product__organisation=membership.organisation).count() == 4
    # with the product details: allergens, nutrition (per 100 g) and claims with their evidence
    imported = membership.organisation.products.order_by("pk").first()
    assert imported is not None
    assert (imported.allergens, imported.fat, imported.salt) == (["gluten", "sulphites"], Decimal("0.20"), 0)
    assert list(imported.claims.values_list("kind", "text_en", "evidence_url")) == [
        ("biodiversity", "Flower strips around the orchard", "https://dekriek.example/bloemen")
    ]
    before, after = without_own_ids(to_graph(first)), without_own_ids(to_graph(second))
    assert len(before) == len(after)
    assert isomorphic(before, after), set(to_isomorphic(before)) ^ set(to_isomorphic(after))


def test_importing_its_own_export_again_changes_nothing() -> None:
    producer = make_producer(products=1, variants=2)
    membership = MembershipFactory(organisation=OrganisationFactory(), role=MembershipRole.OWNER)
    document = catalogue_document(producer)
    dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=document)

    again = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=document)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_importing_our_own_export_into_the_same_organisation_updates_it() -> None:
    # given a producer whose exported catalogue is imported back with a price changed
    producer = make_producer(products=1, variants=2)
    owner = MembershipFactory(organisation=producer, role=MembershipRole.OWNER).user
    document = catalogue_document(producer)
    offer = next(node for node in document["@graph"] if node["@type"] == "dfc-b:Offer")
    offer["dfc-b:hasPrice"]["dfc-b:value"] = 9.75

    # when
    result = dfc_catalogue_import(actor=owner, organisation=producer, document=document)

    # then the same variants are updated, none added, and no link to our own ids is kept
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Variant.objects.filter(product__organisation=producer).count() == 2
    assert Variant.objects.filter(product__organisation=producer, price=Decimal("9.75")).count() == 1
    assert not DfcLink.objects.exists()
